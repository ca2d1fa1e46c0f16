import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const MONEY = /^\d{1,13}(\.\d{1,2})?$/;
/** An origin as a browser sends it (no path, no trailing slash), with `:*` for any port. */
const ORIGIN = String.raw`https?://(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*)(:(\d{1,5}|\*))?`;
const ORIGIN_LIST = new RegExp(`^${ORIGIN}( *, *${ORIGIN})*$`);

/** The environment variables the server reads; every one is documented in the README. */
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  /** 0: a free port of the system's choosing (the log line says which). */
  @IsOptional() @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString()
  HOST?: string;

  @IsOptional() @Matches(/^(\d+|loopback|linklocal|uniquelocal|[0-9a-fA-F.:/,]+)$/, { message: 'TRUST_PROXY must be a hop count, loopback, or a list of addresses' })
  TRUST_PROXY?: string;

  @IsOptional() @Matches(ORIGIN_LIST, { message: 'CORS_ORIGINS must be a comma-separated list of origins, scheme://host[:port] or scheme://host:* (e.g. https://hr.example.com,http://localhost:*)' })
  CORS_ORIGINS?: string;

  @IsOptional() @IsString()
  DATA_DIR?: string;

  @IsOptional() @IsString()
  CONSOLE_DIR?: string;

  @IsOptional() @Matches(/^(mysql|mariadb):\/\/[^/]+\/[A-Za-z0-9_$-]+(\?.*)?$/, {
    message: 'DATABASE_URL must look like mysql://user:pass@host:3306/db or mariadb://…',
  })
  DATABASE_URL?: string;

  @IsOptional() @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis:// or rediss://' })
  REDIS_URL?: string;

  @IsOptional() @Matches(/^[A-Za-z0-9:_-]{1,64}$/, { message: 'REDIS_KEY_PREFIX may hold letters, digits, :, _ and -' })
  REDIS_KEY_PREFIX?: string;

  @IsOptional() @IsInt() @Min(50) @Max(60000)
  REDIS_CONNECT_TIMEOUT_MS?: number;

  @IsOptional() @IsInt() @Min(50) @Max(60000)
  REDIS_COMMAND_TIMEOUT_MS?: number;

  @IsOptional() @IsInt() @Min(8) @Max(100_000_000)
  KV_MEMORY_MAX_ENTRIES?: number;

  @IsOptional() @IsString()
  WECHAT_APPID?: string;

  @IsOptional() @IsString()
  WECHAT_SECRET?: string;

  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  WECHAT_API_BASE?: string;

  @IsOptional() @IsInt() @Min(100) @Max(60000)
  WECHAT_TIMEOUT_MS?: number;

  @IsOptional() @IsIn(['log', 'tencent', 'aliyun'])
  SMS_PROVIDER?: string;

  @IsOptional() @IsString() TENCENT_SMS_SECRET_ID?: string;
  @IsOptional() @IsString() TENCENT_SMS_SECRET_KEY?: string;
  @IsOptional() @IsString() TENCENT_SMS_REGION?: string;
  @IsOptional() @IsString() TENCENT_SMS_SDK_APP_ID?: string;
  @IsOptional() @IsString() TENCENT_SMS_SIGN_NAME?: string;
  @IsOptional() @IsString() TENCENT_SMS_TEMPLATE_ID?: string;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  TENCENT_SMS_ENDPOINT?: string;
  @IsOptional() @IsString() ALIYUN_SMS_ACCESS_KEY_ID?: string;
  @IsOptional() @IsString() ALIYUN_SMS_ACCESS_KEY_SECRET?: string;
  @IsOptional() @IsString() ALIYUN_SMS_SIGN_NAME?: string;
  @IsOptional() @IsString() ALIYUN_SMS_TEMPLATE_CODE?: string;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  ALIYUN_SMS_ENDPOINT?: string;

  @IsOptional() @IsInt() @Min(1024) @Max(100 * 1024 * 1024)
  UPLOAD_MAX_BYTES?: number;

  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  PUBLIC_BASE_URL?: string;

  /** Checked in full by storageConfig: here only its scheme. */
  @IsOptional() @Matches(/^s3:\/\//, { message: 'STORAGE_URL must look like s3://bucket/prefix?endpoint=https://…&region=…' })
  STORAGE_URL?: string;
  @IsOptional() @IsString() STORAGE_ACCESS_KEY_ID?: string;
  @IsOptional() @IsString() STORAGE_SECRET_ACCESS_KEY?: string;

  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,32}(,[A-Za-z0-9_-]{1,32})*$/, {
    message: 'PLATFORM_CODES must be a comma-separated list of codes (letters, digits, _ and -)',
  })
  PLATFORM_CODES?: string;

  @IsOptional() @IsInt() @Min(60) @Max(90 * 24 * 3600)
  SESSION_TTL_SECONDS?: number;

  @IsOptional() @IsString()
  DATA_KEY?: string;

  @IsOptional() @IsIn(['0', '1'])
  DEV_EXPOSE_CODES?: string;

  @IsOptional() @IsIn(['0', '1'])
  SEED_DEMO_DATA?: string;

  @IsOptional() @Matches(/^[A-Za-z0-9_.-]{3,32}$/, { message: 'ADMIN_BOOTSTRAP_USERNAME: 3-32 letters, digits, _, . or -' })
  ADMIN_BOOTSTRAP_USERNAME?: string;

  @IsOptional() @IsString()
  ADMIN_BOOTSTRAP_PASSWORD?: string;

  @IsOptional() @IsInt() @Min(300) @Max(30 * 24 * 3600)
  ADMIN_SESSION_TTL_SECONDS?: number;

  @IsOptional() @IsIn(['local', 'tencent'])
  REALNAME_PROVIDER?: string;

  @IsOptional() @IsString() TENCENT_FACEID_SECRET_ID?: string;
  @IsOptional() @IsString() TENCENT_FACEID_SECRET_KEY?: string;
  @IsOptional() @IsString() TENCENT_FACEID_REGION?: string;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  TENCENT_FACEID_ENDPOINT?: string;

  @IsOptional() @IsString()
  SIGN_P12_PATH?: string;

  @IsOptional() @IsString()
  SIGN_CA_P12_PATH?: string;

  @IsOptional() @IsString()
  SIGN_CA_P12_PASSWORD?: string;

  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  TSA_URL?: string;

  @IsOptional() @IsInt() @Min(100) @Max(60000)
  TSA_TIMEOUT_MS?: number;

  @IsOptional() @IsInt() @Min(1000) @Max(60000)
  SMS_TIMEOUT_MS?: number;

  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  LEAPIN_BASE_URL?: string;
  @IsOptional() @IsString() LEAPIN_ACCESS_ID?: string;
  @IsOptional() @IsString() LEAPIN_ACCESS_SECRET?: string;
  /** 0 turns the scheduled pull off (the admin endpoint still pulls). */
  @IsOptional() @IsInt() @Min(0) @Max(7 * 24 * 3600 * 1000)
  LEAPIN_PULL_INTERVAL_MS?: number;

  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  MOKA_BASE_URL?: string;
  @IsOptional() @IsString() MOKA_API_KEY?: string;

  @IsOptional() @IsString() FEISHU_APP_ID?: string;
  @IsOptional() @IsString() FEISHU_APP_SECRET?: string;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  FEISHU_DOMAIN?: string;

  /** Checked in full by algoBaseUrl (robot/algo/robot-api-policy.ts): here only that it is text. */
  @IsOptional() @IsString() ROBOT_ALGO_BASE_URLS?: string;
  @IsOptional() @IsInt() @Min(100) @Max(60000)
  ROBOT_ALGO_TIMEOUT_MS?: number;

  @IsOptional() @IsInt() @Min(100) @Max(120000)
  BRIDGE_TIMEOUT_MS?: number;
  @IsOptional() @IsInt() @Min(10) @Max(600000)
  BRIDGE_BACKOFF_MS?: number;
  @IsOptional() @IsInt() @Min(10) @Max(600000)
  BRIDGE_QUEUE_POLL_MS?: number;

  @IsOptional() @IsInt() @Min(0) @Max(3660)
  APPROVAL_ENTRY_DATE_PAST_DAYS?: number;
  @IsOptional() @IsInt() @Min(0) @Max(3660)
  APPROVAL_ENTRY_DATE_FUTURE_DAYS?: number;
  @IsOptional() @Matches(MONEY, { message: 'SALARY_MIN must be an amount in yuan with at most 2 decimals, e.g. 1000.00' })
  SALARY_MIN?: string;
  @IsOptional() @Matches(MONEY, { message: 'SALARY_MAX must be an amount in yuan with at most 2 decimals, e.g. 1000000.00' })
  SALARY_MAX?: string;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional() @IsIn(['0', '1'])
  API_DOCS?: string;

  @IsOptional() @Matches(/^[\x21-\x7e]{16,256}$/, { message: 'METRICS_TOKEN must be 16-256 printable characters without spaces' })
  METRICS_TOKEN?: string;

  @IsOptional() @IsInt() @Min(1000) @Max(600000)
  SHUTDOWN_TIMEOUT_MS?: number;
}

