import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AdminLoginResponse, EnabledFlag, ErrorCode } from '@shanqian/shared';
import { AppException } from '../common/app.exception';
import { sha256Hex } from '../common/crypto/secrets.service';
import { KV_STORE, KvStore } from '../common/kv/kv-store';
import { takeQuota } from '../common/quota';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { passwordProblem } from '../config/load-app-config';
import { isUniqueViolation } from '../database/query-errors';
import { TransactionRunner } from '../database/transaction-runner';
import { AdminPrincipal } from './admin-route.decorator';
import { AdminUser, normalizeUsername } from './admin-user.entity';
import { AdminUserRepository } from './admin-user.repository';
import { AuditLogService } from './audit-log.service';
import { hashPassword, verifyPassword } from './password-hasher';

/** Login attempts: per user name (guessing one account) and per address (trying many). */
export const ADMIN_LOGIN_LIMITS = { perUsername: 10, perIp: 30, windowMs: 15 * 60_000 } as const;

const LOGIN_LIMIT_MESSAGE = '登录尝试过于频繁，请 15 分钟后再试';


@Injectable()
export class AdminAuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminAuthService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adminUsers: AdminUserRepository,
    private readonly transactions: TransactionRunner,
    @Inject(KV_STORE) private readonly store: KvStore,
    private readonly audit: AuditLogService,
  ) {}

  /** The first super admin, from ADMIN_BOOTSTRAP_USERNAME/PASSWORD, when there is none yet. */
  async onApplicationBootstrap(): Promise<void> {
    const bootstrap = this.config.admin.bootstrap;
    if (!bootstrap) return;
    if (await this.adminUsers.hasSuperAdmin()) return;
    await this.createSuperAdmin(bootstrap.username, bootstrap.password);
    this.logger.log(`super admin ${bootstrap.username} created from ADMIN_BOOTSTRAP_USERNAME`);
  }

  /** Also used by `npm run admin:create`. The name is stored in lower case (normalizeUsername). */
  async createSuperAdmin(username: string, password: string): Promise<AdminUser> {
    const weak = passwordProblem(password);
    if (weak) throw AppException.invalid('password', weak);
    const duplicate = () => new AppException(ErrorCode.RecordDuplicate, `用户名 ${normalizeUsername(username)} 已存在`);
    if (await this.adminUsers.findByUsername(username)) throw duplicate();
    const values = { username, name: username.slice(0, 16), role: 'super' as const, passwordHash: await hashPassword(password), viewAllApplications: true };
    try {
      return await this.adminUsers.insert(values);
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicate();
      throw error;
    }
  }

  async login(username: string, password: string, ip: string): Promise<AdminLoginResponse> {
    await takeQuota(this.store, { key: `admin-login:ip:${ip}`, limit: ADMIN_LOGIN_LIMITS.perIp, windowMs: ADMIN_LOGIN_LIMITS.windowMs }, ErrorCode.RateLimited, LOGIN_LIMIT_MESSAGE);
    const userKey = await this.countPasswordAttempt(username);

    // Case-insensitive, as user names are unique: `Admin` signs in as `admin`.
    const admin = await this.adminUsers.findByUsername(username);
    if (!(await verifyPassword(admin?.passwordHash ?? null, password)) || !admin) {
      await this.audit.record({ adminId: admin?.id ?? null, username }, ip, { action: 'admin.login_failed' });
      throw new AppException(ErrorCode.AdminCredentialsInvalid);
    }
    if (admin.status !== EnabledFlag.Enabled) throw new AppException(ErrorCode.AdminDisabled);
    await this.store.delete(userKey);
    await this.adminUsers.deleteExpiredSessions(admin.id, new Date());

    const token = randomBytes(32).toString('base64url');
    await this.transactions.run(async (manager) => {
      const expiresAt = new Date(Date.now() + this.config.admin.sessionTtlSeconds * 1000);
      await this.adminUsers.insertSession({ tokenHash: sha256Hex(token), adminId: admin.id, ip, expiresAt }, manager);
      await this.audit.record({ adminId: admin.id, username: admin.username }, ip, { action: 'admin.login' }, manager);
    });
    return { token, admin: { id: admin.id, username: admin.username, name: admin.name, role: admin.role } };
  }

  async authenticate(token: string): Promise<AdminPrincipal> {
    const row = await this.adminUsers.liveSession(sha256Hex(token), new Date());
    if (!row) throw new AppException(ErrorCode.AuthTokenInvalid);
    if (Number(row.status) !== EnabledFlag.Enabled) throw new AppException(ErrorCode.AdminDisabled);
    return { adminId: Number(row.adminId), sessionId: Number(row.sessionId), username: row.username, role: row.role, viewAll: !!Number(row.viewAll) };
  }

  async logout(admin: AdminPrincipal, ip: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      await this.adminUsers.deleteSession(admin.sessionId, manager);
      await this.audit.record(admin, ip, { action: 'admin.logout' }, manager);
    });
  }

  /**
   * The signed-in admin's password asked for again before a grave action (authorizing a company to
   * seal). Each attempt counts toward the login limit of their user name, so a stolen session guesses
   * no faster than the login form; the right password clears the count, as a login does.
   */
  async confirmPassword(admin: AdminPrincipal, password: string): Promise<void> {
    const userKey = await this.countPasswordAttempt(admin.username);
    const row = await this.adminUsers.findById(admin.adminId);
    if (!row || !(await verifyPassword(row.passwordHash, password))) throw new AppException(ErrorCode.AdminPasswordInvalid, '密码错误，请输入当前登录账号的密码');
    await this.store.delete(userKey);
  }

  /** Counts one try at `username`'s password against its limit (429 past it); answers the counter's key, for a success to clear. */
  private async countPasswordAttempt(username: string): Promise<string> {
    const key = `admin-login:user:${normalizeUsername(username)}`;
    await takeQuota(this.store, { key, limit: ADMIN_LOGIN_LIMITS.perUsername, windowMs: ADMIN_LOGIN_LIMITS.windowMs }, ErrorCode.RateLimited, LOGIN_LIMIT_MESSAGE);
    return key;
  }

  /** Changes the admin's own password; every other session of theirs ends. */
  async changePassword(admin: AdminPrincipal, current: string, next: string, ip: string): Promise<void> {
    const row = await this.adminUsers.findById(admin.adminId);
    if (!row || !(await verifyPassword(row.passwordHash, current))) throw new AppException(ErrorCode.AdminPasswordInvalid);
    const weak = passwordProblem(next);
    if (weak) throw AppException.invalid('new_password', weak);
    const passwordHash = await hashPassword(next);
    await this.transactions.run(async (manager) => {
      await this.adminUsers.setPasswordHash(admin.adminId, passwordHash, manager);
      await this.adminUsers.endSessions(admin.adminId, admin.sessionId, manager);
      await this.audit.record(admin, ip, { action: 'admin.password_changed', targetType: 'admin_user', targetId: admin.adminId }, manager);
    });
  }
}
