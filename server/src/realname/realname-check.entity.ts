import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type RealnameOutcome = 'passed' | 'failed' | 'error';

/** One real-name check of a worker: part of the evidence that the signer is who the contract names. */
@Entity('realname_check')
export class RealnameCheck {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  @Column({ name: 'em_id', type: 'int' })
  employeeId!: number;

  @Column({ type: 'varchar', length: 16 })
  provider!: string;

  /** Whether a selfie was compared with the ID photo on record. */
  @Column({ name: 'with_selfie', type: 'boolean', default: false })
  withSelfie!: boolean;

  @Column({ type: 'varchar', length: 16 })
  outcome!: RealnameOutcome;

  @Column({ type: 'varchar', length: 256, nullable: true })
  reason!: string | null;

  /** The provider's request id, to find the check in its console. */
  @Column({ name: 'provider_ref', type: 'varchar', length: 64, nullable: true })
  providerRef!: string | null;

  @Column({ type: 'varchar', length: 45 })
  ip!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
