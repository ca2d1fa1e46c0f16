import { ErrorCode } from '@shanqian/shared';
import { createConnection } from 'mysql2/promise';
import { QueryFailedError } from 'typeorm';
import { SignApplicationRepository } from '../applications/sign-application.repository';
import { KV_STORE, KvStore } from '../common/kv/kv-store';
import { MiniProgramClient } from '../test/api-client';
import { FakeClock } from '../test/fake-clock';
import { uniquePhone, validResume } from '../test/fixtures';
import { startTestApp, TEST_DB, TestApp } from '../test/test-app';
import { until } from '../test/until';
import { VerificationKeys } from '../verification/verification-keys.service';
import { TRANSACTION_ATTEMPTS } from './transient-errors';

const WORKERS = 10;
const ROUNDS = 10;

/** What mysql2 throws when InnoDB picks a transaction as a deadlock's victim, as TypeORM wraps it. */
const deadlock = () =>
  new QueryFailedError('INSERT INTO sign_apply_event …', [], Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { errno: 1213, code: 'ER_LOCK_DEADLOCK' }));

/** Deadlocks and lock-wait timeouts rerun the request's transaction; only a database that stays busy answers 503 10012. */
describe('transient database errors', () => {
  const clock = new FakeClock();
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({}, undefined, { clock })));
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  /** A worker whose resume was accepted, with the body it sent. */
  async function applied(): Promise<{ client: MiniProgramClient; body: Record<string, unknown> }> {
    const client = new MiniProgramClient(t);
    await client.login();
    const body = await validResume(client);
    await client.postForm('/employee', { ...body, verify_code: await client.smsCode(body.phone as string) }).expect(200);
    return { client, body };
  }

  const smsCodeStored = async (phone: string) => (await t.app.get<KvStore>(KV_STORE).get(t.app.get(VerificationKeys).smsCode(phone))) !== null;

  it('ten workers editing their resumes at the same moment, ten rounds: every edit answered 200 and stored', async () => {
    const workers = await Promise.all(Array.from({ length: WORKERS }, applied));
    const edit = (round: number, i: number) => ({
      ...workers[i].body,
      addr: `张江路${round}号`,
      employee_edu: JSON.stringify([
        { school: `第${round}大学`, major: '机械工程', edu_type: 'bachelor', start_date: '2013-09', end_date: '2017-06' },
        { school: `第${round}中学`, major: '理科', edu_type: 'bachelor', start_date: '2010-09', end_date: '2013-06' },
      ]),
      work_exp: JSON.stringify([{ company_name: `第${round}工厂`, position: '普工', start_date: '2017-07', end_date: '2020-12', description: `第${i}位` }]),
    });

    const refused: unknown[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const answers = await Promise.all(workers.map(({ client }, i) => client.putForm('/employee', edit(round, i))));
      refused.push(...answers.filter((res) => res.status !== 200).map((res) => ({ round, status: res.status, body: res.body })));
    }
    expect(refused).toEqual([]);

    for (const [i, { client }] of workers.entries()) {
      const stored = (await client.get('/employee').expect(200)).body.data;
      expect(stored.addr).toBe(`张江路${ROUNDS}号`);
      expect(stored.employee_edu.map((row: { school: string }) => row.school)).toEqual([`第${ROUNDS}大学`, `第${ROUNDS}中学`]);
      expect(stored.work_exp).toEqual([expect.objectContaining({ company_name: `第${ROUNDS}工厂`, description: `第${i}位` })]);
    }
  });

  it('reruns a deadlocked transaction after the SMS code was taken in it, with that code: 200, the new phone stored, the code spent', async () => {
    const { client, body } = await applied();
    const phone = uniquePhone();
    const verify_code = await client.smsCode(phone);
    const events = jest.spyOn(t.app.get(SignApplicationRepository), 'appendEvent').mockRejectedValueOnce(deadlock());

    await client.putForm('/employee', { ...body, phone, verify_code }).expect(200);
    expect(events).toHaveBeenCalledTimes(2);
    expect((await client.get('/employee').expect(200)).body.data.phone).toBe(phone);
    expect(await smsCodeStored(phone)).toBe(false);
  });

  it(`answers 503 ${ErrorCode.DatabaseBusy} after ${TRANSACTION_ATTEMPTS} deadlocked runs, backing off on the clock; nothing is stored and the code stays usable`, async () => {
    const { client, body } = await applied();
    const phone = uniquePhone();
    const verify_code = await client.smsCode(phone);
    const events = jest.spyOn(t.app.get(SignApplicationRepository), 'appendEvent').mockRejectedValue(deadlock());
    const before = clock.now();

    const res = await client.putForm('/employee', { ...body, phone, verify_code }).expect(503);
    expect(res.body).toEqual({ status: ErrorCode.DatabaseBusy, msg: '服务繁忙，请稍后重试', data: null });
    expect(events).toHaveBeenCalledTimes(TRANSACTION_ATTEMPTS);
    const waited = clock.now() - before;
    expect(waited).toBeGreaterThanOrEqual((TRANSACTION_ATTEMPTS - 1) * 10);
    expect(waited).toBeLessThan((TRANSACTION_ATTEMPTS - 1) * 100);
    expect((await client.get('/employee').expect(200)).body.data.phone).toBe(body.phone);
    expect(t.logs.lines.some((line) => String(line.msg).startsWith('database busy after retries'))).toBe(true);

    events.mockRestore();
    await client.putForm('/employee', { ...body, phone, verify_code }).expect(200);
  });

  if (TEST_DB === 'mariadb') {
    it('survives a real deadlock with another connection: InnoDB rolls the request back, and its rerun succeeds', async () => {
      const { client, body } = await applied();
      const employeeId = (await client.get('/employee').expect(200)).body.data.id;
      const [{ id: applicationId }] = await t.db.query('SELECT id FROM sign_apply WHERE em_id = ?', [employeeId]);
      const database = t.config.database as { url: string };
      const other = await createConnection(database.url.replace(/^mariadb:/, 'mysql:'));
      try {
        await other.query('BEGIN');
        // More work than the request's transaction, so that InnoDB picks the request's as the victim.
        await other.query(`INSERT INTO company (company_name) VALUES ${Array.from({ length: 30 }, (_, i) => `('死锁对手${i}')`).join(', ')}`);
        await other.query('UPDATE employee SET addr = addr WHERE id = ?', [employeeId]);
        // The request locks its application, then waits for the resume row held here…
        const answer = client.putForm('/employee', { ...body, addr: '死锁之后' }).then((res) => res);
        await until(async () => {
          // PROCESSLIST, not INNODB_LOCK_WAITS: InnoDB refreshes that one only after 100 ms without readers.
          const [rows] = await other.query("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE db = DATABASE() AND info LIKE 'UPDATE `employee`%'");
          return Number((rows as { n: number }[])[0].n) > 0;
        });
        // …and this waits for the application the request holds: a cycle.
        await other.query('UPDATE sign_apply SET version = version WHERE id = ?', [applicationId]);
        await other.query('ROLLBACK');
        expect((await answer).status).toBe(200);
      } finally {
        await other.end();
      }
      expect((await client.get('/employee').expect(200)).body.data.addr).toBe('死锁之后');
    });
  }
});
