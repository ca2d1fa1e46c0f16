import { SignApplicationStatus } from '@shanqian/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AdminUser } from '../admin/admin-user.entity';
import { Company } from '../catalog/company.entity';
import { MONEY } from '../database/column-types';
import { Employee } from '../employee/employee.entity';
import { Contract } from '../admin/contracts/contract.entity';

/** A worker's application to sign with a company (seed §2.2.2, table sign_apply); one per resume, resubmitted in place. */
@Entity('sign_apply')
export class SignApplication {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index({ unique: true })
  @Column({ name: 'em_id', type: 'int' })
  employeeId!: number;

  @ManyToOne(() => Employee, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'em_id' })
  employee?: Employee;

  /** The HR handler the worker chose. */
  @Index()
  @Column({ name: 'ad_user_id', type: 'int' })
  handlerId!: number;

  @ManyToOne(() => AdminUser, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ad_user_id' })
  handler?: AdminUser;

  @Column({ name: 'work_pos', type: 'varchar', length: 16, default: '' })
  workPos!: string;

  @Index()
  @Column({ name: 'company_id', type: 'int' })
  companyId!: number;

  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id' })
  company?: Company;

  @Column({ name: 'entry_date', type: 'date', nullable: true })
  entryDate!: string | null;

  @Column({ name: 'contract_id', type: 'int', nullable: true })
  contractId!: number | null;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id' })
  contract?: Contract | null;

  @Column({ type: 'decimal', precision: 15, scale: 2, default: '0.00', transformer: MONEY })
  salary!: string;

  @Index()
  @Column({ name: 'apply_time', type: 'datetime' })
  applyTime!: Date;

  @Index()
  @Column({ type: 'int' })
  status!: SignApplicationStatus;

  /** Rejection reason, shown to the worker by /em_status. */
  @Column({ type: 'varchar', length: 256, nullable: true })
  reason!: string | null;

  /** Where the worker applied from (X-city / X-location / IP of the latest submission). */
  @Column({ name: 'apply_ip', type: 'varchar', length: 45 }) applyIp!: string;
  @Column({ name: 'apply_city', type: 'varchar', length: 32, nullable: true }) applyCity!: string | null;
  @Column({ name: 'apply_lng', type: 'double', nullable: true }) applyLng!: number | null;
  @Column({ name: 'apply_lat', type: 'double', nullable: true }) applyLat!: number | null;

  /** Optimistic lock: concurrent changes of status check it, and exactly one wins. */
  @VersionColumn()
  version!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
