import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@shanqian/shared';
import { AppException } from '../common/app.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export interface WechatSession {
  openid: string;
  unionid: string | null;
}

interface Code2SessionAnswer {
  openid?: string;
  unionid?: string;
  session_key?: string;
  errcode?: number;
  errmsg?: string;
}

/** WeChat's documented jscode2session errors and what the worker is told. */
const WECHAT_ERRORS: Record<number, ErrorCode> = {
  40029: ErrorCode.WechatCodeInvalid, // invalid code
  40163: ErrorCode.WechatCodeInvalid, // code been used
  45011: ErrorCode.WechatBusy, // API minute-quota reached for this user
  [-1]: ErrorCode.WechatBusy, // system busy
  40226: ErrorCode.WechatUserBlocked, // high risk user
};

/**
 * The WeChat server API, one method per remote operation. Without credentials (local development
 * only: production refuses to start so) a login code stands for a stable development openid.
 */
@Injectable()
export class WechatClient {
  private readonly logger = new Logger(WechatClient.name);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async code2Session(code: string): Promise<WechatSession> {
    const { appId, secret, apiBase, timeoutMs } = this.config.wechat;
    if (!appId || !secret) {
      return { openid: `dev_${createHash('sha256').update(code).digest('hex').slice(0, 28)}`, unionid: null };
    }
    const url = new URL(`${apiBase}/sns/jscode2session`);
    url.search = new URLSearchParams({ appid: appId, secret, js_code: code, grant_type: 'authorization_code' }).toString();

    let answer: Code2SessionAnswer;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      answer = (await response.json()) as Code2SessionAnswer;
    } catch (error) {
      this.logger.warn(`jscode2session failed: ${(error as Error).message}`);
      throw new AppException(ErrorCode.WechatUnavailable);
    }
    if (answer.errcode) {
      const mapped = WECHAT_ERRORS[answer.errcode];
      // Anything else (a wrong appid or secret, say) is our configuration, not the worker's fault.
      if (!mapped) this.logger.error(`jscode2session answered errcode ${answer.errcode}: ${answer.errmsg ?? ''}`);
      throw new AppException(mapped ?? ErrorCode.WechatUnavailable);
    }
    if (!answer.openid) throw new AppException(ErrorCode.WechatUnavailable);
    // session_key stays here: it is never stored, returned or logged.
    return { openid: answer.openid, unionid: answer.unionid ?? null };
  }
}
