import { ErrorCode, SignApplicationStatus } from '@shanqian/shared';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuditLog } from '../admin/audit-log.entity';
import { Employee } from '../employee/employee.entity';
import { AdminClient } from '../test/admin-client';
import { MiniProgramClient } from '../test/api-client';
import { validResume } from '../test/fixtures';
import { APPROVAL, applyingWorker, uploadContract } from '../test/sign-fixtures';
import { startTestApp, TestApp } from '../test/test-app';
import { SmsCodeService } from '../verification/sms-code.service';
import { ANY_APPLICATION_EVENT, ApplicationTransitioned } from './application-events';
import { SignApplicationEvent } from './sign-application-event.entity';
import { SignApplication } from './sign-application.entity';

/**
 * Every change of an application goes through ApplicationsService.transition: of racing changes
 * exactly one wins, with one history event, one audit row and one published event; the others get
 * a 409 and change nothing. On MariaDB the requests really run at once; on SQLite they take turns.
 */
describe('the sign application under concurrent changes', () => {
  let t: TestApp;
  let admins: AdminClient[];
  let contractId: number;
  const published: ApplicationTransitioned[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    // One session shared by twenty clients (each its own address): twenty logins at once would meet the login limit instead.
    const first = await AdminClient.superAdmin(t);
    admins = Array.from({ length: 20 }, () => Object.assign(new AdminClient(t), { token: first.token }));
    const [{ id: companyId }] = await t.db.query('SELECT id FROM company ORDER BY id LIMIT 1');
    contractId = await uploadContract(first, Number(companyId));
    t.app.get(EventEmitter2).on(ANY_APPLICATION_EVENT, (event: ApplicationTransitioned) => published.push(event));
  });
  afterAll(() => t.close());

  const decisionsOf = async (applicationId: number) => ({
    events: await t.db.getRepository(SignApplicationEvent).findBy({ applicationId, actorType: 'admin' }),
    audits: await t.db.getRepository(AuditLog).findBy({ targetType: 'sign_apply', targetId: applicationId }),
    published: published.filter((e) => e.applicationId === applicationId && e.actor.type === 'admin'),
    row: await t.db.getRepository(SignApplication).findOneByOrFail({ id: applicationId }),
  });

  it('20 parallel approvals of one application: one wins, 19 hear 409 naming the status', async () => {
    const { applicationId } = await applyingWorker(t);
    const results = await Promise.all(admins.map((admin) => admin.post(`/admin/applications/${applicationId}/approve`, { contract_id: contractId, ...APPROVAL })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const losers = results.filter((r) => r.status !== 200);
    expect(losers.map((r) => r.status)).toEqual(Array(19).fill(409));
    for (const loser of losers) {
      expect([ErrorCode.ApplicationStatusConflict, ErrorCode.ApplicationChanged]).toContain(loser.body.status);
      if (loser.body.status === ErrorCode.ApplicationStatusConflict) expect(loser.body.msg).toBe('签约申请当前状态为「待签约」，不能审核通过');
    }
    const { events, audits, published: sent, row } = await decisionsOf(applicationId);
    expect(events.map((e) => e.event)).toEqual(['approved']);
    expect(audits.map((a) => a.action)).toEqual(['application.approve']);
    expect(sent.map((e) => [e.name, e.fromStatus, e.toStatus, e.version])).toEqual([['application.approved', 1, 2, 2]]);
    expect(row).toMatchObject({ status: SignApplicationStatus.PendingSignature, version: 2, contractId });
  });

  it('approve, reject and cancel at once: one decision stands, with its own event and audit row', async () => {
    for (let round = 0; round < 3; round++) {
      const { applicationId } = await applyingWorker(t);
      const actions = [
        (a: AdminClient) => a.post(`/admin/applications/${applicationId}/approve`, { contract_id: contractId, ...APPROVAL }),
        (a: AdminClient) => a.post(`/admin/applications/${applicationId}/reject`, { reason: '并发驳回' }),
        (a: AdminClient) => a.post(`/admin/applications/${applicationId}/cancel`, { reason: '并发取消' }),
      ];
      const results = await Promise.all(admins.slice(0, 9).map((admin, i) => actions[(i + round) % 3](admin)));
      const winners = results.filter((r) => r.status === 200);
      expect(winners).toHaveLength(winners.length === 2 ? 2 : 1);
      const { events, audits, row } = await decisionsOf(applicationId);
      // An approval may be followed by a cancel (2 → 5 is allowed): then both stand, in that order.
      if (winners.length === 2) {
        expect(events.map((e) => e.event)).toEqual(['approved', 'cancelled']);
        expect(row.status).toBe(SignApplicationStatus.Cancelled);
      } else {
        expect(events).toHaveLength(1);
        expect(row.status).toBe(winners[0].body.data.status);
      }
      expect(audits).toHaveLength(events.length);
      expect(row.version).toBe(1 + events.length);
      expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409)).toBe(true);
    }
  });

  it('20 parallel first submissions of one worker: one resume, one application, one event; the rest 409, the code used once', async () => {
    const worker = new MiniProgramClient(t);
    await worker.login();
    const resume = await validResume(worker);
    resume.verify_code = await worker.smsCode(resume.phone as string);
    const results = await Promise.all(Array.from({ length: 20 }, () => worker.postForm('/employee', resume)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const losers = results.filter((r) => r.status !== 200);
    expect(losers.map((r) => [r.status, r.body.status])).toEqual(Array(19).fill([409, ErrorCode.EmployeeExists]));

    const employees = await t.db.getRepository(Employee).findBy({ phone: resume.phone as string });
    expect(employees).toHaveLength(1);
    const [application] = await t.db.getRepository(SignApplication).findBy({ employeeId: employees[0].id });
    const events = await t.db.getRepository(SignApplicationEvent).findBy({ applicationId: application.id });
    expect(events.map((e) => e.event)).toEqual(['applied']);
    expect(published.filter((e) => e.applicationId === application.id).map((e) => e.name)).toEqual(['application.applied']);
    // The winner used the code up; no loser gave it back.
    await expect(t.app.get(SmsCodeService).consume(resume.phone as string, resume.verify_code as string)).rejects.toMatchObject({ code: ErrorCode.SmsCodeInvalid });
  });
});
