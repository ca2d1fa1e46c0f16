/**
 * The contract document a worker reviews and signs: the HR admin's template, unchanged, followed
 * by a particulars and signing page generated from the application with two empty boxes (the
 * employer's seal, the worker's signature); then, before the signatures, the signing date under
 * both boxes and audit-trail pages that record how the signing happened. The signatures themselves
 * (pades-signer.ts) show in those boxes as their widgets' appearances.
 */
import { X509Certificate } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFFont, PDFName, PDFNumber, PDFRef, PDFTextField } from 'pdf-lib';
import { chinaDateTime } from '../../common/china-time';
import { embedCjkFont } from './cjk-font';
import { fingerprintSha256 } from './cms';
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

/** A certificate as the audit page names it. */
export interface CertificateSummary {
  /** Hex, as `openssl x509 -serial` prints it. */
  serial: string;
  /** SHA-256 of the DER, lowercase hex. */
  fingerprintSha256: string;
  /** e.g. `C=CN, O=闪签云, CN=闪签云 电子签名 CA`. */
  issuer: string;
}

export function certificateSummary(certificateDer: Buffer): CertificateSummary {
  const certificate = new X509Certificate(certificateDer);
  return { serial: certificate.serialNumber, fingerprintSha256: fingerprintSha256(certificateDer), issuer: certificate.issuer.split('\n').join(', ') };
}

export interface AuditTrail {
  applicationNo: string;
  /** The worker and their event certificate (the one that signs the first revision). */
  worker: { name: string; idNumberMasked: string; phone: string; certificate: CertificateSummary };
  /** The employer and its company certificate (the one that signs the second revision). */
  employer: { companyName: string; contractBody: string; certificate: CertificateSummary };
  /** Hex SHA-256 of the uploaded template. */
  templateSha256: string;
  /** Hex SHA-256 of renderContractForSigning's output, the document the worker reviewed. */
  filledSha256: string;
  events: AuditEvent[];
  /** The hash of the application's last event (64 hex), the head of its event hash chain. */
  eventChainHead: string;
}

/** Where a party's signature shows: the page (0-based) and the box [x1 y1 x2 y2] in points. */
export interface SignatureBox {
  pageIndex: number;
  rect: [number, number, number, number];
}

/** prepareForSigning's result: the bytes the worker's signature covers, and the two boxes to sign in. */
export interface PreparedContract {
  pdf: Uint8Array;
  worker: SignatureBox;
  employer: SignatureBox;
}

/** The PDF is unreadable (damaged, encrypted), its form cannot be filled, or it was not prepared for signing. */
export class ContractPdfError extends Error {
  override readonly name = 'ContractPdfError';
}

/**
 * Where renderContractForSigning left the two boxes, so prepareForSigning needs nothing from the
 * caller: `<< /Page index /Worker [x1 y1 x2 y2] /WorkerDate [x y] /Employer [...] /EmployerDate [x y] >>`
 * in the catalog, removed once prepared (which also makes a second preparation of the same file fail).
 */
const SIGNATURE_BOXES_KEY = PDFName.of('ShanqianSignatureBoxes');
/** Each box holds a handwritten signature or a round seal (~100 pt across). */
const SIGNATURE_BOX = { width: 200, height: 110 };
const DATE_LABEL = '签署日期：';

const CONFIRMATION =
  '劳动者确认：本人已完整阅读本合同全部条款及上述合同要素，确认所列信息真实、准确，' +
  '自愿以电子签名方式签署本合同。依据《中华人民共和国电子签名法》，可靠的电子签名与手写签名或者盖章具有同等的法律效力。';

const VERIFICATION_NOTE =
  '本文件带有两个 PAdES 电子签名（ETSI.CAdES.detached，SHA-256）：先是劳动者以本次签署签发的事件证书所作的签名，' +
  '显示为劳动者签名框中的手写签名；再是用人单位以其单位证书所作的签名，显示为用人单位盖章框中的电子印章。' +
  '配置了可信时间戳服务时，最后还有一个 RFC 3161 文档时间戳（ETSI.RFC3161）覆盖整个文件。' +
  '每个签名以增量更新的方式追加在文件末尾，覆盖其之前的全部内容，之后对已签内容的任何修改都会使签名失效。' +
  '核验方法：用 Adobe Acrobat Reader 打开本文件，在“签名”面板查看各签名的状态；' +
  '或运行 pdfsig <文件名>（poppler-utils），每个签名都应显示 “Signature is Valid”；也可在闪签云的合同核验页面上传本文件。';

/** A box and where its signing date goes, right after the pre-printed 签署日期 label. */
interface DatedBox {
  rect: SignatureBox['rect'];
  date: [number, number];
}

interface SignatureBoxes {
  pageIndex: number;
  worker: DatedBox;
  employer: DatedBox;
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
  const { pageIndex, worker, employer } = drawParticulars(doc, font, terms);
  doc.catalog.set(
    SIGNATURE_BOXES_KEY,
    doc.context.obj({ Page: pageIndex, Worker: worker.rect, WorkerDate: worker.date, Employer: employer.rect, EmployerDate: employer.date }),
  );
  doc.setTitle(terms.contractName);
  doc.setSubject(`申请编号 ${terms.applicationNo}`);
  doc.setCreator('闪签云');
  return doc.save();
}

/**
 * The base revision both signatures cover: the signing time under both boxes and the audit trail
 * appended, saved whole with a classic cross-reference and no object streams (the signatures are
 * appended to it as incremental updates). Answers the two boxes for the signature widgets.
 */
