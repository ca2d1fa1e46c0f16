import { readFile } from 'node:fs/promises';
import * as fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { makeTemplatePdf, preparedContract, pdftotext, renderPagePng, SAMPLE_TERMS, sampleEvents, signatureImage } from '../../test/pdf-tools';
import { CJK_FONT_FILE, embedCjkFont } from './cjk-font';
import { chinaDateTime } from '../../common/china-time';
import { ContractPdfError, prepareForSigning, renderContractForSigning } from './contract-pdf';
import { handwritingAppearance, SignatureImageError } from './handwriting';
import { wrapText } from './page-flow';

const pageCount = async (pdf: Uint8Array) => (await PDFDocument.load(pdf)).getPageCount();
/** pdftotext -layout spreads a line over columns; the assertions look at the words, not the spacing. */
const words = (text: string) => text.replace(/[ \t]+/g, ' ');

describe('renderContractForSigning', () => {
  it('keeps the template pages and appends the particulars and signing page, in Chinese that renders', async () => {
    const template = await makeTemplatePdf(2);
    const filled = await renderContractForSigning(template, SAMPLE_TERMS);

    expect(await pageCount(filled)).toBe(3);
    const text = words(await pdftotext(filled));
    expect(text).toContain('第 1 页，共 2 页');
    for (const expected of [
      '合同要素及签署页',
      '劳动者姓名 张三丰',
      '身份证号 1101**********1234',
      '手机号 13800138000',
      '用人单位 闪签云示范科技有限公司',
      '合同主体 闪签云示范科技有限公司北京分公司',
      '岗位 仓储物流专员',
      '月薪 8000.00 元',
      '入职日期 2026-12-01',
      '合同期限 3 年（2026-12-01 至 2029-11-30）',
      '申请编号 SQ202612010042',
      '用人单位（盖章） 劳动者签名',
      '签署日期： 签署日期：',
    ]) {
      expect(text).toContain(expected);
    }
    // poppler complains on stderr about a font it cannot use (and then draws nothing).
    expect((await renderPagePng(filled, 3)).stderr).toBe('');
  });

  it('draws glyphs from the subset exactly as from the whole font', async () => {
    const sample = `ASCII ${String.fromCharCode(...Array.from({ length: 95 }, (_, i) => 32 + i))} 合同要素及签署页：劳动者确认，（UTC+8）。“签名”《电子签名法》`;
    const render = async (subset: boolean) => {
      const doc = await PDFDocument.create();
      doc.registerFontkit(fontkit);
      const font = subset ? await embedCjkFont(doc) : await doc.embedFont(await readFile(CJK_FONT_FILE), { subset: false });
      const page = doc.addPage([595, 200]);
      wrapText(sample, font, 14, 555).forEach((line, i) => page.drawText(line, { x: 20, y: 170 - i * 24, size: 14, font }));
      return (await renderPagePng(await doc.save(), 1, 72)).png;
    };
    expect((await render(true)).equals(await render(false))).toBe(true);
  });

  it("fills the template's form fields named after the terms, in Chinese, and flattens the form", async () => {
    const template = await makeTemplatePdf(1, ['worker_name', 'contract.salary', 'id_number_masked', 'unrelated']);
    const filled = await renderContractForSigning(template, SAMPLE_TERMS);

    expect((await PDFDocument.load(filled)).getForm().getFields()).toHaveLength(0);
    const firstPage = (await pdftotext(filled)).split('\f')[0];
    expect(firstPage).toContain('张三丰');
    expect(firstPage).toContain('8000.00');
    expect(firstPage).toContain('1101**********1234');
    expect((await renderPagePng(filled, 1)).stderr).toBe('');
  });

  it('refuses a template that is not a PDF', async () => {
    await expect(renderContractForSigning(Buffer.from('not a pdf'), SAMPLE_TERMS)).rejects.toBeInstanceOf(ContractPdfError);
  });
});

