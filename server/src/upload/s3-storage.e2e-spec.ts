import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, SignApplicationStatus } from '@shanqian/shared';
import { AdminRecordsService } from '../admin/records/admin-records.service';
import { ApplicationsService } from '../applications/applications.service';
import { SignApplication } from '../applications/sign-application.entity';
import { sha256Hex } from '../common/crypto/secrets.service';
import { AdminClient } from '../test/admin-client';
import { MiniProgramClient } from '../test/api-client';
import { TINY_PNG } from '../test/fixtures';
import { LocalS3Server } from '../test/local-s3.server';
import { APPROVAL, applyingWorker, download, freshSmsCode, signaturePng, templatePdf, uploadContract } from '../test/sign-fixtures';
import { startTestApp, TestApp } from '../test/test-app';
import { FileStorageService } from './file-storage.service';
import { Upload } from './upload.entity';

/**
 * The same flows as on the local disk, with STORAGE_URL pointing at an S3-compatible server
 * (s3rver) started here: what several instances share. Then the store's outage and recovery, and the
 * files removed again when the database write after them fails.
 */
describe('files in an S3-compatible store (STORAGE_URL)', () => {
  const s3 = new LocalS3Server();
  let t: TestApp;
  let admin: AdminClient;
  let worker: MiniProgramClient;
  let companyId: number;

  beforeAll(async () => {
    await s3.start();
    t = await startTestApp(s3.env('files/test'));
    admin = await AdminClient.superAdmin(t);
    worker = new MiniProgramClient(t);
    await worker.login('s3_worker');
    companyId = Number((await t.db.query('SELECT id FROM company ORDER BY id'))[0].id);
  });
  afterAll(async () => {
    await t.close();
    await s3.close();
  });

  /** The objects and the upload rows, which must stay in step: no file without its row, no row without its file. */
  const stored = async () => ({
    objects: await s3.objects(),
    rows: (await t.db.getRepository(Upload).find({ order: { id: 'ASC' } })).map((upload) => `files/test/${upload.storageKey}`).sort(),
  });
  const uploadPhoto = () => worker.request('post', '/image').attach('file', TINY_PNG, 'id.png');
  const contractForm = () =>
    admin.request('post', '/admin/contracts').field('contract_name', '劳动合同').field('contract_body', '闪签云').field('company_id', String(companyId)).field('sign_year', '3');

  it('stores a photo as an object under the prefix, not on the disk, and serves it through the signed link', async () => {
    const url = (await uploadPhoto().expect(200)).body.data.url as string;
    const key = /\/image\/([0-9a-f]{32})\?/.exec(url)![1];
    expect(await s3.objects()).toContain(`files/test/${key}`);
    const localDir = join(t.config.dataDir, 'uploads');
    expect(existsSync(localDir) ? readdirSync(localDir) : []).toEqual([]);

    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('content-length')).toBe(String(TINY_PNG.length));
    expect(Buffer.from(await served.arrayBuffer()).equals(TINY_PNG)).toBe(true);
    const etag = served.headers.get('etag')!;
    expect(etag).toBe(`"${sha256Hex(TINY_PNG)}"`);
    const path = url.slice(t.baseUrl.length);
    await t.http().get(path).set('If-None-Match', etag).expect(304);
    await expect(t.app.get(FileStorageService).ping()).resolves.toBeUndefined();
  });

  it('takes a contract template, fills it in for the worker, and keeps the signed contract there', async () => {
    const contractId = await uploadContract(admin, companyId, await templatePdf(2));
    const { worker: signer, resume, applicationId } = await applyingWorker(t, { real_name: '王对象' });
    await admin.post(`/admin/applications/${applicationId}/approve`, { contract_id: contractId, ...APPROVAL }).expect(200);
    await signer.request('post', '/verify/realname').expect(200);
    const preview = (await signer.get('/sign/contract').expect(200)).body.data;
    expect((await download(t, preview.preview_url)).subarray(0, 5).toString()).toBe('%PDF-');

    const code = await freshSmsCode(t, signer, resume.phone as string);
    const signed = (await signer.request('post', '/sign').field('verify_code', code).field('agree', '1')
      .attach('signature', signaturePng(), { filename: 'signature.png', contentType: 'image/png' }).expect(200)).body.data;
    const pdf = await download(t, signed.url);
    expect(sha256Hex(pdf)).toBe(signed.sha256);
    const verdict = (await t.http().post('/verify/document').set('X-platform-code', 'wxmp').attach('file', pdf, 'contract.pdf').expect(200)).body.data;
    expect(verdict).toMatchObject({ genuine: true, unmodified: true });
    const { objects, rows } = await stored();
    expect(objects).toEqual(rows);
  });

  it('removes the template it stored when the contract row cannot be written', async () => {
    const before = await stored();
    const create = jest.spyOn(t.app.get(AdminRecordsService), 'create').mockRejectedValueOnce(new Error('database went away'));
    try {
      const res = await contractForm().attach('file', await templatePdf(), { filename: 'c.pdf', contentType: 'application/pdf' }).expect(500);
      expect(res.body).toMatchObject({ status: ErrorCode.InternalError });
    } finally {
      create.mockRestore();
    }
    expect(await stored()).toEqual(before);
  });

  it('removes the signature and the sealed PDF when HR cancels while the worker signs', async () => {
    const contractId = await uploadContract(admin, companyId);
    const { worker: signer, resume, applicationId } = await applyingWorker(t);
    await admin.post(`/admin/applications/${applicationId}/approve`, { contract_id: contractId, ...APPROVAL }).expect(200);
    await signer.request('post', '/verify/realname').expect(200);
    await signer.get('/sign/contract').expect(200);
    const before = await stored();

    const applications = t.app.get(ApplicationsService);
    const transition = applications.transition.bind(applications);
    // Between the worker's signature being sealed and stored and its transition: HR's cancel wins.
    const race = jest.spyOn(applications, 'transition').mockImplementationOnce(async (...args) => {
      await admin.post(`/admin/applications/${applicationId}/cancel`, { reason: '岗位取消' }).expect(200);
      return transition(...args);
    });
    try {
      const code = await freshSmsCode(t, signer, resume.phone as string);
      await signer.request('post', '/sign').field('verify_code', code).field('agree', '1')
        .attach('signature', signaturePng(), { filename: 'signature.png', contentType: 'image/png' }).expect(409);
    } finally {
      race.mockRestore();
    }
    expect((await t.db.getRepository(SignApplication).findOneByOrFail({ id: applicationId })).status).toBe(SignApplicationStatus.Cancelled);
    expect(await stored()).toEqual(before);
  });

  describe('while the store is down, and after', () => {
    let url: string;
    beforeAll(async () => {
      url = (await uploadPhoto().expect(200)).body.data.url;
      await s3.stop();
    });

    it('answers uploads, contract templates and file links with a 503 envelope, keeping no row', async () => {
      const rows = await t.db.getRepository(Upload).count();
      const contracts = Number((await t.db.query('SELECT COUNT(*) AS n FROM contract'))[0].n);

      const photo = await uploadPhoto().expect(503);
      expect(photo.body).toMatchObject({ status: ErrorCode.FileStorageUnavailable, msg: '文件存储暂时不可用，请稍后重试', data: null });
      const template = await contractForm().attach('file', await templatePdf(), { filename: 'c.pdf', contentType: 'application/pdf' }).expect(503);
      expect(template.body).toMatchObject({ status: ErrorCode.FileStorageUnavailable, data: null });
      const link = await t.http().get(url.slice(t.baseUrl.length)).expect(503);
      expect(link.headers['content-type']).toMatch(/^application\/json/);
      expect(link.body).toMatchObject({ status: ErrorCode.FileStorageUnavailable });

      expect(await t.db.getRepository(Upload).count()).toBe(rows);
      expect(Number((await t.db.query('SELECT COUNT(*) AS n FROM contract'))[0].n)).toBe(contracts);
      await expect(t.app.get(FileStorageService).ping()).rejects.toThrow(/s3:\/\/shanqian-test\/files\/test unreachable/);
    });

    it('works again once the store is back, with nothing half-written left over', async () => {
      await s3.start();
      const { objects, rows } = await stored();
      expect(objects).toEqual(rows);
      expect(await download(t, url)).toEqual(TINY_PNG);
      await uploadPhoto().expect(200);
    });
  });
});
