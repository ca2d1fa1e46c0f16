import { EnabledFlag } from '@shanqian/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Company } from '../../catalog/company.entity';
import { Timestamped } from '../../database/timestamped.entity';

/** A labor contract template of a company (seed §2.2.3). */
@Entity('contract')
export class Contract extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'contract_name', type: 'varchar', length: 32 })
  contractName!: string;

  /** The contracting entity (合同主体). */
  @Column({ name: 'contract_body', type: 'varchar', length: 32 })
  contractBody!: string;

  @Index()
  @Column({ name: 'company_id', type: 'int' })
  companyId!: number;

  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id' })
  company?: Company;

  /** Term in years (合同年限). */
  @Column({ name: 'sign_year', type: 'int' })
  signYear!: number;

  /** Storage key of the template PDF (private; served through expiring links). */
  @Column({ name: 'file_url', type: 'varchar', length: 64 })
  fileUrl!: string;

  @Column({ type: 'int', default: EnabledFlag.Enabled })
  status!: EnabledFlag;
}
