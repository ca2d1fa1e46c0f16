import { EnabledFlag } from '@shanqian/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A client platform (X-platform-code). The accepted codes come from PLATFORM_CODES; this table records them for reference from sessions and reports. */
@Entity('platform')
export class Platform {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 32 })
  name!: string;

  @Column({ type: 'int', default: EnabledFlag.Enabled })
  status!: EnabledFlag;
}
