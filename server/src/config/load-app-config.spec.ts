import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, loadAppConfig } from './load-app-config';

const KEY = Buffer.alloc(32, 7).toString('base64');
const P12 = join(mkdtempSync(join(tmpdir(), 'cfg-p12-')), 'platform.p12');
writeFileSync(P12, 'not read at configuration time');
const SAFE_PRODUCTION = {
  NODE_ENV: 'production',
  DATA_KEY: KEY,
  WECHAT_APPID: 'wx1',
  WECHAT_SECRET: 's',
  SMS_PROVIDER: 'aliyun',
  ALIYUN_SMS_ACCESS_KEY_ID: 'id',
  ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret',
  ALIYUN_SMS_SIGN_NAME: '闪签云',
  ALIYUN_SMS_TEMPLATE_CODE: 'SMS_1',
  REALNAME_PROVIDER: 'tencent',
  TENCENT_FACEID_SECRET_ID: 'AKID',
  TENCENT_FACEID_SECRET_KEY: 'k',
  SIGN_CA_P12_PATH: P12,
  SIGN_CA_P12_PASSWORD: 'ca-pass',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadAppConfig(env);
    return [];
  } catch (error) {
    return (error as ConfigurationError).problems;
  }
}

describe('configuration from the environment', () => {
  it('has safe local defaults: embedded database, log SMS, generated and kept data key', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const config = loadAppConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      production: false,
      port: 3000,
      host: '0.0.0.0',
      database: { type: 'sqlite', path: join(dataDir, 'shanqian.sqlite') },
      redisUrl: null,
      sms: { provider: 'log' },
      uploadMaxBytes: 5 * 1024 * 1024,
      platformCodes: ['wxmp', 'admin'],
      sessionTtlSeconds: 7 * 24 * 3600,
      devExposeCodes: false,
      seedDemoData: true,
    });
    expect(config.dataKey).toHaveLength(32);
    expect(readFileSync(join(dataDir, 'data-key'), 'utf8')).toBe(config.dataKey.toString('base64'));
    expect(loadAppConfig({ DATA_DIR: dataDir }).dataKey.equals(config.dataKey)).toBe(true);
  });

  it('bounds the KV store: Redis timeouts and the in-memory cap', () => {
    expect(loadAppConfig(SAFE_PRODUCTION)).toMatchObject({ redisTimeouts: { connectTimeoutMs: 2000, commandTimeoutMs: 1000 }, kvMemoryMaxEntries: 500_000 });
    expect(loadAppConfig({ ...SAFE_PRODUCTION, REDIS_CONNECT_TIMEOUT_MS: '200', REDIS_COMMAND_TIMEOUT_MS: '300', KV_MEMORY_MAX_ENTRIES: '64' }))
      .toMatchObject({ redisTimeouts: { connectTimeoutMs: 200, commandTimeoutMs: 300 }, kvMemoryMaxEntries: 64 });
    expect(problems({ REDIS_COMMAND_TIMEOUT_MS: '0', KV_MEMORY_MAX_ENTRIES: 'many' }).join('\n')).toMatch(/REDIS_COMMAND_TIMEOUT_MS[^]*KV_MEMORY_MAX_ENTRIES/);
  });

  it("bounds the SMS vendor's timeout: 8 s unless set, 1 to 60 s", () => {
    expect(loadAppConfig(SAFE_PRODUCTION).sms).toMatchObject({ provider: 'aliyun', timeoutMs: 8000 });
    expect(loadAppConfig({ ...SAFE_PRODUCTION, SMS_TIMEOUT_MS: '3000' }).sms).toMatchObject({ timeoutMs: 3000 });
    expect(problems({ ...SAFE_PRODUCTION, SMS_TIMEOUT_MS: '500' }).join('\n')).toMatch(/SMS_TIMEOUT_MS/);
  });

  it('reads the database kind from DATABASE_URL', () => {
    expect(loadAppConfig({ ...SAFE_PRODUCTION, DATABASE_URL: 'mysql://u:p@db:3306/shanqian' }).database).toEqual({ type: 'mysql', url: 'mysql://u:p@db:3306/shanqian' });
    expect(loadAppConfig({ ...SAFE_PRODUCTION, DATABASE_URL: 'mariadb://root@127.0.0.1/x' }).database.type).toBe('mariadb');
    expect(problems({ DATABASE_URL: 'postgres://x/y' })[0]).toMatch(/DATABASE_URL/);
  });

  it('starts in production only with safe settings', () => {
    expect(problems(SAFE_PRODUCTION)).toEqual([]);
    const refused = problems({ NODE_ENV: 'production', DEV_EXPOSE_CODES: '1', SMS_PROVIDER: 'log' });
    expect(refused.join('\n')).toMatch(/SMS_PROVIDER=log/);
    expect(refused.join('\n')).toMatch(/DEV_EXPOSE_CODES/);
    expect(refused.join('\n')).toMatch(/DATA_KEY is required/);
    expect(refused.join('\n')).toMatch(/WECHAT_APPID/);
    expect(problems({ ...SAFE_PRODUCTION, SMS_PROVIDER: undefined as unknown as string })).toEqual(['SMS_PROVIDER is required in production (tencent or aliyun)']);
  });

  it('refuses in production the local real-name check and the generated CA, and anywhere the retired platform certificate', () => {
    expect(problems({ ...SAFE_PRODUCTION, REALNAME_PROVIDER: 'local' }).join('\n')).toMatch(/REALNAME_PROVIDER=tencent is required in production/);
    expect(problems({ ...SAFE_PRODUCTION, SIGN_P12_PATH: P12 })).toEqual([expect.stringMatching(/^SIGN_P12_PATH is no longer used/)]);
    expect(problems({ ...SAFE_PRODUCTION, SIGN_CA_P12_PATH: '' })).toEqual([expect.stringMatching(/^SIGN_CA_P12_PATH .* required in production: certificates issued by a CA generated/)]);
    expect(problems({ ...SAFE_PRODUCTION, SIGN_CA_P12_PATH: '/nonexistent/ca.p12' })).toEqual(['SIGN_CA_P12_PATH: no file at /nonexistent/ca.p12']);
    expect(loadAppConfig(SAFE_PRODUCTION).certificateAuthority).toEqual({ p12Path: P12, p12Password: 'ca-pass' });
    expect(problems({ ...SAFE_PRODUCTION, TENCENT_FACEID_SECRET_KEY: '' })).toEqual(['TENCENT_FACEID_SECRET_ID and TENCENT_FACEID_SECRET_KEY are required with REALNAME_PROVIDER=tencent']);
    expect(loadAppConfig(SAFE_PRODUCTION).realname).toMatchObject({ provider: 'tencent', region: 'ap-guangzhou', endpoint: 'https://faceid.tencentcloudapi.com' });
  });

  it('checks the bootstrap admin: both variables, and a strong password', () => {
    expect(problems({ ADMIN_BOOTSTRAP_USERNAME: 'root_admin' })).toEqual(['ADMIN_BOOTSTRAP_USERNAME and ADMIN_BOOTSTRAP_PASSWORD must be set together']);
    expect(problems({ ADMIN_BOOTSTRAP_USERNAME: 'root_admin', ADMIN_BOOTSTRAP_PASSWORD: 'onlyletterspassword' })).toEqual(['ADMIN_BOOTSTRAP_PASSWORD: 密码应同时包含字母和数字']);
    expect(loadAppConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'cfg-')), ADMIN_BOOTSTRAP_USERNAME: 'root_admin', ADMIN_BOOTSTRAP_PASSWORD: 'Str0ng-enough' }).admin)
      .toEqual({ bootstrap: { username: 'root_admin', password: 'Str0ng-enough' }, sessionTtlSeconds: 43200 });
  });

  it('points the SMS SDKs at the vendor, or at TENCENT_SMS_ENDPOINT / ALIYUN_SMS_ENDPOINT (scheme and host[:port])', () => {
    const tencent = { ...SAFE_PRODUCTION, SMS_PROVIDER: 'tencent', TENCENT_SMS_SECRET_ID: 'AKID', TENCENT_SMS_SECRET_KEY: 'k', TENCENT_SMS_SDK_APP_ID: '1400', TENCENT_SMS_SIGN_NAME: '闪签云', TENCENT_SMS_TEMPLATE_ID: '1' };
    expect(loadAppConfig(tencent).sms).toMatchObject({ provider: 'tencent', region: 'ap-guangzhou', endpoint: 'https://sms.tencentcloudapi.com' });
    expect(loadAppConfig(SAFE_PRODUCTION).sms).toMatchObject({ provider: 'aliyun', endpoint: 'https://dysmsapi.aliyuncs.com' });
    expect(loadAppConfig({ ...tencent, TENCENT_SMS_ENDPOINT: 'http://127.0.0.1:4567/' }).sms).toMatchObject({ endpoint: 'http://127.0.0.1:4567' });
    expect(loadAppConfig({ ...SAFE_PRODUCTION, ALIYUN_SMS_ENDPOINT: 'https://dysmsapi.aliyuncs.com:443' }).sms).toMatchObject({ endpoint: 'https://dysmsapi.aliyuncs.com' });
    expect(problems({ ...SAFE_PRODUCTION, ALIYUN_SMS_ENDPOINT: 'ftp://dysmsapi.aliyuncs.com' })[0]).toMatch(/^ALIYUN_SMS_ENDPOINT/);
    expect(problems({ ...tencent, TENCENT_SMS_ENDPOINT: 'https://gw.example.com/sms' })).toEqual(['TENCENT_SMS_ENDPOINT must be a scheme and host[:port] only, e.g. https://sms.tencentcloudapi.com']);
  });

  it('turns a partner bridge on only with all of its credentials', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cfg-'));
    expect(loadAppConfig({ DATA_DIR: dataDir }).bridges).toEqual({ timeoutMs: 10000, backoffMs: 1000, queuePollMs: 2000, leapin: null, moka: null, feishu: null });
    const on = loadAppConfig({
      DATA_DIR: dataDir,
      LEAPIN_ACCESS_ID: 'id', LEAPIN_ACCESS_SECRET: 'secret', MOKA_API_KEY: 'key', FEISHU_APP_ID: 'cli_1', FEISHU_APP_SECRET: 's',
      BRIDGE_TIMEOUT_MS: '3000', LEAPIN_PULL_INTERVAL_MS: '0',
    }).bridges;
    expect(on).toMatchObject({
      timeoutMs: 3000,
      leapin: { baseUrl: 'https://app.leapin-ai.com/api/open', accessId: 'id', accessSecret: 'secret', pullIntervalMs: 0 },
      moka: { baseUrl: 'https://api.mokahr.com/api-platform', apiKey: 'key' },
      feishu: { appId: 'cli_1', appSecret: 's', domain: 'https://open.feishu.cn' },
    });
    expect(loadAppConfig({ DATA_DIR: dataDir, LEAPIN_ACCESS_ID: 'id', LEAPIN_ACCESS_SECRET: 's', LEAPIN_BASE_URL: 'http://127.0.0.1:9000/api/open/' }).bridges.leapin)
      .toMatchObject({ baseUrl: 'http://127.0.0.1:9000/api/open', pullIntervalMs: 600000 });
    expect(problems({ LEAPIN_ACCESS_ID: 'id', FEISHU_APP_SECRET: 's' })).toEqual([
      'LEAPIN_ACCESS_ID and LEAPIN_ACCESS_SECRET must be set together',
      'FEISHU_APP_ID and FEISHU_APP_SECRET must be set together',
    ]);
    expect(problems({ MOKA_BASE_URL: 'api.mokahr.com', BRIDGE_TIMEOUT_MS: '5' }).join('\n')).toMatch(/MOKA_BASE_URL[\s\S]*BRIDGE_TIMEOUT_MS|BRIDGE_TIMEOUT_MS[\s\S]*MOKA_BASE_URL/);
  });

  it('reads the approval window and salary range, refusing an empty or inverted range', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cfg-'));
    expect(loadAppConfig({ DATA_DIR: dataDir }).approval).toEqual({ entryDatePastDays: 30, entryDateFutureDays: 365, salaryMin: '1000.00', salaryMax: '1000000.00' });
    expect(loadAppConfig({ DATA_DIR: dataDir, APPROVAL_ENTRY_DATE_PAST_DAYS: '0', APPROVAL_ENTRY_DATE_FUTURE_DAYS: '90', SALARY_MIN: '2200.5', SALARY_MAX: '50000' }).approval)
      .toEqual({ entryDatePastDays: 0, entryDateFutureDays: 90, salaryMin: '2200.50', salaryMax: '50000.00' });
    expect(problems({ SALARY_MIN: '3000', SALARY_MAX: '2000' })).toEqual(['SALARY_MIN (3000.00) must not exceed SALARY_MAX (2000.00)']);
    expect(problems({ SALARY_MIN: '0' })).toEqual(['SALARY_MIN must be more than 0']);
    const malformed = problems({ SALARY_MIN: '1e3', SALARY_MAX: '-5', APPROVAL_ENTRY_DATE_PAST_DAYS: '-1', APPROVAL_ENTRY_DATE_FUTURE_DAYS: 'a year' }).join('\n');
    for (const name of ['SALARY_MIN', 'SALARY_MAX', 'APPROVAL_ENTRY_DATE_PAST_DAYS', 'APPROVAL_ENTRY_DATE_FUTURE_DAYS']) expect(malformed).toContain(name);
  });

  it('reads CORS_ORIGINS as browsers write origins; none by default in production, localhost on any port otherwise', () => {
    expect(loadAppConfig(SAFE_PRODUCTION).corsOrigins).toEqual([]);
    expect(loadAppConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'cfg-')) }).corsOrigins).toEqual(['http://localhost:*', 'http://127.0.0.1:*']);
    expect(loadAppConfig({ ...SAFE_PRODUCTION, CORS_ORIGINS: 'https://HR.Example.com:443, http://[::1]:8080,https://console.example.com:*' }).corsOrigins)
      .toEqual(['https://hr.example.com', 'http://[::1]:8080', 'https://console.example.com:*']);
    for (const value of ['*', 'null', 'hr.example.com', 'https://hr.example.com/', 'https://hr.example.com/console', 'ftp://hr.example.com', 'https://*.example.com']) {
      expect(problems({ CORS_ORIGINS: value })).toEqual([expect.stringMatching(/^CORS_ORIGINS must be a comma-separated list of origins/)]);
    }
    expect(problems({ CORS_ORIGINS: 'https://hr.example.com:99999' })).toEqual(['CORS_ORIGINS: https://hr.example.com:99999 is not an origin (a port is at most 65535)']);
  });

  it('serves the API docs outside production, and in production only with API_DOCS=1; metrics only with a token', () => {
    const local = { DATA_DIR: mkdtempSync(join(tmpdir(), 'cfg-')) };
    expect(loadAppConfig(local)).toMatchObject({ apiDocs: true, metricsToken: null, shutdownTimeoutMs: 25000 });
    expect(loadAppConfig({ ...local, API_DOCS: '0' }).apiDocs).toBe(false);
    expect(loadAppConfig(SAFE_PRODUCTION).apiDocs).toBe(false);
    expect(loadAppConfig({ ...SAFE_PRODUCTION, API_DOCS: '1', METRICS_TOKEN: 'a'.repeat(32), SHUTDOWN_TIMEOUT_MS: '5000' })).toMatchObject({ apiDocs: true, metricsToken: 'a'.repeat(32), shutdownTimeoutMs: 5000 });
    const malformed = problems({ API_DOCS: 'yes', METRICS_TOKEN: 'short', SHUTDOWN_TIMEOUT_MS: '10' }).join('\n');
    for (const name of ['API_DOCS', 'METRICS_TOKEN', 'SHUTDOWN_TIMEOUT_MS']) expect(malformed).toContain(name);
  });

  it('names every malformed variable', () => {
    const malformed = problems({ PORT: 'eighty', UPLOAD_MAX_BYTES: '10', PLATFORM_CODES: 'wx mp', REDIS_URL: 'localhost' }).join('\n');
    for (const name of ['PORT', 'UPLOAD_MAX_BYTES', 'PLATFORM_CODES', 'REDIS_URL']) expect(malformed).toContain(name);
    const incomplete = problems({ DATA_KEY: 'short', SMS_PROVIDER: 'tencent', WECHAT_APPID: 'wx1' }).join('\n');
    for (const name of ['TENCENT_SMS_SECRET_ID', 'TENCENT_SMS_TEMPLATE_ID', 'DATA_KEY must be exactly 32 bytes', 'WECHAT_SECRET must be set together']) expect(incomplete).toContain(name);
  });
});
