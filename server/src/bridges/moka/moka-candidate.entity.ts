import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MONEY } from '../../database/column-types';
import { Timestamped } from '../../database/timestamped.entity';

/**
 * A candidate Moka handed over (an offer or a pending check-in): the pre-filled record a worker's
 * resume starts from when they log in with this phone. One per Moka application.
 */
@Entity('moka_candidate')
export class MokaCandidate extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Moka's applicationId, as a string: Moka's ids can exceed what a JavaScript number holds exactly. */
  @Index({ unique: true })
  @Column({ name: 'moka_application_id', type: 'varchar', length: 32 })
  mokaApplicationId!: string;

  @Index()
  @Column({ type: 'varchar', length: 16 })
  phone!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  email!: string | null;

  /** 闪签云's 1 男 / 2 女; 0 when Moka did not say. */
  @Column({ type: 'int', default: 0 })
  gender!: number;

  /** YYYY-MM-DD. */
  @Column({ name: 'birth_date', type: 'varchar', length: 10, nullable: true })
  birthDate!: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  nation!: string | null;

  /** The resident ID number, encrypted with SecretsService like employee.id_number_enc; only a valid one is kept. */
  @Column({ name: 'id_number_enc', type: 'varchar', length: 128, nullable: true })
  idNumberEnc!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  position!: string | null;

  /** YYYY-MM-DD. */
  @Column({ name: 'entry_date', type: 'varchar', length: 10, nullable: true })
  entryDate!: string | null;

  @Column({ type: 'decimal', precision: 15, scale: 2, nullable: true, transformer: MONEY })
  salary!: string | null;

  /** JSON: the rows for employee_edu. */
  @Column({ type: 'text' })
  education!: string;

  /** JSON: the rows for work_exp. */
  @Column({ type: 'text' })
  experience!: string;

  /** Moka's stage when last imported. */
  @Column({ name: 'raw_stage', type: 'varchar', length: 32 })
  rawStage!: string;

  /** The worker's resume, once it exists. */
  @Column({ name: 'employee_id', type: 'int', nullable: true })
  employeeId!: number | null;
}
