/** The server's configuration, typed; built once from the environment by `loadAppConfig`. */
export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | { type: 'mysql' | 'mariadb'; url: string };

export type SmsConfig =
  | { provider: 'log' }
  | {
      provider: 'tencent';
      secretId: string;
      secretKey: string;
      region: string;
      sdkAppId: string;
      signName: string;
      templateId: string;
      /** The API's scheme and host[:port], e.g. `https://sms.tencentcloudapi.com` (the SDK calls path `/`). */
      endpoint: string;
      /** A send not answered within this counts as failed (the SDK takes whole seconds: rounded up). */
      timeoutMs: number;
    }
  | {
      provider: 'aliyun';
      accessKeyId: string;
      accessKeySecret: string;
      signName: string;
      templateCode: string;
      /** The API's scheme and host[:port], e.g. `https://dysmsapi.aliyuncs.com` (the SDK calls path `/`). */
      endpoint: string;
      /** A send not answered within this counts as failed. */
      timeoutMs: number;
    };

export type RealnameConfig =
  | { provider: 'local' }
  | {
      provider: 'tencent';
      secretId: string;
      secretKey: string;
      region: string;
      /** Tencent Cloud FaceID API's scheme and host[:port]; hosts must start with `faceid.` (the SDK signs for that service). */
      endpoint: string;
    };

export interface SigningConfig {
  /** RFC 3161 Time-Stamp Authority; null: signatures carry the signing time without a trusted timestamp. */
  tsaUrl: string | null;
  tsaTimeoutMs: number;
}

/** The platform's certificate authority, which issues the company and event certificates (certificates/). */
export interface CertificateAuthorityConfig {
  /** PKCS#12 of the CA's key and certificate (and its issuers); null: one generated into DATA_DIR (refused in production). */
  p12Path: string | null;
  p12Password: string;
}

/**
 * The partner bridges. A bridge whose credentials are absent is null here: it is off, its admin
 * endpoints answer 409 BridgeNotConfigured (once their input is valid) and the status page says configured: false.
 */
export interface BridgesConfig {
  /** Every call to a partner is abandoned after this long (and retried when that is safe). */
  timeoutMs: number;
  /** The first wait before a retry, doubled on each one: inside a call and between attempts of a queued job. */
  backoffMs: number;
  /** How often the database-backed outbox looks for due jobs. */
  queuePollMs: number;
  leapin: { baseUrl: string; accessId: string; accessSecret: string; pullIntervalMs: number } | null;
  moka: { baseUrl: string; apiKey: string } | null;
  feishu: { appId: string; appSecret: string; domain: string } | null;
}

/**
 * Where uploaded files, contract templates and signed contracts are kept: the local disk (one
 * instance only) or an S3-compatible bucket (Tencent COS, Aliyun OSS, MinIO) that several instances share.
 */
export type StorageConfig =
  | { type: 'local'; dir: string }
  | {
      type: 's3';
      bucket: string;
      /** Prepended to every object's name, without slashes at either end; '' for none. */
      prefix: string;
      /** The service's scheme and host[:port]; null: AWS's own endpoint for the region. */
      endpoint: string | null;
      region: string;
      /** Bucket in the path (MinIO, s3rver) rather than in the host name (COS, OSS, AWS). */
      forcePathStyle: boolean;
      accessKeyId: string;
      secretAccessKey: string;
    };

/** The window of entry dates and the range of monthly salaries an approval accepts (checkApprovalTerms). */
export interface ApprovalConfig {
  /** How many days before today (China time) an entry date may lie. */
  entryDatePastDays: number;
  /** How many days after today an entry date may lie. */
  entryDateFutureDays: number;
  /** Canonical decimal(15,2) text, e.g. `1000.00`. */
  salaryMin: string;
  salaryMax: string;
}

export interface AppConfig {
  production: boolean;
  port: number;
  host: string;
  /** Express `trust proxy`: which hops may set X-Forwarded-For (per-IP limits depend on it). */
  trustProxy: string | number | false;
  /** Browser origins that may call the API with credentials (CORS), as browsers send them: `scheme://host[:port]`, or `scheme://host:*` for any port. */
  corsOrigins: string[];
  dataDir: string;
  /** The HR console's built files (admin-web/dist), served at /console/; null: no console, the API alone. */
  consoleDir: string | null;
  database: DatabaseConfig;
  redisUrl: string | null;
  redisKeyPrefix: string;
  redisTimeouts: { connectTimeoutMs: number; commandTimeoutMs: number };
  /** Without Redis: the most entries the in-memory KV store holds before it refuses new ones. */
  kvMemoryMaxEntries: number;
  wechat: { appId: string | null; secret: string | null; apiBase: string; timeoutMs: number };
  sms: SmsConfig;
  uploadMaxBytes: number;
  storage: StorageConfig;
  publicBaseUrl: string | null;
  platformCodes: string[];
  sessionTtlSeconds: number;
  /** 32 bytes: the key for ID numbers at rest and the root of every other server-side secret. */
  dataKey: Buffer;
  devExposeCodes: boolean;
  seedDemoData: boolean;
  logLevel: string;
  /** OpenAPI at /openapi.json and its page at /docs: on outside production, in production only with API_DOCS=1. */
  apiDocs: boolean;
  /** The bearer token /metrics asks for; null: /metrics answers 404. */
  metricsToken: string | null;
  /** How long a SIGTERM/SIGINT waits for requests in flight and running queue jobs before the process exits anyway. */
  shutdownTimeoutMs: number;
  admin: {
    /** The first super admin, created at start-up when no super admin exists. */
    bootstrap: { username: string; password: string } | null;
    sessionTtlSeconds: number;
  };
  realname: RealnameConfig;
  signing: SigningConfig;
  certificateAuthority: CertificateAuthorityConfig;
  bridges: BridgesConfig;
  /** The recruiting robot's algorithm backends: a job's `robotApi` is a path under one of these. */
  robotAlgo: { baseUrls: string[]; timeoutMs: number };
  approval: ApprovalConfig;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
