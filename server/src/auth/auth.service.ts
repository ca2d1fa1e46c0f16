import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ErrorCode, WeixinLoginResponse } from '@shanqian/shared';
import { AppException } from '../common/app.exception';
import { sha256Hex } from '../common/crypto/secrets.service';
import { BACK_OFFICE } from '../common/registered-routes';
import { origin, RequestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuthenticatedUser } from './current-user.decorator';
import { WechatClient } from './wechat.client';
import { WechatUser } from './wechat-user.entity';
import { WechatUserRepository } from './wechat-user.repository';

/** How often expired sessions are deleted. */
const SWEEP_INTERVAL_MS = 3600 * 1000;

@Injectable()
export class AuthService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuthService.name);
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: WechatUserRepository,
    private readonly wechat: WechatClient,
  ) {}

  async login(code: string, context: RequestContext): Promise<WeixinLoginResponse> {
    // Before the code is spent at WeChat: a worker session would answer nowhere on this platform.
    if (context.platformCode === BACK_OFFICE.platform) {
      throw new AppException(ErrorCode.PlatformCodeUnknown, `X-platform-code: ${BACK_OFFICE.platform} 是后台的平台标识，不能用于小程序登录`);
    }
    const identity = await this.wechat.code2Session(code);
    const user = await this.upsertUser(identity.openid, identity.unionid);
    // 256 random bits; only its hash is stored.
    const token = randomBytes(32).toString('base64url');
    await this.users.insertSession({
      tokenHash: sha256Hex(token),
      userId: user.id,
      platformCode: context.platformCode,
      uniqueKey: context.uniqueKey,
      ...origin(context),
      expiresAt: new Date(Date.now() + this.config.sessionTtlSeconds * 1000),
    });
    return { session_token: token, em_id: await this.users.employeeIdOf(user.id) };
  }

  /**
   * Expired sessions go in a periodic sweep rather than at login: on MariaDB a range delete beside
   * concurrent logins' inserts takes gap locks that deadlock them.
   */
  onApplicationBootstrap(): void {
    this.sweeper = setInterval(() => void this.deleteExpiredSessions(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  async deleteExpiredSessions(): Promise<number> {
    try {
      return await this.users.deleteExpiredSessions(new Date());
    } catch (error) {
      this.logger.warn(`expired sessions not deleted this time: ${(error as Error).message}`);
      return 0;
    }
  }

  /**
   * A session answers only on the platform it was opened from, and never on the back office's
   * (sessions opened there before its logins were refused included).
   */
  async authenticate(token: string, platformCode: string): Promise<AuthenticatedUser> {
    const session = platformCode !== BACK_OFFICE.platform && (await this.users.liveSession(sha256Hex(token), platformCode, new Date()));
    if (!session) throw new AppException(ErrorCode.AuthTokenInvalid);
    return { userId: Number(session.userId), sessionId: Number(session.sessionId) };
  }

  private async upsertUser(openid: string, unionid: string | null): Promise<WechatUser> {
    const now = new Date();
    const existing = await this.users.findByOpenid(openid);
    if (existing) {
      await this.users.update(existing.id, { lastLoginAt: now, ...(unionid ? { unionid } : {}) });
      return existing;
    }
    try {
      return await this.users.create({ openid, unionid, lastLoginAt: now });
    } catch (error) {
      // Two first logins of one person raced: the other one created the row.
      const raced = await this.users.findByOpenid(openid);
      if (raced) return raced;
      throw error;
    }
  }
}
