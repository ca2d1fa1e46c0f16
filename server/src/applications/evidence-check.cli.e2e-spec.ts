import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AdminClient } from '../test/admin-client';
import { applyingWorker, freshSmsCode } from '../test/sign-fixtures';
import { MARIADB_ROOT, startTestApp, TEST_DB, TestApp } from '../test/test-app';
import { testCaEnv } from '../test/test-ca';

const run = promisify(execFile);
/** The built CLI that `npm run evidence:check` runs (npm test builds before testing). */
const CLI = join(__dirname, '../../dist/applications/evidence-check.cli.js');

/**
 * `npm run evidence:check -- <id>` on its own, against the database a server wrote (the same
 * configuration: DATA_DIR, or DATABASE_URL on MariaDB): the head and OK, the event where an edited
 * row breaks the chain, and its exit status.
 */
describe('npm run evidence:check', () => {
  let t: TestApp;
  let admin: AdminClient;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await AdminClient.superAdmin(t);
  });
  afterAll(() => t.close());

  const check = (...args: string[]) =>
    run(process.execPath, [CLI, ...args], {
      env: { ...process.env, NODE_ENV: 'development', DATA_DIR: t.storage.dataDir, ...testCaEnv(), ...(TEST_DB === 'mariadb' ? { DATABASE_URL: `${MARIADB_ROOT}/${t.storage.dbName}` } : {}) },
    }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );

  /** An application with three events: applied, rejected, resubmitted. */
  const historyOfThree = async () => {
    const { worker, resume, applicationId } = await applyingWorker(t);
    await admin.post(`/admin/applications/${applicationId}/reject`, { reason: '照片不清晰' }).expect(200);
    resume.verify_code = await freshSmsCode(t, worker, resume.phone as string);
    await worker.putForm('/employee', resume).expect(200);
    const events: { id: number; hash: string }[] = await t.db.query('SELECT id, hash FROM sign_apply_event WHERE apply_id = ? ORDER BY id', [applicationId]);
    expect(events).toHaveLength(3);
    return { applicationId, events };
  };

  // A deleted or forged row is found by the same check (application-event-chain.e2e-spec.ts); here, the CLI's answers.
  it('prints the head and OK, and exits 1 naming the event after an edited row', async () => {
    const edited = await historyOfThree();
    expect(await check(String(edited.applicationId))).toEqual({ code: 0, out: expect.stringContaining(`3 events\nhead: ${edited.events[2].hash}\nOK`) });

    await t.db.query("UPDATE sign_apply_event SET detail = '{\"reason\":\"无\"}' WHERE id = ?", [edited.events[1].id]);
    expect(await check(String(edited.applicationId))).toEqual({ code: 1, out: expect.stringContaining(`BROKEN at event ${edited.events[1].id}: its content does not match its hash`) });
  });

  it('exits 2 for an unknown application or a wrong argument', async () => {
    expect(await check('999999')).toEqual({ code: 2, out: expect.stringContaining('application 999999 does not exist') });
    expect(await check('abc')).toEqual({ code: 2, out: expect.stringContaining('usage: npm run evidence:check -- <application id>') });
  });
});
