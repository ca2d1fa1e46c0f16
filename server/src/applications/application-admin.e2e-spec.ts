import { ErrorCode, SignApplicationStatus } from '@shanqian/shared';
import { AdminUser } from '../admin/admin-user.entity';
import { AuditLog } from '../admin/audit-log.entity';
import { AdminClient } from '../test/admin-client';
import { APPROVAL, applyingWorker, uploadContract } from '../test/sign-fixtures';
import { startTestApp, TEST_DB, TestApp } from '../test/test-app';
import { SignApplicationEvent } from './sign-application-event.entity';
import { SignApplication } from './sign-application.entity';

describe('HR review of sign applications', () => {
  let t: TestApp;
  let admin: AdminClient;
  let companyId: number;
  let otherCompanyId: number;
  let contractId: number;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await AdminClient.superAdmin(t);
    [companyId, otherCompanyId] = (await t.db.query('SELECT id FROM company ORDER BY id')).map((r: { id: number }) => Number(r.id));
    contractId = await uploadContract(admin, companyId);
  });
  afterAll(() => t.close());

  const applicationRow = (id: number) => t.db.getRepository(SignApplication).findOneByOrFail({ id });

  it('lists applications with filters and masks ID numbers', async () => {
    const { resume, applicationId } = await applyingWorker(t, { real_name: '列表甲' });
    const res = await admin.get(`/admin/applications?keyword=${encodeURIComponent('列表甲')}&status=1&company_id=${companyId}`).expect(200);
    expect(res.body.data).toMatchObject({ page: 1, pageSize: 10, count: 1, total: 1 });
    const [row] = res.body.data.list;
    expect(row).toMatchObject({ id: applicationId, real_name: '列表甲', phone: resume.phone, status: 1, status_label: '签约申请', company_id: companyId });
    const id = resume.id_number as string;
    expect(row.id_number_masked).toBe(`${id.slice(0, 4)}**********${id.slice(-4)}`);
    expect(JSON.stringify(res.body)).not.toContain(id);

    const byPhone = await admin.get(`/admin/applications?keyword=${resume.phone}`).expect(200);
    expect(byPhone.body.data.list.map((r: { id: number }) => r.id)).toEqual([applicationId]);
    const none = await admin.get('/admin/applications?keyword=%25&from=2000-01-01&to=2000-01-02').expect(200);
    expect(none.body.data).toMatchObject({ count: 0, list: [] });
    const bad = await admin.get('/admin/applications?from=2026-02-30').expect(400);
    expect(bad.body).toMatchObject({ status: ErrorCode.ValidationFailed, msg: 'from: 不是有效的日期' });
  });

  it('shows the whole file of one application and reveals the ID number only with an audit entry', async () => {
    const { resume, applicationId } = await applyingWorker(t);
    const detail = (await admin.get(`/admin/applications/${applicationId}`).expect(200)).body.data;
    expect(detail.resume).toMatchObject({ real_name: resume.real_name, phone: resume.phone, employee_edu: [{ school: '郑州大学' }], work_exp: [{ company_name: '富士康' }] });
    expect(detail.resume.id_card_front).toMatch(/\/image\/[0-9a-f]{32}\?expires=\d+&sig=[0-9a-f]{64}$/);
    await t.http().get(new URL(detail.resume.id_card_front).pathname + new URL(detail.resume.id_card_front).search).expect(200);
    expect(detail.events.map((e: { event: string }) => e.event)).toEqual(['applied']);
    expect(JSON.stringify(detail)).not.toContain(resume.id_number as string);

    const revealed = await admin.post(`/admin/applications/${applicationId}/reveal`).expect(200);
    expect(revealed.body.data).toEqual({ id_number: resume.id_number });
    const audit = await t.db.getRepository(AuditLog).findOneByOrFail({ action: 'employee.reveal_id_number', targetId: detail.application.employee_id });
    expect(audit).toMatchObject({ adminUsername: 'superadmin', targetType: 'employee', ip: admin.ip });
  });

  it('approves with a contract, salary and entry date; the worker sees status 2', async () => {
    const { worker, applicationId } = await applyingWorker(t);
    const res = await admin.post(`/admin/applications/${applicationId}/approve`, { contract_id: contractId, ...APPROVAL }).expect(200);
    expect(res.body.data).toMatchObject({ status: 2, contract_id: contractId, salary: '6500.50', entry_date: APPROVAL.entry_date });
    expect((await worker.get('/em_status').expect(200)).body.data).toMatchObject({ status: 2, reason: '' });
    const events = await t.db.getRepository(SignApplicationEvent).findBy({ applicationId });
    expect(events.map((e) => [e.event, e.fromStatus, e.toStatus, e.actorType])).toEqual([['applied', null, 1, 'employee'], ['approved', 1, 2, 'admin']]);
    expect(await t.db.getRepository(AuditLog).existsBy({ action: 'application.approve', targetId: applicationId })).toBe(true);
  });

  it('refuses bad approvals with a clear envelope and changes nothing', async () => {
    const { applicationId } = await applyingWorker(t, { company_id: otherCompanyId });
    const before = await applicationRow(applicationId);
    const cases: [object, number, number, string?][] = [
      [{ contract_id: contractId, ...APPROVAL }, 400, ErrorCode.ContractNotUsable],
      [{ contract_id: 99999, ...APPROVAL }, 400, ErrorCode.ContractNotUsable],
      [{ ...APPROVAL }, 400, ErrorCode.ValidationFailed, 'contract_id: 不能为空'],
      [{ contract_id: contractId, ...APPROVAL, salary: '0' }, 400, ErrorCode.ValidationFailed, 'salary: 应大于 0'],
      [{ contract_id: contractId, ...APPROVAL, salary: '12.345' }, 400, ErrorCode.ValidationFailed, 'salary: 应为最多两位小数的金额'],
      [{ contract_id: contractId, ...APPROVAL, salary: '-5' }, 400, ErrorCode.ValidationFailed, 'salary: 应为最多两位小数的金额'],
      [{ contract_id: contractId, ...APPROVAL, entry_date: '2026-13-01' }, 400, ErrorCode.ValidationFailed, 'entry_date: 不是有效的日期'],
      [{ contract_id: contractId, ...APPROVAL, entry_date: 'tomorrow' }, 400, ErrorCode.ValidationFailed, 'entry_date: 应为 YYYY-MM-DD 格式的日期'],
    ];
    for (const [body, http, status, msg] of cases) {
      const res = await admin.post(`/admin/applications/${applicationId}/approve`, body).expect(http);
      expect(res.body.status).toBe(status);
      if (msg) expect(res.body.msg).toBe(msg);
    }
    expect(await applicationRow(applicationId)).toEqual(before);
    expect(await t.db.getRepository(SignApplicationEvent).countBy({ applicationId })).toBe(1);
  });

  it('rejects with a reason shown to the worker; the reason is required and at most 256 characters', async () => {
    const { worker, applicationId } = await applyingWorker(t);
    expect((await admin.post(`/admin/applications/${applicationId}/reject`, {}).expect(400)).body.msg).toBe('reason: 不能为空');
    expect((await admin.post(`/admin/applications/${applicationId}/reject`, { reason: '长'.repeat(257) }).expect(400)).body.msg).toBe('reason: 最多 256 个字');
    await admin.post(`/admin/applications/${applicationId}/reject`, { reason: '身份证照片不清晰' }).expect(200);
    expect((await worker.get('/em_status').expect(200)).body.data).toMatchObject({ status: 4, reason: '身份证照片不清晰' });
  });

  it('enforces the state machine: illegal transitions are 409s naming the current status', async () => {
    const { applicationId } = await applyingWorker(t);
    await admin.post(`/admin/applications/${applicationId}/reject`, { reason: '材料不全' }).expect(200);
    const again = await admin.post(`/admin/applications/${applicationId}/approve`, { contract_id: contractId, ...APPROVAL }).expect(409);
    expect(again.body).toMatchObject({ status: ErrorCode.ApplicationStatusConflict, msg: '签约申请当前状态为「已驳回」，不能审核通过' });
    expect((await admin.post(`/admin/applications/${applicationId}/cancel`).expect(409)).body.msg).toBe('签约申请当前状态为「已驳回」，不能取消');

    const second = await applyingWorker(t);
    await admin.post(`/admin/applications/${second.applicationId}/approve`, { contract_id: contractId, ...APPROVAL }).expect(200);
    expect((await admin.post(`/admin/applications/${second.applicationId}/reject`, { reason: 'x' }).expect(409)).body.msg).toBe('签约申请当前状态为「待签约」，不能驳回');
    await admin.post(`/admin/applications/${second.applicationId}/cancel`, { reason: '岗位已满' }).expect(200);
    expect((await applicationRow(second.applicationId)).status).toBe(SignApplicationStatus.Cancelled);
    await admin.post('/admin/applications/999999/approve', { contract_id: contractId, ...APPROVAL }).expect(404);
  });

  it('lets exactly one of two concurrent decisions win', async () => {
    for (const [first, second] of [['approve', 'reject'], ['approve', 'approve'], ['reject', 'cancel']] as const) {
      const { applicationId } = await applyingWorker(t);
      const other = await AdminClient.superAdmin(t);
      const bodies = { approve: { contract_id: contractId, ...APPROVAL }, reject: { reason: '并发驳回' }, cancel: { reason: '并发取消' } };
      const results = await Promise.all([
        admin.post(`/admin/applications/${applicationId}/${first}`, bodies[first]),
        other.post(`/admin/applications/${applicationId}/${second}`, bodies[second]),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect([ErrorCode.ApplicationStatusConflict, ErrorCode.ApplicationChanged]).toContain(loser.body.status);
      const decisions = await t.db.getRepository(SignApplicationEvent).countBy({ applicationId, actorType: 'admin' });
      expect(decisions).toBe(1);
      expect((await applicationRow(applicationId)).version).toBe(2);
    }
  });

  it('shows an hr admin only the applications assigned to them, unless granted all', async () => {
    const admins = t.db.getRepository(AdminUser);
    const { hashPassword } = await import('../admin/password-hasher');
    const hrRow = await admins.save(admins.create({ username: 'hr_scope', name: '范围', role: 'hr', passwordHash: await hashPassword('Scope-pass-123') }));
    const mine = await applyingWorker(t, { ad_user_id: hrRow.id });
    const notMine = await applyingWorker(t);
    const hr = new AdminClient(t);
    await hr.login('hr_scope', 'Scope-pass-123');
    const list = await hr.get('/admin/applications?page_size=100').expect(200);
    expect(list.body.data.list.map((r: { id: number }) => r.id)).toEqual([mine.applicationId]);
    await hr.get(`/admin/applications/${notMine.applicationId}`).expect(404);
    await hr.post(`/admin/applications/${notMine.applicationId}/reject`, { reason: '越权' }).expect(404);
    await admins.update(hrRow.id, { viewAllApplications: true });
    await hr.get(`/admin/applications/${notMine.applicationId}`).expect(200);
  });

  it('exports CSV with a BOM, masked ID numbers and formula-safe cells', async () => {
    const { resume } = await applyingWorker(t, { real_name: '导出乙' });
    const res = await admin.get(`/admin/applications/export?keyword=${encodeURIComponent('导出乙')}`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const text = (res.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('申请编号,姓名,手机号,身份证号,性别,年龄,用人单位,岗位,处理人,状态,申请时间,入职日期,月薪,驳回原因');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('导出乙');
    expect(lines[1]).toContain(`${(resume.id_number as string).slice(0, 4)}**********`);
    expect(text).not.toContain(resume.id_number as string);
    expect(await t.db.getRepository(AuditLog).existsBy({ action: 'application.export' })).toBe(true);
  });

  if (TEST_DB === 'mariadb') {
    it('holds under many concurrent decisions on MariaDB', async () => {
      const { applicationId } = await applyingWorker(t);
      const clients = await Promise.all(Array.from({ length: 6 }, () => AdminClient.superAdmin(t)));
      const results = await Promise.all(clients.map((c, i) => (i % 2 ? c.post(`/admin/applications/${applicationId}/reject`, { reason: '并发' }) : c.post(`/admin/applications/${applicationId}/approve`, { contract_id: contractId, ...APPROVAL }))));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(5);
    });
  }
});
