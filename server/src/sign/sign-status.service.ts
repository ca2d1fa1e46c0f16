import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EmStatusResponse } from '@shanqian/shared';
import { DataSource } from 'typeorm';
import { PreparedQuery } from '../database/prepared-query';
import { WechatUser } from '../auth/wechat-user.entity';

/** What the mini-program's home page shows: the application's status and the real-name status. */
interface StatusRow {
  verify_status: number;
  verify_reason: string | null;
  status: number | null;
  reason: string | null;
  company_name: string | null;
}

@Injectable()
export class SignStatusService {
  /** One round trip, built once: this is the mini-program's most frequent call. */
  private readonly query: PreparedQuery<StatusRow>;

  constructor(@InjectDataSource() db: DataSource) {
    this.query = new PreparedQuery(db, (ds) =>
      ds
        .createQueryBuilder(WechatUser, 'u')
        .leftJoin('employee', 'e', 'e.user_id = u.id')
        .leftJoin('sign_apply', 'a', 'a.em_id = e.id')
        .leftJoin('company', 'c', 'c.id = a.company_id')
        .select(['u.verify_status AS verify_status', 'u.verify_reason AS verify_reason', 'a.status AS status', 'a.reason AS reason', 'c.company_name AS company_name'])
        .where('u.id = :userId'),
    );
  }

  async status(userId: number): Promise<EmStatusResponse> {
    const row = await this.query.first({ userId });
    return {
      reason: row?.reason ?? '',
      company_name: row?.company_name ?? '',
      status: row?.status ?? 0,
      verify_status: row?.verify_status ?? 0,
      verify_reason: row?.verify_reason ?? '',
    };
  }
}
