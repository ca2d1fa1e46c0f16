import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { WechatUser } from './wechat-user.entity';

/** A mini-program session. Only the SHA-256 of the token is kept, so a leaked table opens no session. */
@Entity('user_session')
export class UserSession {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index({ unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  @ManyToOne(() => WechatUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: WechatUser;

  @Column({ name: 'platform_code', type: 'varchar', length: 32 })
  platformCode!: string;

  @Column({ name: 'unique_key', type: 'varchar', length: 32 })
  uniqueKey!: string;

  @Column({ type: 'varchar', length: 45 })
  ip!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  city!: string | null;

  @Column({ type: 'double', nullable: true })
  lng!: number | null;

  @Column({ type: 'double', nullable: true })
  lat!: number | null;

  @Index()
  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
