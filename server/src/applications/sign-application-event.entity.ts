import type { ApplicationEventType } from '@shanqian/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The event types are the console's too (ApplicationEventType in shared): one list. */
export type SignApplicationEventType = ApplicationEventType;
export type EventActor = 'employee' | 'admin';

/**
 * The history of an application: who did what, when, from where. Append-only, and hash-chained per
 * application so that an edited, deleted or reordered row shows; it is the start of the evidence
 * chain a signed contract carries.
 */
@Entity('sign_apply_event')
// The dashboard counts events of some types over a period (ApplicationStatsService).
@Index('IDX_sign_apply_event_event_time', ['event', 'createdAt'])
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

  /** Written by ApplicationsService from its clock (milliseconds, which both databases keep exactly), as the hash covers it. */
  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  /** The hash chain (application-event-chain.ts): the SHA-256 of this event with `prevHash`, that of the application's previous event (null for its first). */
  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64, nullable: true })
  prevHash!: string | null;
}
