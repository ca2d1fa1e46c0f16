import { EnabledFlag } from '@shanqian/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A position workers can apply for (岗位); the name is what applications store (seed: work_pos varchar(16)). */
@Entity('work_position')
export class WorkPosition {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 16 })
  name!: string;

  @Column({ type: 'int', default: 0 })
  sort!: number;

  @Column({ type: 'int', default: EnabledFlag.Enabled })
  status!: EnabledFlag;
}
