import type { SealKind } from '@shanqian/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Timestamped } from '../database/timestamped.entity';

export type { SealKind };

/**
 * A company's seal and its authorization to seal automatically. No row means the generated seal
 * without bottom text, not authorized: a company never set up behaves exactly like that.
 */
@Entity('company_seal')
export class CompanySeal extends Timestamped {
  @PrimaryColumn({ name: 'company_id', type: 'int' })
  companyId!: number;

  @Column({ type: 'varchar', length: 16, default: 'generated' })
  kind!: SealKind;

  /** The generated seal's line below the star (合同专用章); null: none. */
  @Column({ name: 'bottom_text', type: 'varchar', length: 16, nullable: true })
  bottomText!: string | null;

  /**
   * The uploaded PNG, an `upload` row's storage key (local disk or the object store, as every other
   * file, so that every server instance reads it). Kept when the seal is reset to generated: contracts
   * sealed with it stay explainable.
   */
  @Column({ name: 'png_storage_key', type: 'varchar', length: 64, nullable: true })
  pngStorageKey!: string | null;

  @Column({ type: 'boolean', default: false })
  authorized!: boolean;

  /** Who last granted or revoked the authorization, when and from where. */
  @Column({ name: 'authorized_by', type: 'int', nullable: true })
  authorizedBy!: number | null;

  @Column({ name: 'authorized_at', type: 'datetime', nullable: true })
  authorizedAt!: Date | null;

  @Column({ name: 'authorized_ip', type: 'varchar', length: 45, nullable: true })
  authorizedIp!: string | null;
}
