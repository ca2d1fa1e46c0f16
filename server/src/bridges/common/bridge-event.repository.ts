import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BridgeEvent } from './bridge-event.entity';

/** Every query of `bridge_event`: how each bridge's calls to its partner went. */
@Injectable()
export class BridgeEventRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The new event's id. */
  async insert(bridge: string, operation: string, ok: boolean, message: string | null): Promise<number> {
    const { identifiers } = await this.events().insert({ bridge, operation, ok, message });
    return identifiers[0].id;
  }

  /** Deletes the bridge's successes or errors older than the event `id`. */
  async deleteOlder(bridge: string, ok: boolean, id: number): Promise<void> {
    await this.db.createQueryBuilder().delete().from(BridgeEvent).where('bridge = :bridge AND ok = :ok AND id < :id', { bridge, ok, id }).execute();
  }

  /** The id of the bridge's `keep`-th newest error, when it has that many. */
  async nthNewestErrorId(bridge: string, keep: number): Promise<number | null> {
    const rows = await this.events().find({ select: { id: true }, where: { bridge, ok: false }, order: { id: 'DESC' }, skip: keep - 1, take: 1 });
    return rows[0]?.id ?? null;
  }

  lastSuccess(bridge: string): Promise<BridgeEvent | null> {
    return this.events().findOne({ where: { bridge, ok: true }, order: { id: 'DESC' } });
  }

  recentErrors(bridge: string, count: number): Promise<BridgeEvent[]> {
    return this.events().find({ where: { bridge, ok: false }, order: { id: 'DESC' }, take: count });
  }

  private events() {
    return this.db.getRepository(BridgeEvent);
  }
}
