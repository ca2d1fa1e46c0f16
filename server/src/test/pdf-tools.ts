import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createHash, generateKeyPairSync, KeyObject, randomBytes, sign, X509Certificate } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { embedCjkFont } from '../sign/pdf/cjk-font';
import { CmsSigner } from '../sign/pdf/cms';
import { AuditEvent, AuditTrail, certificateSummary, ContractTerms, PreparedContract, prepareForSigning, renderContractForSigning } from '../sign/pdf/contract-pdf';
import { derBoolean, derInteger, derNull, derOctetString, derOid, derSequence, derSetOf, derUtf8, encodeDer, contextTag, TAG } from '../sign/pdf/der';
import { A4 } from '../sign/pdf/page-flow';

const run = promisify(execFile);

/** Runs `fn` with a PDF written to a fresh temporary directory, which is removed afterwards. */
async function withPdfFile<T>(pdf: Uint8Array, fn: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'pdf-tools-'));
  try {
    const file = join(dir, 'document.pdf');
    await writeFile(file, pdf);
    return await fn(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An external tool's stdout and stderr, also when it exits non-zero (pdfsig does for invalid signatures). */
async function tool(command: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(command, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    if (stdout === undefined) throw error;
    return { stdout, stderr: stderr ?? '' };
  }
}

/**
 * poppler's pdfsig on `pdf`. `valid` means every signature reads "Signature is Valid." (pdfsig
 * calls our self-signed certificate's issuer untrusted or unknown; that line is not about validity).
 */
export interface PdfsigSignature {
  field: string;
  commonName: string;
  type: string;
  validation: string;
}

/**
 * poppler's verdict on every signature of `pdf`. `valid`: there is a PAdES signature and each one
 * is `Signature is Valid.`; poppler (22.x) does not verify RFC 3161 document time stamps (it says
 * "not yet verified"), so those are listed but left to `openssl ts -verify`.
 */
export async function pdfsig(pdf: Uint8Array): Promise<{ valid: boolean; output: string; signatures: PdfsigSignature[] }> {
  return withPdfFile(pdf, async (file) => {
    const { stdout, stderr } = await tool('/usr/bin/pdfsig', [file]);
    const output = stdout + stderr;
    const signatures = output
      .split(/^Signature #\d+:$/m)
      .slice(1)
      .map((block) => {
        const field = (name: string) => new RegExp(`- ${name}: (.*)`).exec(block)?.[1].trim() ?? '';
        return { field: field('Signature Field Name'), commonName: field('Signer Certificate Common Name'), type: field('Signature Type'), validation: field('Signature Validation') };
      });
    const pades = signatures.filter((signature) => signature.type === 'ETSI.CAdES.detached');
    return { valid: pades.length > 0 && pades.every((signature) => signature.validation === 'Signature is Valid.'), output, signatures };
  });
}

/** The text poppler extracts from `pdf` (all pages, layout kept). */
export async function pdftotext(pdf: Uint8Array): Promise<string> {
  return withPdfFile(pdf, async (file) => (await tool('/usr/bin/pdftotext', ['-layout', file, '-'])).stdout);
}

/**
 * Page `page` (1-based) rendered by poppler at `dpi`, with poppler's complaints: a font it cannot
 * use shows up in `stderr` ("Embedded font file may be invalid") while the PNG shows blank glyphs.
 */
export async function renderPagePng(pdf: Uint8Array, page: number, dpi = 60): Promise<{ png: Buffer; stderr: string }> {
  return withPdfFile(pdf, async (file, dir) => {
    const prefix = join(dir, 'page');
    const { stderr } = await tool('/usr/bin/pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
    return { png: await readFile(`${prefix}.png`), stderr };
  });
}

/**
 * An A4 contract template of `pages` pages with Chinese text on each; `fields` adds AcroForm text
 * fields of those names to the first page, as an HR admin's form template would have.
 */
export async function makeTemplatePdf(pages: number, fields: string[] = []): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await embedCjkFont(doc);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage(A4);
    page.drawText('劳动合同', { x: 260, y: 770, size: 20, font });
    page.drawText(`第 ${i} 页，共 ${pages} 页：甲乙双方依据《中华人民共和国劳动合同法》订立本合同。`, { x: 60, y: 720, size: 11, font });
  }
  if (fields.length) {
    const form = doc.getForm();
    fields.forEach((name, index) => {
      const field = form.createTextField(name);
      field.addToPage(doc.getPage(0), { x: 160, y: 660 - index * 30, width: 300, height: 22, font });
    });
  }
  return Buffer.from(await doc.save());
}

/**
 * A handwritten-looking signature: `name` drawn large and rendered by poppler to a PNG, as the
 * mini-program's canvas would export it.
 */
export async function signatureImage(name: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await embedCjkFont(doc);
  doc.addPage([240, 96]).drawText(name, { x: 24, y: 30, size: 48, font });
  return (await renderPagePng(await doc.save(), 1, 144)).png;
}

export const SAMPLE_TERMS: ContractTerms = {
  applicationNo: 'SQ202612010042',
  contractName: '劳动合同（标准版）',
  companyName: '闪签云示范科技有限公司',
  contractBody: '闪签云示范科技有限公司北京分公司',
  workerName: '张三丰',
  idNumberMasked: '1101**********1234',
  phone: '13800138000',
  position: '仓储物流专员',
  salary: '8000.00',
  entryDate: '2026-12-01',
  termYears: 3,
  endDate: '2029-11-30',
};

/** The events of a whole signing, an hour apart, ending at `end`. */
export function sampleEvents(end: Date, count = 6): AuditEvent[] {
  const labels = ['提交申请', '审核通过', '实名认证通过', '查看合同', '意愿确认(短信验证码)', '签署'];
  return Array.from({ length: count }, (_, i) => ({
    label: labels[i % labels.length],
    at: new Date(end.getTime() - (count - 1 - i) * 3600_000),
    ip: `203.0.113.${10 + (i % 200)}`,
    city: i % 2 ? '北京市' : null,
    location: i % 3 ? '116.397128,39.916527' : null,
  }));
}

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The parties of the contracts a spec file prepares without its own: each set costs two RSA keys. */
let defaultParties: TestParties | undefined;

/**
 * A contract through both content steps on a `pages`-page template: rendered for review, then
 * prepared for signing with `events` in its audit trail (certificates of `parties`, or made-up
 * summaries). Not yet signed.
 */
export async function preparedContract(
  pages: number,
  options: { events?: AuditEvent[]; parties?: TestParties } = {},
): Promise<{ template: Buffer; filled: Uint8Array; prepared: PreparedContract; audit: AuditTrail; signedAt: Date }> {
  const template = await makeTemplatePdf(pages);
  const filled = await renderContractForSigning(template, SAMPLE_TERMS);
  const signedAt = new Date();
  const parties = options.parties ?? (defaultParties ??= testParties());
  const audit: AuditTrail = {
    applicationNo: SAMPLE_TERMS.applicationNo,
    worker: { name: SAMPLE_TERMS.workerName, idNumberMasked: SAMPLE_TERMS.idNumberMasked, phone: SAMPLE_TERMS.phone, certificate: certificateSummary(parties.worker.certificate) },
    employer: { companyName: SAMPLE_TERMS.companyName, contractBody: SAMPLE_TERMS.contractBody, certificate: certificateSummary(parties.employer.certificate) },
    templateSha256: sha256Hex(template),
    filledSha256: sha256Hex(filled),
    events: options.events ?? sampleEvents(signedAt),
    eventChainHead: sha256Hex(Buffer.from('the last event')),
  };
  const prepared = await prepareForSigning(filled, { signedAt, audit });
  return { template, filled, prepared, audit, signedAt };
}

/** A throwaway CA and the two parties' certificates it issued: the worker's on an EC P-256 key, the employer's on RSA. */
export interface TestParties {
  ca: X509Certificate;
  worker: CmsSigner;
  employer: CmsSigner;
}

export function testParties(): TestParties {
  const ca = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const caName = testName('闪签云 测试 CA');
  const caCertificate = issueCertificate({ subject: caName, issuer: caName, publicKey: ca.publicKey, issuerKey: ca.privateKey, isCa: true });
  const party = (commonName: string, key: { publicKey: KeyObject; privateKey: KeyObject }): CmsSigner => ({
    privateKey: key.privateKey,
    certificate: issueCertificate({ subject: testName(commonName), issuer: caName, publicKey: key.publicKey, issuerKey: ca.privateKey, isCa: false }),
    chain: [caCertificate],
  });
  return {
    ca: new X509Certificate(caCertificate),
    worker: party(SAMPLE_TERMS.workerName, generateKeyPairSync('ec', { namedCurve: 'P-256' })),
    employer: party(SAMPLE_TERMS.contractBody, generateKeyPairSync('rsa', { modulusLength: 2048 })),
  };
}

const testName = (commonName: string): Buffer =>
  derSequence(
    derSetOf([derSequence(derOid('2.5.4.10'), derUtf8('闪签云测试'))]),
    derSetOf([derSequence(derOid('2.5.4.3'), derUtf8(commonName))]),
  );

/** An X.509 v3 certificate (DER) valid from an hour ago for a day, signed with SHA-256 by `issuerKey`. */
function issueCertificate(options: { subject: Buffer; issuer: Buffer; publicKey: KeyObject; issuerKey: KeyObject; isCa: boolean }): Buffer {
  const algorithm =
    options.issuerKey.asymmetricKeyType === 'ec' ? derSequence(derOid('1.2.840.10045.4.3.2')) : derSequence(derOid('1.2.840.113549.1.1.11'), derNull());
  const utcTime = (date: Date) => encodeDer(0x17, Buffer.from(date.toISOString().slice(2).replace(/\.\d{3}Z$/, 'Z').replace(/[-:T]/g, ''), 'latin1'));
  const serial = randomBytes(8);
  serial[0] &= 0x7f;
  const basicConstraints = derSequence(derOid('2.5.29.19'), derBoolean(true), derOctetString(derSequence(...(options.isCa ? [derBoolean(true)] : []))));
  const tbs = derSequence(
    encodeDer(contextTag(0), derInteger(2)),
    derInteger(serial),
    algorithm,
    options.issuer,
    derSequence(utcTime(new Date(Date.now() - 3600_000)), utcTime(new Date(Date.now() + 24 * 3600_000))),
    options.subject,
    options.publicKey.export({ type: 'spki', format: 'der' }),
    encodeDer(contextTag(3), derSequence(basicConstraints)),
  );
  const signature = sign('sha256', tbs, options.issuerKey);
  return derSequence(tbs, algorithm, encodeDer(TAG.BIT_STRING, Buffer.from([0]), signature));
}

/** The /Contents of the last signature: the CMS, then the placeholder's zero padding (DER readers stop at the CMS's end). */
export function embeddedCms(pdf: Buffer): Buffer {
  const at = pdf.lastIndexOf('/ByteRange');
  const [, , firstLength, secondStart] = (/\[(\d+) (\d+) (\d+) (\d+)\]/.exec(pdf.toString('latin1', at, at + 80)) ?? []).map(Number);
  return Buffer.from(pdf.toString('latin1', firstLength + 1, secondStart - 1), 'hex');
}