describe('prepareForSigning', () => {
  it('dates both boxes, appends the audit trail naming both signers, and answers the boxes side by side', async () => {
    const { filled, prepared, audit, signedAt } = await preparedContract(1);

    const auditPages = (await pageCount(prepared.pdf)) - (await pageCount(filled));
    expect(auditPages).toBeGreaterThanOrEqual(1);
    const pages = (await pdftotext(prepared.pdf)).split('\f').map(words);
    expect(pages[1]).toContain(`签署日期：${chinaDateTime(signedAt)} 签署日期：${chinaDateTime(signedAt)}`);
    const auditPage = pages.slice(2).join('\n');
    for (const expected of [
      '签署审计页',
      '申请编号 SQ202612010042',
      `签署完成时间 ${chinaDateTime(signedAt)}`,
      '劳动者 张三丰',
      '身份证号 1101**********1234',
      '手机号 13800138000',
      `事件证书序列号 ${audit.worker.certificate.serial}`,
      `事件证书指纹 ${audit.worker.certificate.fingerprintSha256}`,
      '事件证书颁发者 O=闪签云测试, CN=闪签云 测试 CA',
      '用人单位 闪签云示范科技有限公司',
      '合同主体 闪签云示范科技有限公司北京分公司',
      `单位证书序列号 ${audit.employer.certificate.serial}`,
      `单位证书指纹 ${audit.employer.certificate.fingerprintSha256}`,
      '意愿确认(短信验证码)',
      `时间：${chinaDateTime(audit.events[0].at)} IP：203.0.113.10`,
      '城市：北京市',
      '116.397128,39.916527',
      `合同模板 ${audit.templateSha256}`,
      `签署前合同文件 ${audit.filledSha256}`,
      `事件哈希链头 ${audit.eventChainHead}`,
      'RFC 3161',
      `第 1 / ${auditPages} 页`,
    ]) {
      expect(auditPage).toContain(expected);
    }
    const { worker, employer } = prepared;
    expect(worker.pageIndex).toBe(1);
    expect(employer.pageIndex).toBe(1);
    expect(employer.rect[2]).toBeLessThan(worker.rect[0]);
    expect((await renderPagePng(prepared.pdf, 3)).stderr).toBe('');
    // Saved whole with a classic cross-reference: the signatures append to it.
    expect(Buffer.from(prepared.pdf).includes('/ObjStm')).toBe(false);
  });

  it('continues the audit trail on further pages when the events do not fit on one', async () => {
    const { filled, prepared } = await preparedContract(1, { events: sampleEvents(new Date(), 60) });

    expect(await pageCount(prepared.pdf)).toBeGreaterThanOrEqual((await pageCount(filled)) + 2);
    const text = await pdftotext(prepared.pdf);
    expect(text).toContain('签署审计页（续）');
    expect(text).toMatch(/第 2 \/ \d 页/);
  });

  it('prepares only a document rendered for signing, and only once', async () => {
    const { prepared, audit } = await preparedContract(1);
    const input = { signedAt: new Date(), audit };

    await expect(prepareForSigning(prepared.pdf, input)).rejects.toThrow(ContractPdfError);
    await expect(prepareForSigning(await makeTemplatePdf(1), input)).rejects.toThrow(/no signature boxes/);
  });
});

describe('handwritingAppearance', () => {
  it('refuses a signature that is not a PNG of sane size', async () => {
    const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
    const huge = await signatureImage('王五');
    huge.writeUInt32BE(100_000, 16); // IHDR width

    for (const png of [jpeg, huge]) expect(() => handwritingAppearance(png)).toThrow(SignatureImageError);
  });
});

describe('wrapText', () => {
  it('breaks Chinese anywhere but keeps numbers whole and closing punctuation off the start of a line', async () => {
    const font = await embedCjkFont(await PDFDocument.create());
    const width = font.widthOfTextAtSize('一二三四五', 10);

    expect(wrapText('一二三四五六七八九', font, 10, width)).toEqual(['一二三四五', '六七八九']);
    expect(wrapText('一二三四五，六', font, 10, width)).toEqual(['一二三四五，', '六']);
    const wider = font.widthOfTextAtSize('一二三四五六七八', 10);
    expect(wrapText('一二三四五 2026-12-01', font, 10, wider)).toEqual(['一二三四五', '2026-12-01']);
    expect(wrapText('a'.repeat(40), font, 10, width).join('')).toBe('a'.repeat(40));
    expect(wrapText('一\n\n二', font, 10, width)).toEqual(['一', '', '二']);
  });
});
