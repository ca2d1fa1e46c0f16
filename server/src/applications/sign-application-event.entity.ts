import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type SignApplicationEventType =
  | 'applied'
  | 'resubmitted'
  | 'updated'
  | 'approved'
  | 'rejected'
  | 'cancelled'
  | 'realname_passed'
  | 'realname_failed'
  | 'contract_viewed'
  | 'intent_confirmed'
  | 'signed';
export type EventActor = 'employee' | 'admin';

/**
 * The history of an application: who did what, when, from where. Append-only; it is the start of the
 * evidence chain a signed contract carries.
 */
@Entity('sign_apply_event')
export class SignApplicationEvent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ name: 'apply_id', type: 'int' })
  applicationId!: number;

  @Column({ type: 'varchar', length: 32 })
  event!: SignApplicationEventType;

  @Column({ name: 'from_status', type: 'int', nullable: true })
  fromStatus!: number | null;

  @Column({ name: 'to_status', type: 'int' })
  toStatus!: number;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType!: EventActor;

  @Column({ name: 'actor_id', type: 'int' })
  actorId!: number;

  @Column({ type: 'varchar', length: 45 }) ip!: string;
  @Column({ type: 'varchar', length: 32, nullable: true }) city!: string | null;
  @Column({ type: 'double', nullable: true }) lng!: number | null;
  @Column({ type: 'double', nullable: true }) lat!: number | null;

  /** What the event decided (a rejection reason, the approved terms), for the history and the audit page. */
  @Column({ type: 'varchar', length: 512, nullable: true })
  detail!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
