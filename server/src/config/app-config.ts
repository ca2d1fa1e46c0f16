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
    }
  | {
      provider: 'aliyun';
      accessKeyId: string;
      accessKeySecret: string;
      signName: string;
      templateCode: string;
      /** The API's scheme and host[:port], e.g. `https://dysmsapi.aliyuncs.com` (the SDK calls path `/`). */
      endpoint: string;
    };

export interface AppConfig {
  production: boolean;
  port: number;
  host: string;
  /** Express `trust proxy`: which hops may set X-Forwarded-For (per-IP limits depend on it). */
  trustProxy: string | number | false;
  dataDir: string;
  database: DatabaseConfig;
  redisUrl: string | null;
  redisKeyPrefix: string;
  wechat: { appId: string | null; secret: string | null; apiBase: string; timeoutMs: number };
  sms: SmsConfig;
  uploadMaxBytes: number;
  publicBaseUrl: string | null;
  platformCodes: string[];
  sessionTtlSeconds: number;
  /** 32 bytes: the key for ID numbers at rest and the root of every other server-side secret. */
  dataKey: Buffer;
  devExposeCodes: boolean;
  seedDemoData: boolean;
  logLevel: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
