import { createHash } from 'node:crypto';
import { ErrorCode, SignApplicationStatus } from '@shanqian/shared';
import { AdminUser } from '../admin/admin-user.entity';
import { AuditLog } from '../admin/audit-log.entity';
import { MokaCandidate } from '../bridges/moka/moka-candidate.entity';
import { chinaDate } from '../common/china-time';
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

  it('tells the console the limits an approval is checked against, which the approval then applies', async () => {
    const settings = (await admin.get('/admin/settings/approval').expect(200)).body.data;
    const { year, month, day } = chinaDate();
    const dayFromToday = (days: number) => new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
    expect(settings).toEqual({
      entry_date_past_days: 30, entry_date_future_days: 365, entry_date_from: dayFromToday(-30), entry_date_to: dayFromToday(365),
      salary_min: '1000.00', salary_max: '1000000.00',
    });
    const { applicationId } = await applyingWorker(t);
    const approve = (terms: object) => admin.post(`/admin/applications/${applicationId}/approve`, { contract_id: contractId, ...APPROVAL, ...terms }).expect(400);
    expect((await approve({ entry_date: dayFromToday(-31) })).body.msg).toBe(`entry_date: 应在 ${settings.entry_date_from} 到 ${settings.entry_date_to} 之间`);
    expect((await approve({ salary: '999.99' })).body.msg).toBe('salary: 应在 1000.00 到 1000000.00 元之间');
    await new AdminClient(t).get('/admin/settings/approval').expect(401);
  });

  it('names who did each event, shows the Moka offer the resume came from, and previews the contract the worker will sign', async () => {
    const { worker, resume, applicationId } = await applyingWorker(t, { real_name: '预览丙' });
    const { employee_id: employeeId } = (await admin.get(`/admin/applications/${applicationId}`).expect(200)).body.data.application;
    const refused = await admin.get(`/admin/applications/${applicationId}/contract-preview`).expect(409);
    expect(refused.body).toMatchObject({ status: ErrorCode.ApplicationStatusConflict, msg: '签约申请当前状态为「签约申请」，审核通过后才有待签署的合同' });
    await t.db.getRepository(MokaCandidate).insert({
      mokaApplicationId: '90071992547409931', phone: resume.phone as string, name: '预览丙', email: 'bing@example.com', gender: 1, birthDate: null, nation: null,
      idNumberEnc: null, position: '装配工', entryDate: '2026-07-01', salary: '6000.00', education: '[]', experience: '[]', rawStage: 'offer', employeeId,
    });

    await admin.post(`/admin/applications/${applicationId}/approve`, { contract_id: contractId, ...APPROVAL }).expect(200);
    const detail = (await admin.get(`/admin/applications/${applicationId}`).expect(200)).body.data;
    expect(detail.events.map((e: { event: string; actor_type: string; actor_name: string }) => [e.event, e.actor_type, e.actor_name])).toEqual([
      ['applied', 'employee', '预览丙'],
      ['approved', 'admin', 'superadmin'],
    ]);
    expect(detail.events[1].created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(detail.moka).toMatchObject({ moka_application_id: '90071992547409931', stage: 'offer', position: '装配工', salary: '6000.00', email: 'bing@example.com' });
    expect(detail.document).toBeNull();

    const preview = await admin.get(`/admin/applications/${applicationId}/contract-preview`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(preview.headers['content-type']).toBe('application/pdf');
    expect(preview.headers['content-disposition']).toBe(`inline; filename="SQ${String(applicationId).padStart(8, '0')}-contract.pdf"`);
    const pdf = preview.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The very file the worker then reviews and signs; HR's look is no event of the worker's, but is in the audit log.
    const seen = (await worker.get('/sign/contract').expect(200)).body.data;
    expect(seen.filled_sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(await t.db.getRepository(SignApplicationEvent).countBy({ applicationId, event: 'contract_viewed' })).toBe(1);
    expect(await t.db.getRepository(AuditLog).findOneByOrFail({ action: 'application.contract_preview', targetId: applicationId })).toMatchObject({ ip: admin.ip });
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

  it('sorts the queue and its export by apply time, either way, and refuses any other sort', async () => {
    const applied = ['2026-01-03T02:00:00Z', '2026-01-01T02:00:00Z', '2026-01-02T02:00:00Z'];
    const ids: number[] = [];
    for (const [i, at] of applied.entries()) {
      const { applicationId } = await applyingWorker(t, { real_name: `排序${'甲乙丙'[i]}` });
      await t.db.getRepository(SignApplication).update(applicationId, { applyTime: new Date(at) });
      ids.push(applicationId);
    }
    const [newest, oldest, middle] = ids;
    const listed = async (query: string) =>
      (await admin.get(`/admin/applications?keyword=${encodeURIComponent('排序')}${query}`).expect(200)).body.data.list.map((r: { id: number }) => r.id);
    expect(await listed('')).toEqual([newest, middle, oldest]);
    expect(await listed('&sort=-apply_time')).toEqual([newest, middle, oldest]);
    expect(await listed('&sort=apply_time')).toEqual([oldest, middle, newest]);
    expect(await listed('&sort=apply_time&page=2&page_size=2')).toEqual([newest]);

    const csv = (await admin.get(`/admin/applications/export?keyword=${encodeURIComponent('排序')}&sort=apply_time`).expect(200)).text;
    expect(csv.slice(1).trim().split('\r\n').slice(1).map((line) => Number(line.split(',')[0]))).toEqual([oldest, middle, newest]);

    for (const sort of ['id', 'apply_time desc', 'a.id;--']) {
      const refused = await admin.get(`/admin/applications?sort=${encodeURIComponent(sort)}`).expect(400);
      expect(refused.body).toMatchObject({ status: ErrorCode.ValidationFailed, msg: 'sort: 应为 -apply_time、apply_time 之一' });
    }
  });

  describe('bulk decisions', () => {
    let hr: AdminClient;
    let hrId: number;

    beforeAll(async () => {
      const admins = t.db.getRepository(AdminUser);
      const { hashPassword } = await import('../admin/password-hasher');
      hrId = (await admins.save(admins.create({ username: 'hr_bulk', name: '批量', role: 'hr', passwordHash: await hashPassword('Bulk-pass-123') }))).id;
      hr = new AdminClient(t);
      await hr.login('hr_bulk', 'Bulk-pass-123');
    });

    const decisionsOf = (applicationId: number) => t.db.getRepository(SignApplicationEvent).countBy({ applicationId, actorType: 'admin' });

    it('approves each application of an hr admin in its own transaction and answers every refusal per row', async () => {
      const mine = [await applyingWorker(t, { ad_user_id: hrId }), await applyingWorker(t, { ad_user_id: hrId })].map((w) => w.applicationId);
      const decided = (await applyingWorker(t, { ad_user_id: hrId })).applicationId;
      await admin.post(`/admin/applications/${decided}/reject`, { reason: '材料不全' }).expect(200);
      const otherCompany = (await applyingWorker(t, { ad_user_id: hrId, company_id: otherCompanyId })).applicationId;
      const notMine = (await applyingWorker(t)).applicationId;
      const ids = [mine[0], decided, notMine, 999999, otherCompany, mine[1]];

      const res = await hr.post('/admin/applications/bulk-approve', { ids, contract_id: contractId, ...APPROVAL }).expect(200);
      expect(res.body.data).toMatchObject({ succeeded: 2, failed: 4 });
      expect(res.body.data.results).toEqual([
        { id: mine[0], ok: true, application: expect.objectContaining({ id: mine[0], status: 2, contract_id: contractId, salary: '6500.50', entry_date: APPROVAL.entry_date }) },
        { id: decided, ok: false, code: ErrorCode.ApplicationStatusConflict, msg: '签约申请当前状态为「已驳回」，不能审核通过' },
        { id: notMine, ok: false, code: ErrorCode.RecordNotFound, msg: '签约申请不存在' },
        { id: 999999, ok: false, code: ErrorCode.RecordNotFound, msg: '签约申请不存在' },
        { id: otherCompany, ok: false, code: ErrorCode.ContractNotUsable, msg: '合同不可用：须为该申请用人单位的已启用合同' },
        { id: mine[1], ok: true, application: expect.objectContaining({ id: mine[1], status: 2, handler_id: hrId }) },
      ]);
      for (const id of mine) {
        expect((await applicationRow(id)).status).toBe(SignApplicationStatus.PendingSignature);
        expect(await t.db.getRepository(AuditLog).existsBy({ action: 'application.approve', targetId: id, adminUsername: 'hr_bulk' })).toBe(true);
        expect(await decisionsOf(id)).toBe(1);
      }
      for (const id of [notMine, otherCompany]) expect((await applicationRow(id)).status).toBe(SignApplicationStatus.Applied);
      expect((await applicationRow(decided)).status).toBe(SignApplicationStatus.Rejected);
    });

    it('rejects with one reason, shown to each worker; the decided one is refused on its own row', async () => {
      const first = await applyingWorker(t);
      const approved = (await applyingWorker(t)).applicationId;
      await admin.post(`/admin/applications/${approved}/approve`, { contract_id: contractId, ...APPROVAL }).expect(200);
      const res = await admin.post('/admin/applications/bulk-reject', { ids: [first.applicationId, approved], reason: '岗位已招满' }).expect(200);
      expect(res.body.data).toEqual({
        succeeded: 1,
        failed: 1,
        results: [
          { id: first.applicationId, ok: true, application: expect.objectContaining({ status: 4, status_label: '已驳回', reason: '岗位已招满' }) },
          { id: approved, ok: false, code: ErrorCode.ApplicationStatusConflict, msg: '签约申请当前状态为「待签约」，不能驳回' },
        ],
      });
      expect((await first.worker.get('/em_status').expect(200)).body.data).toMatchObject({ status: 4, reason: '岗位已招满' });
      expect(await t.db.getRepository(AuditLog).existsBy({ action: 'application.reject', targetId: first.applicationId })).toBe(true);
    });

    it('refuses a malformed list of ids, or terms wrong for all, as a whole, deciding nothing', async () => {
      const { applicationId } = await applyingWorker(t);
      const before = await applicationRow(applicationId);
      const tooMany = Array.from({ length: 101 }, (_, i) => applicationId + i);
      const cases: [string, object, string][] = [
        ['bulk-reject', { reason: '批量' }, 'ids: 不能为空'],
        ['bulk-reject', { ids: [], reason: '批量' }, 'ids: 至少 1 个'],
        ['bulk-reject', { ids: tooMany, reason: '批量' }, 'ids: 一次最多 100 个'],
        ['bulk-reject', { ids: [applicationId, applicationId], reason: '批量' }, 'ids: 不能重复'],
        ['bulk-reject', { ids: ['1e0'], reason: '批量' }, 'ids: 应为整数'],
        ['bulk-reject', { ids: [String(applicationId)], reason: '批量' }, 'ids: 应为整数'],
        ['bulk-reject', { ids: [applicationId, 1.5], reason: '批量' }, 'ids: 应为整数'],
        ['bulk-reject', { ids: [0], reason: '批量' }, 'ids: 应为正整数'],
        ['bulk-reject', { ids: String(applicationId), reason: '批量' }, 'ids: 应为申请编号的数组'],
        ['bulk-reject', { ids: [applicationId] }, 'reason: 不能为空'],
        ['bulk-approve', { ids: [applicationId], contract_id: contractId, ...APPROVAL, salary: '0' }, 'salary: 应大于 0'],
        ['bulk-approve', { ids: [applicationId], contract_id: contractId, ...APPROVAL, salary: '999.99' }, 'salary: 应在 1000.00 到 1000000.00 元之间'],
        ['bulk-approve', { ids: [applicationId], contract_id: contractId, ...APPROVAL, entry_date: '2000-01-01' }, 'entry_date: 应在'],
        ['bulk-approve', { ids: [applicationId], ...APPROVAL }, 'contract_id: 不能为空'],
      ];
      for (const [route, body, msg] of cases) {
        const res = await admin.post(`/admin/applications/${route}`, body).expect(400);
        expect(res.body.status).toBe(ErrorCode.ValidationFailed);
        expect(res.body.msg.startsWith(msg)).toBe(true);
      }
      expect(await applicationRow(applicationId)).toEqual(before);
      expect(await decisionsOf(applicationId)).toBe(0);
    });
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
