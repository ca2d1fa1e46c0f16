import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EnabledFlag, ErrorCode } from '@shanqian/shared';
import { DataSource, LessThan } from 'typeorm';
import { AppException } from '../common/app.exception';
import { sha256Hex } from '../common/crypto/secrets.service';
import { KV_STORE, KvStore } from '../common/kv/kv-store';
import { takeQuota } from '../common/quota';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { passwordProblem } from '../config/load-app-config';
import { PreparedQuery } from '../database/prepared-query';
import { AdminSession } from './admin-session.entity';
import { AdminPrincipal } from './admin-route.decorator';
import { AdminRole, AdminUser } from './admin-user.entity';
import { AuditLogService } from './audit-log.service';
import { hashPassword, verifyPassword } from './password-hasher';

/** Login attempts: per user name (guessing one account) and per address (trying many). */
export const ADMIN_LOGIN_LIMITS = { perUsername: 10, perIp: 30, windowMs: 15 * 60_000 } as const;

export interface AdminLoginResult {
  token: string;
  admin: { id: number; username: string; name: string | null; role: AdminRole };
}

interface SessionRow {
  sessionId: number;
  adminId: number;
  username: string;
  role: AdminRole;
  status: number;
  viewAll: number | boolean;
}

@Injectable()
export class AdminAuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminAuthService.name);
  /** Runs on every back-office request; joins the admin so a disabled one is refused at once. */
  private readonly liveSession: PreparedQuery<SessionRow>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(KV_STORE) private readonly store: KvStore,
    private readonly audit: AuditLogService,
  ) {
    this.liveSession = new PreparedQuery(db, (ds) =>
      ds
        .createQueryBuilder(AdminSession, 's')
        .innerJoin(AdminUser, 'a', 'a.id = s.admin_id')
        .select(['s.id AS sessionId', 'a.id AS adminId', 'a.username AS username', 'a.role AS role', 'a.status AS status', 'a.view_all_applications AS viewAll'])
        .where('s.token_hash = :tokenHash')
        .andWhere('s.expires_at > :now'),
    );
  }

  /** The first super admin, from ADMIN_BOOTSTRAP_USERNAME/PASSWORD, when there is none yet. */
  async onApplicationBootstrap(): Promise<void> {
    const bootstrap = this.config.admin.bootstrap;
    if (!bootstrap) return;
    const admins = this.db.getRepository(AdminUser);
    if (await admins.existsBy({ role: 'super' })) return;
    await this.createSuperAdmin(bootstrap.username, bootstrap.password);
    this.logger.log(`super admin ${bootstrap.username} created from ADMIN_BOOTSTRAP_USERNAME`);
  }

  /** Also used by `npm run admin:create`. */
  async createSuperAdmin(username: string, password: string): Promise<AdminUser> {
    const weak = passwordProblem(password);
    if (weak) throw AppException.invalid('password', weak);
    const admins = this.db.getRepository(AdminUser);
    if (await admins.existsBy({ username })) throw new AppException(ErrorCode.RecordDuplicate, `用户名 ${username} 已存在`);
    return admins.save(admins.create({ username, name: username.slice(0, 16), role: 'super', passwordHash: await hashPassword(password), viewAllApplications: true }));
  }

  async login(username: string, password: string, ip: string): Promise<AdminLoginResult> {
    const message = '登录尝试过于频繁，请 15 分钟后再试';
    await takeQuota(this.store, { key: `admin-login:ip:${ip}`, limit: ADMIN_LOGIN_LIMITS.perIp, windowMs: ADMIN_LOGIN_LIMITS.windowMs }, ErrorCode.RateLimited, message);
    const userKey = `admin-login:user:${username.toLowerCase()}`;
    await takeQuota(this.store, { key: userKey, limit: ADMIN_LOGIN_LIMITS.perUsername, windowMs: ADMIN_LOGIN_LIMITS.windowMs }, ErrorCode.RateLimited, message);

    const admin = await this.db.getRepository(AdminUser).findOneBy({ username });
    if (!(await verifyPassword(admin?.passwordHash ?? null, password)) || !admin) {
      await this.audit.record({ adminId: admin?.id ?? null, username }, ip, { action: 'admin.login_failed' });
      throw new AppException(ErrorCode.AdminCredentialsInvalid);
    }
    if (admin.status !== EnabledFlag.Enabled) throw new AppException(ErrorCode.AdminDisabled);
    await this.store.delete(userKey);
    // Narrow (one admin's rows): no gap-lock fight with other logins, unlike a table-wide sweep.
    await this.db.getRepository(AdminSession).delete({ adminId: admin.id, expiresAt: LessThan(new Date()) });

    const token = randomBytes(32).toString('base64url');
    await this.db.transaction(async (manager) => {
      await manager.insert(AdminSession, {
        tokenHash: sha256Hex(token),
        adminId: admin.id,
        ip,
        expiresAt: new Date(Date.now() + this.config.admin.sessionTtlSeconds * 1000),
      });
      await this.audit.record({ adminId: admin.id, username: admin.username }, ip, { action: 'admin.login' }, manager);
    });
    return { token, admin: { id: admin.id, username: admin.username, name: admin.name, role: admin.role } };
  }

  async authenticate(token: string): Promise<AdminPrincipal> {
    const row = await this.liveSession.first({ tokenHash: sha256Hex(token), now: new Date() });
    if (!row) throw new AppException(ErrorCode.AuthTokenInvalid);
    if (Number(row.status) !== EnabledFlag.Enabled) throw new AppException(ErrorCode.AdminDisabled);
    return { adminId: Number(row.adminId), sessionId: Number(row.sessionId), username: row.username, role: row.role, viewAll: !!Number(row.viewAll) };
  }

  async logout(admin: AdminPrincipal, ip: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.delete(AdminSession, { id: admin.sessionId });
      await this.audit.record(admin, ip, { action: 'admin.logout' }, manager);
    });
  }

  /** Changes the admin's own password; every other session of theirs ends. */
  async changePassword(admin: AdminPrincipal, current: string, next: string, ip: string): Promise<void> {
    const row = await this.db.getRepository(AdminUser).findOneByOrFail({ id: admin.adminId });
    if (!(await verifyPassword(row.passwordHash, current))) throw new AppException(ErrorCode.AdminPasswordInvalid);
    const weak = passwordProblem(next);
    if (weak) throw AppException.invalid('new_password', weak);
    const passwordHash = await hashPassword(next);
    await this.db.transaction(async (manager) => {
      await manager.update(AdminUser, admin.adminId, { passwordHash });
      await manager.createQueryBuilder().delete().from(AdminSession).where('admin_id = :id AND id <> :sessionId', { id: admin.adminId, sessionId: admin.sessionId }).execute();
      await this.audit.record(admin, ip, { action: 'admin.password_changed', targetType: 'admin_user', targetId: admin.adminId }, manager);
    });
  }

  /** Ends every session of an admin (disabled, or password reset by a super admin). */
  async endSessions(adminId: number, manager = this.db.manager): Promise<void> {
    await manager.delete(AdminSession, { adminId });
  }
}
