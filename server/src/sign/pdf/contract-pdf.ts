/**
 * The contract document a worker reviews and signs: the HR admin's template, unchanged, followed
 * by a particulars and signing page generated from the application, then, once signed, the
 * handwritten signature in its box and audit-trail pages that record how the signing happened.
 * The result still needs the platform's seal (PadesSigner) to be tamper-evident.
 */
import { PDFArray, PDFDict, PDFDocument, PDFFont, PDFName, PDFNumber, PDFRef, PDFTextField } from 'pdf-lib';
import { chinaDateTime } from '../../common/china-time';
import { embedCjkFont } from './cjk-font';
import { BODY_SIZE, MARGIN, MUTED, PageFlow, RULE, wrapText } from './page-flow';

export interface ContractTerms {
  applicationNo: string;
  contractName: string;
  companyName: string;
  contractBody: string;
  workerName: string;
  /** Already masked by the caller, e.g. `1101**********1234`. */
  idNumberMasked: string;
  phone: string;
  position: string;
  /** Yuan with 2 decimals, e.g. `8000.00`. */
  salary: string;
  /** YYYY-MM-DD */
  entryDate: string;
  termYears: number;
  /** YYYY-MM-DD */
  endDate: string;
}

export interface AuditEvent {
  /** e.g. 提交申请, 审核通过, 实名认证通过, 查看合同, 意愿确认(短信验证码), 签署 */
  label: string;
  at: Date;
  ip: string;
  city?: string | null;
  /** `lng,lat` */
  location?: string | null;
}

export interface AuditTrail {
  applicationNo: string;
  signerName: string;
  idNumberMasked: string;
  phone: string;
  /** Hex SHA-256 of the uploaded template. */
  templateSha256: string;
  /** Hex SHA-256 of renderContractForSigning's output, the document the worker reviewed. */
  filledSha256: string;
  events: AuditEvent[];
}

/** The PDF is unreadable (damaged, encrypted), its form cannot be filled, or it was not prepared for signing. */
export class ContractPdfError extends Error {
  override readonly name = 'ContractPdfError';
}

/** The signature image is not a PNG of sane dimensions. */
export class SignatureImageError extends Error {
  override readonly name = 'SignatureImageError';
}

/**
 * Where renderContractForSigning left the signature box, so applySignature needs nothing from the
 * caller: `<< /Page index /Rect [x1 y1 x2 y2] /Date [x y] >>` in the catalog, removed once signed
 * (which also makes a second applySignature on the same file fail instead of signing twice).
 */
const SIGNATURE_BOX_KEY = PDFName.of('ShanqianSignatureBox');
const SIGNATURE_BOX = { width: 200, height: 84, padding: 6 };
const DATE_LABEL = '签署日期：';
/** Canvas signatures are a few hundred pixels; this bounds what a decoded PNG may cost in memory. */
const MAX_SIGNATURE_PIXELS = 4096;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CONFIRMATION =
  '劳动者确认：本人已完整阅读本合同全部条款及上述合同要素，确认所列信息真实、准确，' +
  '自愿以电子签名方式签署本合同。依据《中华人民共和国电子签名法》，可靠的电子签名与手写签名或者盖章具有同等的法律效力。';

const VERIFICATION_NOTE =
  '本文件签署完成后，由闪签云平台以其数字证书加盖 PAdES 电子签名（ETSI.CAdES.detached）封存，' +
  '签名覆盖整个文件，签署后对文件的任何修改都会使签名失效。核验方法：用 Adobe Acrobat Reader 打开本文件，' +
  '在“签名”面板查看签名状态；或运行 pdfsig <文件名>（poppler-utils），应显示 “Signature is Valid”；' +
  '也可在闪签云的合同核验页面上传本文件。';

interface SignatureBox {
  pageIndex: number;
  rect: [number, number, number, number];
  /** Where the signing time is written, right after the pre-printed 签署日期 label. */
  date: [number, number];
}

/**
 * The document the worker reviews: the template's pages unchanged (its AcroForm text fields named
 * after ContractTerms keys in snake_case filled in, and the form flattened), then the particulars
 * and signing page with an empty signature box.
 */
export async function renderContractForSigning(template: Uint8Array, terms: ContractTerms): Promise<Uint8Array> {
  const doc = await loadPdf(template, 'the contract template');
  const font = await embedCjkFont(doc);
  fillTemplateForm(doc, font, terms);
  const box = drawParticulars(doc, font, terms);
  doc.catalog.set(SIGNATURE_BOX_KEY, doc.context.obj({ Page: box.pageIndex, Rect: box.rect, Date: box.date }));
  doc.setTitle(terms.contractName);
  doc.setSubject(`申请编号 ${terms.applicationNo}`);
  doc.setCreator('闪签云');
  return doc.save();
}

