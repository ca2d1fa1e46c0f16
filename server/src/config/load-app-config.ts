import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_MAX_ENTRIES } from '../common/kv/memory-kv-store';
import { canonicalMoney, moneyCents } from '../common/money';
import { algoBaseUrl } from '../robot/algo/robot-api-policy';
import { AppConfig, ApprovalConfig, BridgesConfig, DatabaseConfig, RealnameConfig, SmsConfig, StorageConfig } from './app-config';
import { EnvironmentVariables, validateEnvironment } from './env.validation';

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  }
}

const DATA_KEY_FILE = 'data-key';
/** How long an SMS vendor call may take before the send counts as failed. */
const DEFAULT_SMS_TIMEOUT_MS = 8000;

/**
 * Validates the environment and builds the typed configuration. Outside production missing values
 * get safe local defaults; in production the unsafe ones (development SMS, exposed codes, a
 * generated data key, no WeChat credentials) stop the server before it listens.
 */
export function loadAppConfig(raw: Record<string, string | undefined> = process.env): AppConfig {
  const { env, problems } = validateEnvironment(raw);
  if (problems.length) throw new ConfigurationError(problems);

  const production = env.NODE_ENV === 'production';
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const sms = smsConfig(env, problems);
  if (production) {
    if (!env.SMS_PROVIDER) problems.push('SMS_PROVIDER is required in production (tencent or aliyun)');
    else if (env.SMS_PROVIDER === 'log') problems.push('SMS_PROVIDER=log only writes codes to the log: refused in production');
    if (env.DEV_EXPOSE_CODES === '1') problems.push('DEV_EXPOSE_CODES=1 writes captcha answers and SMS codes to the log: refused in production');
    if (!env.DATA_KEY) problems.push('DATA_KEY is required in production (32 random bytes, base64)');
    if (!env.WECHAT_APPID || !env.WECHAT_SECRET) problems.push('WECHAT_APPID and WECHAT_SECRET are required in production');
    if (env.SEED_DEMO_DATA === '1') problems.push('SEED_DEMO_DATA=1 would add demo companies and HR staff: refused in production');
    if (env.REALNAME_PROVIDER !== 'tencent') problems.push('REALNAME_PROVIDER=tencent is required in production (local only checks the ID number\'s checksum)');
    if (!env.SIGN_CA_P12_PATH) problems.push('SIGN_CA_P12_PATH (and SIGN_CA_P12_PASSWORD) are required in production: certificates issued by a CA generated on this server prove nothing in a dispute');
  }
  if (!!env.ADMIN_BOOTSTRAP_USERNAME !== !!env.ADMIN_BOOTSTRAP_PASSWORD) problems.push('ADMIN_BOOTSTRAP_USERNAME and ADMIN_BOOTSTRAP_PASSWORD must be set together');
  const weakPassword = env.ADMIN_BOOTSTRAP_PASSWORD ? passwordProblem(env.ADMIN_BOOTSTRAP_PASSWORD) : null;
  if (weakPassword) problems.push(`ADMIN_BOOTSTRAP_PASSWORD: ${weakPassword}`);
  // The platform no longer signs contracts itself: each party does, with certificates from SIGN_CA_P12_PATH's CA.
  if (env.SIGN_P12_PATH) problems.push('SIGN_P12_PATH is no longer used: contracts are signed by the worker and the employer with certificates of the CA in SIGN_CA_P12_PATH (docs/certificates.md)');
  if (env.SIGN_CA_P12_PATH && !existsSync(env.SIGN_CA_P12_PATH)) problems.push(`SIGN_CA_P12_PATH: no file at ${env.SIGN_CA_P12_PATH}`);
  const realname = realnameConfig(env, problems);
  if (!!env.WECHAT_APPID !== !!env.WECHAT_SECRET) problems.push('WECHAT_APPID and WECHAT_SECRET must be set together');
  const dataKey = env.DATA_KEY ? decodeDataKey(env.DATA_KEY, problems) : null;
  const bridges = bridgesConfig(env, problems);
  const robotAlgoBaseUrls = algoBaseUrls(env.ROBOT_ALGO_BASE_URLS, problems);
  const approval = approvalConfig(env, problems);
  const corsOrigins = corsOriginList(env, production, problems);
  const storage = storageConfig(env, dataDir, problems);
  const consoleDir = consoleDirectory(env, problems);
  if (problems.length) throw new ConfigurationError(problems);

  return {
    production,
    port: env.PORT ?? 3000,
    host: env.HOST ?? '0.0.0.0',
    trustProxy: !env.TRUST_PROXY ? false : /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY,
    corsOrigins,
    dataDir,
    consoleDir,
    database: databaseConfig(env, dataDir),
    redisUrl: env.REDIS_URL ?? null,
    redisKeyPrefix: env.REDIS_KEY_PREFIX ?? 'shanqian:',
    redisTimeouts: { connectTimeoutMs: env.REDIS_CONNECT_TIMEOUT_MS ?? 2000, commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS ?? 1000 },
    kvMemoryMaxEntries: env.KV_MEMORY_MAX_ENTRIES ?? DEFAULT_MAX_ENTRIES,
    wechat: {
      appId: env.WECHAT_APPID ?? null,
      secret: env.WECHAT_SECRET ?? null,
      apiBase: (env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com').replace(/\/+$/, ''),
      timeoutMs: env.WECHAT_TIMEOUT_MS ?? 5000,
    },
    sms,
    uploadMaxBytes: env.UPLOAD_MAX_BYTES ?? 5 * 1024 * 1024,
    storage,
    publicBaseUrl: env.PUBLIC_BASE_URL ? env.PUBLIC_BASE_URL.replace(/\/+$/, '') : null,
    platformCodes: (env.PLATFORM_CODES ?? 'wxmp,admin').split(','),
    sessionTtlSeconds: env.SESSION_TTL_SECONDS ?? 7 * 24 * 3600,
    dataKey: dataKey ?? localDataKey(dataDir),
    devExposeCodes: env.DEV_EXPOSE_CODES === '1',
    seedDemoData: env.SEED_DEMO_DATA ? env.SEED_DEMO_DATA === '1' : !production,
    logLevel: env.LOG_LEVEL ?? 'info',
    apiDocs: env.API_DOCS ? env.API_DOCS === '1' : !production,
    metricsToken: env.METRICS_TOKEN ?? null,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS ?? 25_000,
    admin: {
      bootstrap: env.ADMIN_BOOTSTRAP_USERNAME && env.ADMIN_BOOTSTRAP_PASSWORD ? { username: env.ADMIN_BOOTSTRAP_USERNAME, password: env.ADMIN_BOOTSTRAP_PASSWORD } : null,
      sessionTtlSeconds: env.ADMIN_SESSION_TTL_SECONDS ?? 12 * 3600,
    },
    realname,
    signing: {
      tsaUrl: env.TSA_URL ?? null,
      tsaTimeoutMs: env.TSA_TIMEOUT_MS ?? 10000,
    },
    certificateAuthority: { p12Path: env.SIGN_CA_P12_PATH ?? null, p12Password: env.SIGN_CA_P12_PASSWORD ?? '' },
    bridges,
    robotAlgo: { baseUrls: robotAlgoBaseUrls, timeoutMs: env.ROBOT_ALGO_TIMEOUT_MS ?? 5000 },
    approval,
  };
}

/** Where `npm run build` puts the console: admin-web/dist, three folders up from this file in src/ and in dist/ alike. */
const BUILT_CONSOLE = resolve(__dirname, '../../../admin-web/dist');

/** CONSOLE_DIR must hold a built console; unset, the repository's build when there is one (the API runs without it). */
function consoleDirectory(env: EnvironmentVariables, problems: string[]): string | null {
  const dir = env.CONSOLE_DIR ? resolve(env.CONSOLE_DIR) : BUILT_CONSOLE;
  if (existsSync(join(dir, 'index.html'))) return dir;
  if (env.CONSOLE_DIR) problems.push(`CONSOLE_DIR: no index.html in ${dir} (build the console with npm run build)`);
  return null;
}

/**
 * The default salary floor is of the order of China's lowest monthly minimum wage (about 1,700 to
 * 2,700 yuan by province in 2025), low enough for part-time contracts; the ceiling catches typos.
 */
function approvalConfig(env: EnvironmentVariables, problems: string[]): ApprovalConfig {
  const salaryMin = canonicalMoney(env.SALARY_MIN ?? '1000')!;
  const salaryMax = canonicalMoney(env.SALARY_MAX ?? '1000000')!;
  if (moneyCents(salaryMin)! <= 0) problems.push('SALARY_MIN must be more than 0');
  if (moneyCents(salaryMin)! > moneyCents(salaryMax)!) problems.push(`SALARY_MIN (${salaryMin}) must not exceed SALARY_MAX (${salaryMax})`);
  return {
    entryDatePastDays: env.APPROVAL_ENTRY_DATE_PAST_DAYS ?? 30,
    entryDateFutureDays: env.APPROVAL_ENTRY_DATE_FUTURE_DAYS ?? 365,
    salaryMin,
    salaryMax,
  };
}

/** A bridge is on only with all of its credentials; half of them is a mistake worth stopping for. */
function bridgesConfig(env: EnvironmentVariables, problems: string[]): BridgesConfig {
  const credentials = (names: (keyof EnvironmentVariables)[]): boolean => {
    const set = names.filter((name) => env[name]);
    if (set.length && set.length < names.length) problems.push(`${names.join(' and ')} must be set together`);
    return set.length === names.length;
  };
  const base = (url: string) => url.replace(/\/+$/, '');
  return {
    timeoutMs: env.BRIDGE_TIMEOUT_MS ?? 10000,
    backoffMs: env.BRIDGE_BACKOFF_MS ?? 1000,
    queuePollMs: env.BRIDGE_QUEUE_POLL_MS ?? 2000,
    leapin: credentials(['LEAPIN_ACCESS_ID', 'LEAPIN_ACCESS_SECRET'])
      ? {
          baseUrl: base(env.LEAPIN_BASE_URL ?? 'https://app.leapin-ai.com/api/open'),
          accessId: env.LEAPIN_ACCESS_ID!,
          accessSecret: env.LEAPIN_ACCESS_SECRET!,
          pullIntervalMs: env.LEAPIN_PULL_INTERVAL_MS ?? 10 * 60 * 1000,
        }
      : null,
    moka: env.MOKA_API_KEY ? { baseUrl: base(env.MOKA_BASE_URL ?? 'https://api.mokahr.com/api-platform'), apiKey: env.MOKA_API_KEY } : null,
    feishu: credentials(['FEISHU_APP_ID', 'FEISHU_APP_SECRET'])
      ? { appId: env.FEISHU_APP_ID!, appSecret: env.FEISHU_APP_SECRET!, domain: base(env.FEISHU_DOMAIN ?? 'https://open.feishu.cn') }
      : null,
  };
}

/** ROBOT_ALGO_BASE_URLS: comma-separated; every entry must pass algoBaseUrl, so a typo stops the start-up. */
function algoBaseUrls(value: string | undefined, problems: string[]): string[] {
  return (value ?? '').split(',').map((entry) => entry.trim()).filter(Boolean).flatMap((entry) => {
    const base = algoBaseUrl(entry);
    if ('problem' in base) problems.push(`ROBOT_ALGO_BASE_URLS: ${entry}: ${base.problem}`);
    return 'url' in base ? [base.url] : [];
  });
}

/** Why a back-office password is too weak, or null. The same rule for the bootstrap admin, new admins and password changes. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10 || password.length > 72) return '密码应为 10 到 72 个字符';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码应同时包含字母和数字';
  return null;
}

function realnameConfig(env: EnvironmentVariables, problems: string[]): RealnameConfig {
  if (env.REALNAME_PROVIDER !== 'tencent') return { provider: 'local' };
  const secretId = env.TENCENT_FACEID_SECRET_ID;
  const secretKey = env.TENCENT_FACEID_SECRET_KEY;
  if (!secretId || !secretKey) problems.push('TENCENT_FACEID_SECRET_ID and TENCENT_FACEID_SECRET_KEY are required with REALNAME_PROVIDER=tencent');
  return {
    provider: 'tencent',
    secretId: secretId ?? '',
    secretKey: secretKey ?? '',
    region: env.TENCENT_FACEID_REGION ?? 'ap-guangzhou',
    endpoint: vendorEndpoint(env, 'TENCENT_FACEID_ENDPOINT', 'https://faceid.tencentcloudapi.com', problems),
  };
}

function databaseConfig(env: EnvironmentVariables, dataDir: string): DatabaseConfig {
  if (!env.DATABASE_URL) return { type: 'sqlite', path: join(dataDir, 'shanqian.sqlite') };
  return { type: env.DATABASE_URL.startsWith('mariadb:') ? 'mariadb' : 'mysql', url: env.DATABASE_URL };
}

function smsConfig(env: EnvironmentVariables, problems: string[]): SmsConfig {
  const required = (names: (keyof EnvironmentVariables)[]): Record<string, string> => {
    const values: Record<string, string> = {};
    for (const name of names) {
      const value = env[name];
      if (typeof value === 'string' && value) values[name] = value;
      else problems.push(`${name} is required with SMS_PROVIDER=${env.SMS_PROVIDER}`);
    }
    return values;
  };
  if (env.SMS_PROVIDER === 'tencent') {
    const v = required(['TENCENT_SMS_SECRET_ID', 'TENCENT_SMS_SECRET_KEY', 'TENCENT_SMS_SDK_APP_ID', 'TENCENT_SMS_SIGN_NAME', 'TENCENT_SMS_TEMPLATE_ID']);
    return {
      provider: 'tencent',
      secretId: v.TENCENT_SMS_SECRET_ID,
      secretKey: v.TENCENT_SMS_SECRET_KEY,
      region: env.TENCENT_SMS_REGION ?? 'ap-guangzhou',
      sdkAppId: v.TENCENT_SMS_SDK_APP_ID,
      signName: v.TENCENT_SMS_SIGN_NAME,
      templateId: v.TENCENT_SMS_TEMPLATE_ID,
      endpoint: vendorEndpoint(env, 'TENCENT_SMS_ENDPOINT', 'https://sms.tencentcloudapi.com', problems),
      timeoutMs: env.SMS_TIMEOUT_MS ?? DEFAULT_SMS_TIMEOUT_MS,
    };
  }
  if (env.SMS_PROVIDER === 'aliyun') {
    const v = required(['ALIYUN_SMS_ACCESS_KEY_ID', 'ALIYUN_SMS_ACCESS_KEY_SECRET', 'ALIYUN_SMS_SIGN_NAME', 'ALIYUN_SMS_TEMPLATE_CODE']);
    return {
      provider: 'aliyun',
      accessKeyId: v.ALIYUN_SMS_ACCESS_KEY_ID,
      accessKeySecret: v.ALIYUN_SMS_ACCESS_KEY_SECRET,
      signName: v.ALIYUN_SMS_SIGN_NAME,
      templateCode: v.ALIYUN_SMS_TEMPLATE_CODE,
      endpoint: vendorEndpoint(env, 'ALIYUN_SMS_ENDPOINT', 'https://dysmsapi.aliyuncs.com', problems),
      timeoutMs: env.SMS_TIMEOUT_MS ?? DEFAULT_SMS_TIMEOUT_MS,
    };
  }
  return { provider: 'log' };
}

/** A console or development server on this machine, on any port; never a default in production. */
const LOCAL_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];