const NUMERIC = ['PORT', 'WECHAT_TIMEOUT_MS', 'UPLOAD_MAX_BYTES', 'SESSION_TTL_SECONDS', 'ADMIN_SESSION_TTL_SECONDS', 'TSA_TIMEOUT_MS', 'SMS_TIMEOUT_MS',
  'LEAPIN_PULL_INTERVAL_MS', 'BRIDGE_TIMEOUT_MS', 'BRIDGE_BACKOFF_MS', 'BRIDGE_QUEUE_POLL_MS', 'APPROVAL_ENTRY_DATE_PAST_DAYS',
  'APPROVAL_ENTRY_DATE_FUTURE_DAYS', 'SHUTDOWN_TIMEOUT_MS', 'REDIS_CONNECT_TIMEOUT_MS', 'REDIS_COMMAND_TIMEOUT_MS', 'KV_MEMORY_MAX_ENTRIES',
  'ROBOT_ALGO_TIMEOUT_MS'] as const;

/** Checks the environment's shape; answers the list of problems (empty when valid). */
export function validateEnvironment(raw: Record<string, string | undefined>): {
  env: EnvironmentVariables;
  problems: string[];
} {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    // An empty variable means "not set", as in docker-compose files that pass `FOO=`.
    if (value !== undefined && value !== '') input[key] = value;
  }
  for (const key of NUMERIC) {
    if (typeof input[key] === 'string' && /^\d+$/.test(input[key] as string)) input[key] = Number(input[key]);
  }
  const env = plainToInstance(EnvironmentVariables, input, { excludeExtraneousValues: false });
  const problems = validateSync(env, { skipMissingProperties: false, forbidUnknownValues: false }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((message) =>
      message.startsWith(e.property) ? message : `${e.property}: ${message}`,
    ),
  );
  return { env, problems };
}
