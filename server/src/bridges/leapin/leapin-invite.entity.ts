import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MONEY } from '../../database/column-types';
import { Timestamped } from '../../database/timestamped.entity';

/**
 * One applicant invited to one LeapIn job's AI interview, and what LeapIn last said about it.
 * A person is invited to a job once: (employee_id, job_id) is unique.
 */
@Entity('leapin_invite')
@Index(['employeeId', 'jobId'], { unique: true })
export class LeapinInvite extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  /** sign_apply.id: the application HR invited from. */
  @Index()
  @Column({ name: 'application_id', type: 'int' })
  applicationId!: number;

  /** employee.id, sent to LeapIn as the candidate's unique_id. */
  @Column({ name: 'employee_id', type: 'int' })
  employeeId!: number;

  @Column({ name: 'job_id', type: 'int' })
  jobId!: number;

  /** LeapIn's application id; null until the invitation went through. */
  @Index()
  @Column({ name: 'leapin_application_id', type: 'int', nullable: true })
  leapinApplicationId!: number | null;

  @Column({ name: 'interview_url', type: 'varchar', length: 512, nullable: true })
  interviewUrl!: string | null;

  /** LeapIn's candidate status: 0 invited, 1 AI interview submitted, 3 second interview, 4 hired, 5 not suitable. */
  @Column({ type: 'int', nullable: true })
  status!: number | null;

  /** LeapIn's report status: 0 none, 1 generating, 2 failed, 3 ready. */
  @Column({ name: 'report_status', type: 'int', nullable: true })
  reportStatus!: number | null;

  /** leapin_total_score, kept as a string with two decimals (decimal is a string on MariaDB, a number on SQLite). */
  @Column({ name: 'total_score', type: 'decimal', precision: 6, scale: 2, nullable: true, transformer: MONEY })
  totalScore!: string | null;

  @Column({ name: 'leapin_rank', type: 'int', nullable: true })
  leapinRank!: number | null;

  @Column({ name: 'report_url', type: 'varchar', length: 512, nullable: true })
  reportUrl!: string | null;

  @Column({ name: 'invited_at', type: 'datetime', nullable: true })
  invitedAt!: Date | null;

  @Column({ name: 'pulled_at', type: 'datetime', nullable: true })
  pulledAt!: Date | null;
}
