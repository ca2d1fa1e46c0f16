import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { VerifyStatus } from '@shanqian/shared';
import { DataSource, EntityManager } from 'typeorm';
import { WechatUser } from './wechat-user.entity';

/** Every query of `user_wechat`: the WeChat user and their real-name verification status. */
@Injectable()
export class WechatUserRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

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
}
