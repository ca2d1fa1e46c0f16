import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { VerifyStatus } from '@shanqian/shared';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { PreparedQuery } from '../database/prepared-query';
import { Employee } from '../employee/employee.entity';
import { UserSession } from './user-session.entity';
import { WechatUser } from './wechat-user.entity';

export interface LiveUserSessionRow {
  sessionId: number;
  userId: number;
}

export type NewUserSession = Omit<UserSession, 'id' | 'user' | 'createdAt'>;

/**
 * Every query of `user_wechat` (the WeChat user and their real-name verification status) and of
 * their sessions (`user_session`).
 */
@Injectable()
export class WechatUserRepository {
  /** Runs on every authenticated request. */
  private readonly liveSessionQuery: PreparedQuery<LiveUserSessionRow>;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.liveSessionQuery = new PreparedQuery(db, (ds) =>
      ds
        .createQueryBuilder(UserSession, 's')
        .select(['s.id AS sessionId', 's.user_id AS userId'])
        .where('s.token_hash = :tokenHash')
        .andWhere('s.platform_code = :platformCode')
        .andWhere('s.expires_at > :now'),
    );
  }

  findById(id: number): Promise<WechatUser | null> {
    return this.db.getRepository(WechatUser).findOneBy({ id });
  }

  findByOpenid(openid: string): Promise<WechatUser | null> {
    return this.db.getRepository(WechatUser).findOneBy({ openid });
  }

  async create(fields: Partial<WechatUser>): Promise<WechatUser> {
    const users = this.db.getRepository(WechatUser);
    return users.save(users.create(fields));
  }

  async update(id: number, changes: Partial<WechatUser>): Promise<void> {
    await this.db.getRepository(WechatUser).update(id, changes);
  }

  /** The real-name status; pass the manager when it changes with other writes. */
  async setVerification(id: number, status: VerifyStatus, reason: string | null, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.update(WechatUser, id, { verifyStatus: status, verifyReason: reason });
  }

  /**
   * The id of the user's resume, 0 when there is none. It reads `employee` directly: the login
   * answer needs it, and the employee module depends on this one, not the other way round.
   */
  async employeeIdOf(userId: number): Promise<number> {
    const employee = await this.db.getRepository(Employee).findOne({ where: { userId }, select: { id: true } });
    return employee?.id ?? 0;
  }

  /** The session of this token opened on this platform, unless it has expired. */
  liveSession(tokenHash: string, platformCode: string, now: Date): Promise<LiveUserSessionRow | undefined> {
    return this.liveSessionQuery.first({ tokenHash, platformCode, now });
  }

  async insertSession(session: NewUserSession): Promise<void> {
    await this.db.getRepository(UserSession).insert(session);
  }

  /** The number deleted. */
  async deleteExpiredSessions(now: Date): Promise<number> {
    return (await this.db.getRepository(UserSession).delete({ expiresAt: LessThan(now) })).affected ?? 0;
  }
}