/** Draws the worker's signature and the signing time into the box, and appends the audit trail. */
export async function applySignature(
  filled: Uint8Array,
  input: { signaturePng: Uint8Array; signedAt: Date; audit: AuditTrail },
): Promise<Uint8Array> {
  checkPng(input.signaturePng);
  const doc = await loadPdf(filled, 'the contract to sign');
  const box = readSignatureBox(doc);
  const image = await doc.embedPng(input.signaturePng).catch((error: unknown) => {
    throw new SignatureImageError('the signature is not a readable PNG', { cause: error });
  });
  const font = await embedCjkFont(doc);
  const page = doc.getPage(box.pageIndex);
  const [x1, y1, x2, y2] = box.rect;
  const { padding } = SIGNATURE_BOX;
  const scale = Math.min((x2 - x1 - 2 * padding) / image.width, (y2 - y1 - 2 * padding) / image.height);
  const width = image.width * scale;
  const height = image.height * scale;
  page.drawImage(image, { x: x1 + (x2 - x1 - width) / 2, y: y1 + (y2 - y1 - height) / 2, width, height });
  page.drawText(chinaDateTime(input.signedAt), { x: box.date[0], y: box.date[1], size: BODY_SIZE, font });
  doc.catalog.delete(SIGNATURE_BOX_KEY);
  drawAuditTrail(doc, font, input.audit, input.signedAt);
  doc.setModificationDate(input.signedAt);
  return doc.save();
}

async function loadPdf(bytes: Uint8Array, what: string): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(bytes);
  } catch (error) {
    throw new ContractPdfError(`${what} is not a readable PDF (damaged or encrypted)`, { cause: error });
  }
}

function fillTemplateForm(doc: PDFDocument, font: PDFFont, terms: ContractTerms): void {
  if (!doc.catalog.getAcroForm()) return;
  // workerName → worker_name; fields may be hierarchical (`page1.worker_name`): the last part counts.
  const values = new Map(Object.entries(terms).map(([key, value]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), String(value)]));
  try {
    const form = doc.getForm();
    for (const field of form.getFields()) {
      const value = values.get(field.getName().split('.').pop() ?? '');
      if (value === undefined || !(field instanceof PDFTextField)) continue;
      // A field too short for the value would lose part of a legal particular: lift the limit instead.
      const maxLength = field.getMaxLength();
      if (maxLength !== undefined && value.length > maxLength) field.setMaxLength(undefined);
      field.setText(value);
    }
    // Appearances in the Chinese font (the form's own font rarely covers Chinese), then flattened
    // so what the worker reviews can no longer be edited.
    form.updateFieldAppearances(font);
    form.flatten({ updateFieldAppearances: false });
    dropDanglingAnnotations(doc);
  } catch (error) {
    throw new ContractPdfError("the contract template's form cannot be filled", { cause: error });
  }
}

/**
 * pdf-lib's flatten deletes the widgets of fields whose widgets are separate kid objects but can
 * leave them listed in the page's /Annots; readers then complain about the missing objects.
 */
function dropDanglingAnnotations(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    const annotations = page.node.Annots();
    if (!annotations) continue;
    for (let index = annotations.size() - 1; index >= 0; index--) {
      const entry = annotations.get(index);
      if (entry instanceof PDFRef && !doc.context.lookup(entry)) annotations.remove(index);
    }
  }
}

function drawParticulars(doc: PDFDocument, font: PDFFont, terms: ContractTerms): SignatureBox {
  const flow = new PageFlow(doc, font, '合同要素及签署页');
  flow.text(`本页由闪签云根据申请 ${terms.applicationNo} 生成，与前附合同文本共同构成完整的合同。`, { size: 9, color: MUTED });
  flow.gap(8);
  const particulars: [string, string][] = [
    ['合同名称', terms.contractName],
    ['用人单位', terms.companyName],
    ['合同主体', terms.contractBody],
    ['劳动者姓名', terms.workerName],
    ['身份证号', terms.idNumberMasked],
    ['手机号', terms.phone],
    ['岗位', terms.position],
    ['月薪', `${terms.salary} 元`],
    ['入职日期', terms.entryDate],
    ['合同期限', `${terms.termYears} 年（${terms.entryDate} 至 ${terms.endDate}）`],
    ['申请编号', terms.applicationNo],
  ];
  flow.rule();
  for (const [label, value] of particulars) {
    flow.field(label, value);
    flow.rule();
  }
  flow.gap(16);
  flow.text(CONFIRMATION);
  flow.gap(24);

  // Label, box and date line stay together on one page, at the right like a signature line.
  const lineHeight = flow.lineHeight();
  flow.reserve(lineHeight * 2 + SIGNATURE_BOX.height + 8);
  const indent = flow.width - SIGNATURE_BOX.width;
  flow.line([{ text: '劳动者签名', indent }]);
  flow.gap(4);
  const x = MARGIN + indent;
  const y = flow.y - SIGNATURE_BOX.height;
  flow.page.drawRectangle({ x, y, width: SIGNATURE_BOX.width, height: SIGNATURE_BOX.height, borderColor: RULE, borderWidth: 0.8 });
  flow.gap(SIGNATURE_BOX.height + 4);
  const dateBaseline = flow.line([{ text: DATE_LABEL, indent }]);
  return {
    pageIndex: doc.getPageCount() - 1,
    rect: [x, y, x + SIGNATURE_BOX.width, y + SIGNATURE_BOX.height],
    date: [x + font.widthOfTextAtSize(DATE_LABEL, BODY_SIZE), dateBaseline],
  };
}

