import { EnabledFlag } from '@shanqian/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One entry of a dictionary served by GET /dict/{dict_item} (seed: table dictionary). */
@Entity('dictionary')
@Index(['dictItem', 'dictKey'], { unique: true })
export class DictionaryEntry {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'dict_item', type: 'varchar', length: 32 })
  dictItem!: string;

  @Column({ name: 'dict_key', type: 'varchar', length: 32 })
  dictKey!: string;

  @Column({ name: 'dict_value', type: 'varchar', length: 32 })
  dictValue!: string;

  @Column({ type: 'int', default: 0 })
  sort!: number;

  @Column({ type: 'int', default: EnabledFlag.Enabled })
  status!: EnabledFlag;
}
