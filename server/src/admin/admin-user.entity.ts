import { AdminRole, EnabledFlag } from '@shanqian/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamped } from '../database/timestamped.entity';

export type { AdminRole };

/**
 * User names are case-insensitive on every database: they are stored, and looked up, in lower case,
 * so the unique index refuses `ADMIN` beside `admin` on SQLite as MariaDB's collation does, and
 * `Admin` signs in as `admin` on both. Names are ASCII (3-32 of A-Z a-z 0-9 _ . @ -), so lower
 * case is one unambiguous form.
 */
export const normalizeUsername = (username: string): string => username.toLowerCase();

/** A back-office user (seed §2.2.4); enabled HR staff are the handlers a worker chooses from. */
@Entity('admin_user')
export class AdminUser extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  username!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  name!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'hr' })
  role!: AdminRole;

  /** Set by the back office (argon2id); null until the user has a password. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'int', default: EnabledFlag.Enabled })
  status!: EnabledFlag;

  /** An hr admin sees the applications assigned to them, or every application when granted this. */
  @Column({ name: 'view_all_applications', type: 'boolean', default: false })
  viewAllApplications!: boolean;
}
