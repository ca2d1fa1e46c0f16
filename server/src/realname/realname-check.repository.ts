import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RealnameCheck } from './realname-check.entity';

/** Every query of `realname_check`, the evidence each real-name check leaves. */
@Injectable()
export class RealnameCheckRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(fields: Partial<RealnameCheck>, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.insert(RealnameCheck, fields);
  }

  /** The latest checks of a worker, newest first. */
  latest(employeeId: number, limit: number): Promise<RealnameCheck[]> {
    return this.db.getRepository(RealnameCheck).find({ where: { employeeId }, order: { id: 'DESC' }, take: limit });
  }
}
