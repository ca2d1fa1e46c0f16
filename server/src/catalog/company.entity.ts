import { EnabledFlag } from '@shanqian/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An employer company (用人单位). */
@Entity('company')
export class Company {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'company_name', type: 'varchar', length: 64 })
  companyName!: string;

  @Column({ type: 'int', default: EnabledFlag.Enabled })
  status!: EnabledFlag;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
