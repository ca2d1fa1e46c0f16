import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

/** created_at and updated_at, kept by TypeORM, for the entities that are edited after creation. */
export abstract class Timestamped {
  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
