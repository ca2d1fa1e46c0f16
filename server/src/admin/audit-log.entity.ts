import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One admin action or one reveal of personal data: who, when, what, on which record, from where.
 * Append-only: nothing in the server updates or deletes these rows.
 */
@Entity('admin_audit_log')
@Index(['targetType', 'targetId'])
export class AuditLog {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Null for a failed login under an unknown user name. */
  @Index()
  @Column({ name: 'admin_id', type: 'int', nullable: true })
  adminId!: number | null;

  /** Kept as it was at the time, so renaming or disabling the admin changes no history. */
  @Column({ name: 'admin_username', type: 'varchar', length: 32 })
  adminUsername!: string;

  @Index()
  @Column({ type: 'varchar', length: 48 })
  action!: string;

  @Column({ name: 'target_type', type: 'varchar', length: 32, nullable: true })
  targetType!: string | null;

  @Column({ name: 'target_id', type: 'int', nullable: true })
  targetId!: number | null;

  /** JSON: what changed (never passwords, never a full ID number). */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  detail!: string | null;

  @Column({ type: 'varchar', length: 45 })
  ip!: string;

  @Index()
  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
