import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EnabledFlag } from '@shanqian/shared';
import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import { PreparedQuery } from '../database/prepared-query';
import { forUpdate } from '../database/row-lock';
import { AdminSession } from './admin-session.entity';
import { AdminRole, AdminUser, normalizeUsername } from './admin-user.entity';

/** An admin session joined with its admin, as every back-office request checks it. */
export interface LiveAdminSessionRow {
  sessionId: number;
  adminId: number;
  username: string;
  role: AdminRole;
  status: number;
  viewAll: number | boolean;
}

export type NewAdminSession = Pick<AdminSession, 'tokenHash' | 'adminId' | 'ip' | 'expiresAt'>;

/** Every query of the back-office accounts (`admin_user`) and their sessions (`admin_session`). */
@Injectable()
export class AdminUserRepository {
  /** Runs on every back-office request; joins the admin so a disabled one is refused at once. */
  private readonly liveSessionQuery: PreparedQuery<LiveAdminSessionRow>;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.liveSessionQuery = new PreparedQuery(db, (ds) =>
      ds
        .createQueryBuilder(AdminSession, 's')
        .innerJoin(AdminUser, 'a', 'a.id = s.admin_id')
        .select(['s.id AS sessionId', 'a.id AS adminId', 'a.username AS username', 'a.role AS role', 'a.status AS status', 'a.view_all_applications AS viewAll'])
        .where('s.token_hash = :tokenHash')
        .andWhere('s.expires_at > :now'),
    );
  }

  liveSession(tokenHash: string, now: Date): Promise<LiveAdminSessionRow | undefined> {
    return this.liveSessionQuery.first({ tokenHash, now });
  }

  findById(id: number): Promise<AdminUser | null> {
    return this.db.getRepository(AdminUser).findOneBy({ id });
  }

  findByUsername(username: string): Promise<AdminUser | null> {
    return this.db.getRepository(AdminUser).findOneBy({ username: normalizeUsername(username) });
  }

  hasSuperAdmin(): Promise<boolean> {
    return this.db.getRepository(AdminUser).existsBy({ role: 'super' });
  }

  /** The stored name is the normalized one; a concurrent insert of the same name fails on the unique index. */
  async insert(values: Partial<AdminUser> & Pick<AdminUser, 'username'>): Promise<AdminUser> {
    const admins = this.db.getRepository(AdminUser);
    return admins.save(admins.create({ ...values, username: normalizeUsername(values.username) }));
  }

  /** HR handlers by user name (the demo data): added, or their details brought back to these. */
  async upsertHandlers(handlers: Pick<AdminUser, 'username' | 'name' | 'phone'>[], manager: EntityManager = this.db.manager): Promise<void> {
    const rows = handlers.map((h) => ({ ...h, username: normalizeUsername(h.username), role: 'hr' as const }));
    await manager.upsert(AdminUser, rows, ['username']);
  }

  /** The HR staff a worker may choose as handler. */
  enabledHandlers(): Promise<AdminUser[]> {
    return this.db.getRepository(AdminUser).find({ where: { status: EnabledFlag.Enabled, role: 'hr' }, order: { id: 'ASC' } });
  }

  enabledHandler(id: number): Promise<AdminUser | null> {
    return this.db.getRepository(AdminUser).findOneBy({ id, status: EnabledFlag.Enabled, role: 'hr' });
  }

  async allIds(): Promise<number[]> {
    return (await this.db.getRepository(AdminUser).find({ select: { id: true }, order: { id: 'ASC' } })).map((row) => row.id);
  }

  findByIds(ids: number[]): Promise<AdminUser[]> {
    return this.db.getRepository(AdminUser).find({ where: { id: In(ids) }, order: { id: 'ASC' } });
  }

  /**
   * Locks the super admins (MariaDB/MySQL) in id order, so two super admins disabling each other at
   * once are served one after the other, and the second sees the first's change.
   */
  async lockSuperAdmins(manager: EntityManager): Promise<void> {
    await forUpdate(manager.createQueryBuilder(AdminUser, 'a').select('a.id').where('a.role = :role', { role: 'super' }).orderBy('a.id')).getMany();
  }

  countOtherActiveSuperAdmins(exceptId: number, manager: EntityManager = this.db.manager): Promise<number> {
    return manager
      .createQueryBuilder(AdminUser, 'a')
      .where('a.role = :role AND a.status = :status AND a.id <> :exceptId', { role: 'super', status: EnabledFlag.Enabled, exceptId })
      .getCount();
  }

  async setPasswordHash(adminId: number, passwordHash: string, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.update(AdminUser, adminId, { passwordHash });
  }

  async insertSession(session: NewAdminSession, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.insert(AdminSession, session);
  }

  async deleteSession(sessionId: number, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.delete(AdminSession, { id: sessionId });
  }

  /** Narrow (one admin's rows): no gap-lock fight with other logins, unlike a table-wide sweep. */
  async deleteExpiredSessions(adminId: number, now: Date): Promise<void> {
    await this.db.getRepository(AdminSession).delete({ adminId, expiresAt: LessThan(now) });
  }

  /** Every session of the admin but `keepSessionId` (the one changing its own password), when not null. */
  async endSessions(adminId: number, keepSessionId: number | null, manager: EntityManager = this.db.manager): Promise<void> {
    const query = manager.createQueryBuilder().delete().from(AdminSession).where('admin_id = :adminId', { adminId });
    if (keepSessionId !== null) query.andWhere('id <> :keepSessionId', { keepSessionId });
    await query.execute();
  }
}