/**
 * Each origin as a browser writes it in `Origin` (lower case, no default port), so that matching a
 * request is a comparison of strings. The shape was checked by env.validation.
 */
function corsOriginList(env: EnvironmentVariables, production: boolean, problems: string[]): string[] {
  if (!env.CORS_ORIGINS) return production ? [] : LOCAL_ORIGINS;
  return env.CORS_ORIGINS.split(',').map((entry) => {
    const origin = entry.trim().toLowerCase();
    if (origin.endsWith(':*')) return origin;
    try {
      return new URL(origin).origin;
    } catch {
      problems.push(`CORS_ORIGINS: ${origin} is not an origin (a port is at most 65535)`);
      return origin;
    }
  });
}

const STORAGE_URL_EXAMPLE = 's3://bucket/prefix?endpoint=https://cos.ap-guangzhou.myqcloud.com&region=ap-guangzhou';
/** S3's rule for new buckets (DNS-compatible), which COS, OSS and MinIO share. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** Path segments of characters that need no encoding in an object's name. */
const OBJECT_PREFIX = /^([A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*)?$/;
const STORAGE_OPTIONS = ['endpoint', 'region', 'force_path_style'];

/**
 * STORAGE_URL absent: the local disk. Otherwise `s3://bucket/prefix?endpoint=…&region=…&force_path_style=1`
 * with the keys in their own variables (a URL gets logged and pasted; a secret should not be in one).
 * Every part is checked here, so a typo stops the start-up instead of the first upload.
 */
function storageConfig(env: EnvironmentVariables, dataDir: string, problems: string[]): StorageConfig {
  const local: StorageConfig = { type: 'local', dir: join(dataDir, 'uploads') };
  if (!env.STORAGE_URL) {
    if (env.STORAGE_ACCESS_KEY_ID || env.STORAGE_SECRET_ACCESS_KEY) problems.push('STORAGE_ACCESS_KEY_ID and STORAGE_SECRET_ACCESS_KEY are only used with STORAGE_URL');
    return local;
  }
  const found = problems.length;
  let url: URL;
  try {
    url = new URL(env.STORAGE_URL);
  } catch {
    problems.push(`STORAGE_URL is not a URL: it must look like ${STORAGE_URL_EXAMPLE}`);
    return local;
  }
  const bucket = url.hostname;
  if (!BUCKET.test(bucket)) problems.push(`STORAGE_URL: bucket "${bucket}" must be 3-63 lower-case letters, digits, dots and hyphens`);
  if (url.username || url.password) problems.push('STORAGE_URL must not carry credentials: set STORAGE_ACCESS_KEY_ID and STORAGE_SECRET_ACCESS_KEY');
  if (url.port || url.hash) problems.push(`STORAGE_URL takes a bucket, a prefix and options only, e.g. ${STORAGE_URL_EXAMPLE}`);
  const prefix = url.pathname.replace(/^\/+|\/+$/g, '');
  if (!OBJECT_PREFIX.test(prefix)) problems.push(`STORAGE_URL: prefix "${prefix}" may hold letters, digits, _, . and - in /-separated segments`);

  const options = url.searchParams;
  for (const name of new Set(options.keys())) {
    if (!STORAGE_OPTIONS.includes(name)) problems.push(`STORAGE_URL: unknown option ${name} (known: ${STORAGE_OPTIONS.join(', ')})`);
    else if (options.getAll(name).length > 1) problems.push(`STORAGE_URL: option ${name} is given twice`);
  }
  const endpoint = options.get('endpoint') ? storageEndpoint(options.get('endpoint')!, problems) : null;
  const region = options.get('region') ?? '';
  if (!/^[a-z0-9-]{2,32}$/.test(region)) problems.push('STORAGE_URL: region is required (e.g. region=ap-guangzhou, or us-east-1 for MinIO)');
  const pathStyle = options.get('force_path_style') ?? '0';
  if (!['0', '1'].includes(pathStyle)) problems.push('STORAGE_URL: force_path_style must be 0 or 1');
  if (!env.STORAGE_ACCESS_KEY_ID || !env.STORAGE_SECRET_ACCESS_KEY) problems.push('STORAGE_ACCESS_KEY_ID and STORAGE_SECRET_ACCESS_KEY are required with STORAGE_URL');
  if (problems.length > found) return local;
  return {
    type: 's3',
    bucket,
    prefix,
    endpoint,
    region,
    forcePathStyle: pathStyle === '1',
    accessKeyId: env.STORAGE_ACCESS_KEY_ID!,
    secretAccessKey: env.STORAGE_SECRET_ACCESS_KEY!,
  };
}

function storageEndpoint(value: string, problems: string[]): string | null {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    problems.push('STORAGE_URL: endpoint must be a scheme and host[:port] only, e.g. endpoint=https://cos.ap-guangzhou.myqcloud.com');
    return null;
  }
  return url.origin;
}

/** The SDKs take a scheme and host[:port] and always call path `/`: anything more would be dropped silently. */
function vendorEndpoint(
  env: EnvironmentVariables,
  name: 'TENCENT_SMS_ENDPOINT' | 'ALIYUN_SMS_ENDPOINT' | 'TENCENT_FACEID_ENDPOINT',
  vendorDefault: string,
  problems: string[],
): string {
  const value = env[name];
  if (!value) return vendorDefault;
  const url = new URL(value);
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    problems.push(`${name} must be a scheme and host[:port] only, e.g. ${vendorDefault}`);
  }
  return url.origin;
}

function decodeDataKey(value: string, problems: string[]): Buffer | null {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32 || key.toString('base64') !== value) {
    problems.push('DATA_KEY must be exactly 32 bytes encoded as base64 (openssl rand -base64 32)');
    return null;
  }
  return key;
}

/** Local runs keep a generated key beside the embedded database, so encrypted ID numbers stay readable across restarts. */
function localDataKey(dataDir: string): Buffer {
  const file = join(dataDir, DATA_KEY_FILE);
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  return key;
}
