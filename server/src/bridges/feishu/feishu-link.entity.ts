import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamped } from '../../database/timestamped.entity';

/** A 闪签云 application linked to a Feishu Hire talent, and where its mirror in Feishu stands. */
@Entity('feishu_link')
export class FeishuLink extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  /** sign_apply.id; also the external_id of the external application in Feishu. */
  @Index({ unique: true })
  @Column({ name: 'application_id', type: 'int' })
  applicationId!: number;

  @Column({ name: 'talent_id', type: 'varchar', length: 32 })
  talentId!: string;

  /** Feishu's id of the external application, once created. */
  @Column({ name: 'external_application_id', type: 'varchar', length: 32, nullable: true })
  externalApplicationId!: string | null;

  /** The stage last sent to Feishu. */
  @Column({ name: 'last_stage', type: 'varchar', length: 32, nullable: true })
  lastStage!: string | null;

  @Column({ name: 'synced_at', type: 'datetime', nullable: true })
  syncedAt!: Date | null;
}
