import { VerifyStatus } from '@shanqian/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamped } from '../database/timestamped.entity';

/** A job seeker's WeChat identity (seed: table user_wechat). */
@Entity('user_wechat')
export class WechatUser extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  openid!: string;

  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid!: string | null;

  @Column({ name: 'verify_status', type: 'int', default: VerifyStatus.Pending })
  verifyStatus!: VerifyStatus;

  @Column({ name: 'verify_reason', type: 'varchar', length: 256, nullable: true })
  verifyReason!: string | null;

  @Column({ name: 'last_login_at', type: 'datetime', nullable: true })
  lastLoginAt!: Date | null;
}