function readSignatureBox(doc: PDFDocument): SignatureBox {
  const entry = doc.catalog.lookupMaybe(SIGNATURE_BOX_KEY, PDFDict);
  const numbers = (key: string): number[] =>
    entry
      ?.lookupMaybe(PDFName.of(key), PDFArray)
      ?.asArray()
      .map((item) => (item instanceof PDFNumber ? item.asNumber() : NaN)) ?? [];
  const page = entry?.lookupMaybe(PDFName.of('Page'), PDFNumber)?.asNumber() ?? -1;
  const rect = numbers('Rect');
  const date = numbers('Date');
  const valid = Number.isInteger(page) && page >= 0 && page < doc.getPageCount() && rect.length === 4 && date.length === 2;
  if (!valid || [...rect, ...date].some((n) => !Number.isFinite(n))) {
    throw new ContractPdfError('this PDF has no signature box: not rendered for signing, or already signed');
  }
  return { pageIndex: page, rect: rect as SignatureBox['rect'], date: date as SignatureBox['date'] };
}

/** Reads the IHDR before pdf-lib decodes the whole image: a small PNG can declare a huge canvas. */
function checkPng(png: Uint8Array): void {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  const isPng = bytes.length > 24 && bytes.subarray(0, 8).equals(PNG_MAGIC) && bytes.toString('latin1', 12, 16) === 'IHDR';
  const width = isPng ? bytes.readUInt32BE(16) : 0;
  const height = isPng ? bytes.readUInt32BE(20) : 0;
  if (!width || !height || width > MAX_SIGNATURE_PIXELS || height > MAX_SIGNATURE_PIXELS) {
    throw new SignatureImageError(`the signature must be a PNG of at most ${MAX_SIGNATURE_PIXELS}×${MAX_SIGNATURE_PIXELS} pixels`);
  }
}

function drawAuditTrail(doc: PDFDocument, font: PDFFont, audit: AuditTrail, signedAt: Date): void {
  const flow = new PageFlow(doc, font, '签署审计页');
  flow.text('本页由闪签云平台在签署完成时生成，记录本合同的签署过程。所有时间均为北京时间（UTC+8）。', { size: 9, color: MUTED });
  flow.gap(8);
  flow.field('申请编号', audit.applicationNo);
  flow.field('签署人', audit.signerName);
  flow.field('身份证号', audit.idNumberMasked);
  flow.field('手机号', audit.phone);
  flow.field('签署完成时间', chinaDateTime(signedAt));

  flow.section('签署过程');
  const detailIndent = 16;
  const detailSize = 10;
  audit.events.forEach((event, index) => {
    const details = [
      `时间：${chinaDateTime(event.at)}`,
      `IP：${event.ip}`,
      event.city ? `城市：${event.city}` : '',
      event.location ? `位置（经度,纬度）：${event.location}` : '',
    ].filter(Boolean);
    const lines = wrapText(details.join('　　'), font, detailSize, flow.width - detailIndent);
    // An event is never split across pages.
    flow.reserve(flow.lineHeight() + lines.length * flow.lineHeight(detailSize));
    flow.line([{ text: `${index + 1}. ${event.label}` }]);
    for (const line of lines) flow.line([{ text: line, indent: detailIndent, color: MUTED }], detailSize);
  });

  flow.section('文件指纹（SHA-256）');
  flow.field('合同模板', audit.templateSha256, 10);
  flow.field('签署前合同文件', audit.filledSha256, 10);

  flow.section('核验说明');
  flow.text(VERIFICATION_NOTE, { size: 10 });
  flow.footer((page, pages) => `签署审计页 第 ${page} / ${pages} 页　申请编号 ${audit.applicationNo}`);
}

