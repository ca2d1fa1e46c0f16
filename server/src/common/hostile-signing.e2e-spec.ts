import { crc32 } from 'node:zlib';
import { ErrorCode, SignApplicationStatus } from '@shanqian/shared';
import { AdminClient } from '../test/admin-client';
import { MiniProgramClient } from '../test/api-client';
import { applyingWorker, freshSmsCode, signaturePng, templatePdf, uploadContract } from '../test/sign-fixtures';
import { startTestApp, TestApp } from '../test/test-app';

/** `days` after today's date in China, as YYYY-MM-DD. */
const chinaDatePlus = (days: number): string => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** A signature whose IHDR is valid (and its CRC right) with garbage where the image data should be. */
function corruptSignature(): Buffer {
  const valid = signaturePng();
  const ihdrEnd = 8 + 12 + 13;
  const garbage = Buffer.from('this is not image data '.repeat(40));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(garbage.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from('IDAT'), garbage])));
  return Buffer.concat([valid.subarray(0, ihdrEnd), length, Buffer.from('IDAT'), garbage, crc, valid.subarray(valid.length - 12)]);
}

/*
 * Hostile input on the way to a signed contract (see hostile-input.e2e-spec.ts for the rest): terms
 * out of any sensible range, money as a JSON number, and a corrupt signature image that must not
 * use up the SMS code.
 */
describe('hostile input: approval and signing', () => {
  let t: TestApp;
  let admin: AdminClient;
  let contractId: number;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await AdminClient.superAdmin(t);
    const companyId = Number((await t.db.query('SELECT id FROM company ORDER BY id'))[0].id);
    contractId = await uploadContract(admin, companyId, await templatePdf());
  });
  afterAll(() => t.close());

  const statusOf = async (id: number) => Number((await t.db.query('SELECT status FROM sign_apply WHERE id = ?', [id]))[0].status);
  const approve = (id: number, body: object) => admin.post(`/admin/applications/${id}/approve`, body);

  it('refuses an entry date and a salary outside the configured ranges, naming the window', async () => {
    const { applicationId } = await applyingWorker(t);
    const ancient = await approve(applicationId, { contract_id: contractId, entry_date: '0050-06-01', salary: '0.01' }).expect(400);
    expect(ancient.body).toMatchObject({ status: ErrorCode.ValidationFailed, msg: `entry_date: 应在 ${chinaDatePlus(-30)} 到 ${chinaDatePlus(365)} 之间` });
    const tiny = await approve(applicationId, { contract_id: contractId, entry_date: chinaDatePlus(14), salary: '0.01' }).expect(400);
    expect(tiny.body).toMatchObject({ status: ErrorCode.ValidationFailed, msg: 'salary: 应在 1000.00 到 1000000.00 元之间' });
    expect(await statusOf(applicationId)).toBe(SignApplicationStatus.Applied);
  });

  it('judges money by one rule whether it comes as a JSON number or as text', async () => {
    const { applicationId } = await applyingWorker(t);
    const entry_date = chinaDatePlus(14);
    for (const salary of [6500.555, '6500.555', '1e3', 1e21, -1, '', true, '65 00', null]) {
      const res = await approve(applicationId, { contract_id: contractId, entry_date, salary }).expect(400);
      expect(res.body.msg).toMatch(/^salary: /);
    }
    expect(await statusOf(applicationId)).toBe(SignApplicationStatus.Applied);
  });

  it.each([
    ['JSON numbers', (id: number) => id, 6500, '6500.00'],
    ['numeric strings', (id: number) => String(id), '6500.5', '6500.50'],
  ])('approves with contract_id and salary as %s', async (_, contractIdAs, salary, stored) => {
    const { applicationId } = await applyingWorker(t);
    const entry_date = chinaDatePlus(14);
    const res = await approve(applicationId, { contract_id: contractIdAs(contractId), entry_date, salary }).expect(200);
    expect(res.body.data).toMatchObject({ status: SignApplicationStatus.PendingSignature, contract_id: contractId, salary: stored, entry_date });
  });

  it('answers a corrupt signature image with 400 17005 and leaves the SMS code for the next try', async () => {
    const { worker, resume, applicationId } = await applyingWorker(t);
    await approve(applicationId, { contract_id: contractId, entry_date: chinaDatePlus(14), salary: 6500 }).expect(200);
    await worker.request('post', '/verify/realname').expect(200);
    const code = await freshSmsCode(t, worker, resume.phone as string);
    const sign = (client: MiniProgramClient, png: Buffer) =>
      client.request('post', '/sign').field('verify_code', code).field('agree', '1').attach('signature', png, { filename: 'signature.png', contentType: 'image/png' });

    const res = await sign(worker, corruptSignature()).expect(400);
    expect(res.body).toEqual({ status: ErrorCode.SignatureImageInvalid, msg: 'signature: 签名图片已损坏，请重新签名', data: null });
    expect(await statusOf(applicationId)).toBe(SignApplicationStatus.PendingSignature);

    await sign(worker, signaturePng()).expect(200);
    expect(await statusOf(applicationId)).toBe(SignApplicationStatus.Signed);
  });
});
