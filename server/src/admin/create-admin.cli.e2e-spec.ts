import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { testCaEnv } from '../test/test-ca';

const run = promisify(execFile);
/** The built CLI that `npm run admin:create` runs (npm test builds before testing). */
const CLI = join(__dirname, '../../dist/admin/create-admin.cli.js');

/** The CLI opens the embedded database of its DATA_DIR: the SQLite pass alone runs this file (jest.config.js). */
describe('npm run admin:create', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'shanqian-admin-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const cli = (args: string[], password: string) =>
    run(process.execPath, [CLI, ...args], { env: { ...process.env, DATA_DIR: dataDir, ADMIN_PASSWORD: password, LOG_LEVEL: 'silent', NODE_ENV: 'development', ...testCaEnv() } }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );

  it('creates a super admin with an argon2id hash, and refuses a weak password, a taken name (in any case) and a bad one', async () => {
    expect(await cli(['ops_admin'], 'Cli-password-2026')).toMatchObject({ code: 0, out: expect.stringContaining('super admin ops_admin created') });
    const db = await new DataSource({ type: 'better-sqlite3', database: join(dataDir, 'shanqian.sqlite') }).initialize();
    try {
      expect(await db.query('SELECT role, password_hash AS hash FROM admin_user WHERE username = ?', ['ops_admin'])).toEqual([{ role: 'super', hash: expect.stringMatching(/^\$argon2id\$/) }]);
    } finally {
      await db.destroy();
    }
    expect(await cli(['weak_admin'], 'short')).toMatchObject({ code: 65, out: expect.stringContaining('密码应为 10 到 72 个字符') });
    expect(await cli(['ops_admin'], 'Cli-password-2026')).toMatchObject({ code: 65, out: expect.stringContaining('用户名 ops_admin 已存在') });
    expect(await cli(['OPS_Admin'], 'Cli-password-2026')).toMatchObject({ code: 65, out: expect.stringContaining('用户名 ops_admin 已存在') });
    expect(await cli(['no spaces'], 'Cli-password-2026')).toMatchObject({ code: 64, out: expect.stringContaining('usage: npm run admin:create') });
  });
});