export async function prepareForSigning(filled: Uint8Array, input: { signedAt: Date; audit: AuditTrail }): Promise<PreparedContract> {
  const doc = await loadPdf(filled, 'the contract to sign');
  const boxes = readSignatureBoxes(doc);
  const font = await embedCjkFont(doc);
  const page = doc.getPage(boxes.pageIndex);
  for (const { date } of [boxes.worker, boxes.employer]) {
    page.drawText(chinaDateTime(input.signedAt), { x: date[0], y: date[1], size: BODY_SIZE, font });
  }
  doc.catalog.delete(SIGNATURE_BOXES_KEY);
  drawAuditTrail(doc, font, input.audit, input.signedAt);
  doc.setModificationDate(input.signedAt);
  return {
    pdf: await doc.save({ useObjectStreams: false }),
    worker: { pageIndex: boxes.pageIndex, rect: boxes.worker.rect },
    employer: { pageIndex: boxes.pageIndex, rect: boxes.employer.rect },
  };
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

function drawParticulars(doc: PDFDocument, font: PDFFont, terms: ContractTerms): SignatureBoxes {
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

  // Both parties side by side, the employer (甲方) on the left as Chinese contracts have it; labels,
  // boxes and date lines stay together on one page.
  const lineHeight = flow.lineHeight();
  flow.reserve(lineHeight * 2 + SIGNATURE_BOX.height + 8);
  const columns = { employer: 0, worker: flow.width - SIGNATURE_BOX.width };
  flow.line([
    { text: '用人单位（盖章）', indent: columns.employer },
    { text: '劳动者签名', indent: columns.worker },
  ]);
  flow.gap(4);
  const y = flow.y - SIGNATURE_BOX.height;
  for (const indent of Object.values(columns)) {
    flow.page.drawRectangle({ x: MARGIN + indent, y, width: SIGNATURE_BOX.width, height: SIGNATURE_BOX.height, borderColor: RULE, borderWidth: 0.8 });
  }
  flow.gap(SIGNATURE_BOX.height + 4);
  const dateBaseline = flow.line(Object.values(columns).map((indent) => ({ text: DATE_LABEL, indent })));
  const box = (indent: number): DatedBox => ({
    rect: [MARGIN + indent, y, MARGIN + indent + SIGNATURE_BOX.width, y + SIGNATURE_BOX.height],
    date: [MARGIN + indent + font.widthOfTextAtSize(DATE_LABEL, BODY_SIZE), dateBaseline],
  });
  return { pageIndex: doc.getPageCount() - 1, worker: box(columns.worker), employer: box(columns.employer) };
}

function readSignatureBoxes(doc: PDFDocument): SignatureBoxes {
  const entry = doc.catalog.lookupMaybe(SIGNATURE_BOXES_KEY, PDFDict);
  const numbers = (key: string, count: number): number[] | null => {
    const values = entry
      ?.lookupMaybe(PDFName.of(key), PDFArray)
      ?.asArray()
      .map((item) => (item instanceof PDFNumber ? item.asNumber() : NaN));
    return values?.length === count && values.every(Number.isFinite) ? values : null;
  };
  const pageIndex = entry?.lookupMaybe(PDFName.of('Page'), PDFNumber)?.asNumber() ?? -1;
  const [worker, workerDate, employer, employerDate] = [numbers('Worker', 4), numbers('WorkerDate', 2), numbers('Employer', 4), numbers('EmployerDate', 2)];
  if (!Number.isInteger(pageIndex) || pageIndex < 0 || pageIndex >= doc.getPageCount() || !worker || !workerDate || !employer || !employerDate) {
    throw new ContractPdfError('this PDF has no signature boxes: not rendered for signing, or already prepared');
  }
  return {
    pageIndex,
    worker: { rect: worker as SignatureBox['rect'], date: workerDate as DatedBox['date'] },
    employer: { rect: employer as SignatureBox['rect'], date: employerDate as DatedBox['date'] },
  };
}

function drawAuditTrail(doc: PDFDocument, font: PDFFont, audit: AuditTrail, signedAt: Date): void {
  const flow = new PageFlow(doc, font, '签署审计页');
  flow.text('本页由闪签云平台在签署完成时生成，记录本合同的签署过程。所有时间均为北京时间（UTC+8）。', { size: 9, color: MUTED });
  flow.gap(8);
  flow.field('申请编号', audit.applicationNo);
  flow.field('签署完成时间', chinaDateTime(signedAt));

  const { worker, employer } = audit;
  flow.section('签署方');
  flow.field('劳动者', worker.name);
  flow.field('身份证号', worker.idNumberMasked);
  flow.field('手机号', worker.phone);
  certificateFields(flow, '事件证书', worker.certificate);
  flow.gap(6);
  flow.field('用人单位', employer.companyName);
  flow.field('合同主体', employer.contractBody);
  certificateFields(flow, '单位证书', employer.certificate);

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
  flow.field('事件哈希链头', audit.eventChainHead, 10);

  flow.section('核验说明');
  flow.text(VERIFICATION_NOTE, { size: 10 });
  flow.footer((page, pages) => `签署审计页 第 ${page} / ${pages} 页　申请编号 ${audit.applicationNo}`);
}


function certificateFields(flow: PageFlow, label: string, certificate: CertificateSummary): void {
  flow.field(`${label}序列号`, certificate.serial, 10);
  flow.field(`${label}指纹`, certificate.fingerprintSha256, 10);
  flow.field(`${label}颁发者`, certificate.issuer, 10);
}
