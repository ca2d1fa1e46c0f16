import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A stored file. The bytes live under DATA_DIR/uploads by `storageKey`; they are reachable only through signed links. */
@Entity('upload')
export class Upload {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Random name on disk and in links; says nothing about the owner or the content. */
  @Index({ unique: true })
  @Column({ name: 'storage_key', type: 'varchar', length: 64 })
  storageKey!: string;

  /** The WeChat user who uploaded it; only that user may attach it to a resume. */
  @Index()
  @Column({ name: 'owner_user_id', type: 'int', nullable: true })
  ownerUserId!: number | null;

  @Column({ type: 'varchar', length: 32 })
  mime!: string;

  @Column({ type: 'int' })
  size!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
