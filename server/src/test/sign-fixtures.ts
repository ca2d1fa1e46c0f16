import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { chinaDate } from '../common/china-time';
import { KV_STORE, KvStore } from '../common/kv/kv-store';
import { VerificationKeys } from '../verification/verification-keys.service';
import { MiniProgramClient } from './api-client';
import { AdminClient } from './admin-client';
import { validResume } from './fixtures';
import { TestApp } from './test-app';

/** A plain contract template of `pages` A4 pages. */
export async function templatePdf(pages = 1): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) doc.addPage([595.28, 841.89]).drawText(`Labor contract template, page ${i} of ${pages}`, { x: 72, y: 770, size: 12, font });
  return Buffer.from(await doc.save());
}

/** A worker who has logged in, filled in the resume and applied: the application is waiting for HR (status 1). */
export async function applyingWorker(t: TestApp, overrides: Record<string, unknown> = {}): Promise<{ worker: MiniProgramClient; resume: Record<string, unknown>; applicationId: number }> {
  const worker = new MiniProgramClient(t);
  await worker.login();
  const resume = await validResume(worker, overrides);
  resume.verify_code = await worker.smsCode(resume.phone as string);
  await worker.postForm('/employee', resume).expect(200);
  const applicationId = (await t.db.query('SELECT a.id FROM sign_apply a JOIN employee e ON e.id = a.em_id WHERE e.phone = ?', [resume.phone]))[0].id as number;
  return { worker, resume, applicationId: Number(applicationId) };
}

/**
 * A contract template uploaded through the back office for `companyId`, whose company is then
 * authorized to seal: together, what HR's approval needs. `admin` is a super admin.
 */
export async function uploadContract(admin: AdminClient, companyId: number, pdf?: Buffer): Promise<number> {
  const res = await admin
    .request('post', '/admin/contracts')
    .field('contract_name', '劳动合同（标准版）')
    .field('contract_body', '闪签云示范科技有限公司')
    .field('company_id', String(companyId))
    .field('sign_year', '3')
    .attach('file', pdf ?? (await templatePdf()), { filename: 'contract.pdf', contentType: 'application/pdf' })
    .expect(200);
  await authorizeSealing(admin, companyId);
  return res.body.data.id;
}

/** A super admin authorizes `companyId` to seal automatically, re-entering their password: no approval without it. */
export async function authorizeSealing(admin: AdminClient, companyId: number, enabled = true): Promise<void> {
  await admin.post(`/admin/companies/${companyId}/seal-authorization`, { enabled, password: admin.password }).expect(200);
}

/** An entry date two weeks from today (China time): inside the approval window whenever the suite runs. */
export const ENTRY_DATE = (() => {
  const { year, month, day } = chinaDate();
  return new Date(Date.UTC(year, month - 1, day + 14)).toISOString().slice(0, 10);
})();

export const APPROVAL = { entry_date: ENTRY_DATE, salary: '6500.50' } as const;

/** One PNG chunk: length, type, data and the CRC over type and data. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG of `width`×`height` with a dark stroke across it, as the mini-program's signature canvas exports. */
export function signaturePng(width = 400, height = 160): Buffer {
  const chunk = pngChunk;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * height, 0xff);
  for (let y = 0; y < height; y++) {
    rows[y * (width + 1)] = 0; // filter: none
    const x = Math.floor((y / height) * width);
    for (let dx = 0; dx < 6 && x + dx < width; dx++) rows[y * (width + 1) + 1 + x + dx] = 0x10;
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** Downloads a signed link the API handed out (any host), through the test app. */
export async function download(t: TestApp, url: string): Promise<Buffer> {
  const link = new URL(url);
  const res = await t.http().get(link.pathname + link.search).buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  }).expect(200);
  return res.body as Buffer;
}

/**
 * A new SMS code for `phone`, past the one-a-minute limit: a worker who applied a moment ago asks
 * for the signing code, which in life comes minutes later.
 */
export async function freshSmsCode(t: TestApp, worker: MiniProgramClient, phone: string): Promise<string> {
  await t.app.get<KvStore>(KV_STORE).delete(t.app.get(VerificationKeys).phoneCooldown(phone));
  return worker.smsCode(phone);
}
