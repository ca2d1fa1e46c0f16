import { EnabledFlag } from '@shanqian/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamped } from '../database/timestamped.entity';

/** An employer company (用人单位). */
@Entity('company')
export class Company extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'company_name', type: 'varchar', length: 64 })
  companyName!: string;

  @Column({ type: 'int', default: EnabledFlag.Enabled })
  status!: EnabledFlag;
}
