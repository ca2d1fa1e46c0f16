import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EmStatusResponse } from '@shanqian/shared';
import { DataSource } from 'typeorm';
import { WechatUser } from '../auth/wechat-user.entity';

/** What the mini-program's home page shows: the application's status and the real-name status. */
@Injectable()
export class SignStatusService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async status(userId: number): Promise<EmStatusResponse> {
    // One round trip: this is the most frequent call of the mini-program.
    const row = await this.db
      .createQueryBuilder(WechatUser, 'u')
      .leftJoin('employee', 'e', 'e.user_id = u.id')
      .leftJoin('sign_apply', 'a', 'a.em_id = e.id')
      .leftJoin('company', 'c', 'c.id = a.company_id')
      .select(['u.verify_status AS verify_status', 'a.status AS status', 'a.reason AS reason', 'c.company_name AS company_name'])
      .where('u.id = :userId', { userId })
      .getRawOne<{ verify_status: number; status: number | null; reason: string | null; company_name: string | null }>();
    return {
      reason: row?.reason ?? '',
      company_name: row?.company_name ?? '',
      status: row?.status ?? 0,
      verify_status: row?.verify_status ?? 0,
    };
  }
}
