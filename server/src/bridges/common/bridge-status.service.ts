import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode } from '@shanqian/shared';
import { DataSource } from 'typeorm';
import { AppException } from '../../common/app.exception';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { BridgeEvent } from './bridge-event.entity';
import { BRIDGE_LABELS, BRIDGE_NAMES, BridgeName } from './bridge-name';
import { PartnerError } from './partner-client';

/** Errors kept per bridge (the status page shows the newest RECENT_ERRORS). */
const KEPT_ERRORS = 200;
const RECENT_ERRORS = 20;

export interface BridgeStatus {
  name: BridgeName;
  configured: boolean;
  last_success_at: Date | null;
  pending_jobs: number;
  recent_errors: { at: Date; operation: string; message: string }[];
}

/** Whether each bridge is on, and how its calls have been going (table bridge_event). */
@Injectable()
export class BridgeStatusService {
  private readonly logger = new Logger('Bridges');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  configured(bridge: BridgeName): boolean {
    return this.config.bridges[bridge] !== null;
  }

  /** For the admin endpoints of a bridge that is off: 503 BridgeNotConfigured. */
  assertConfigured(bridge: BridgeName): void {
    if (!this.configured(bridge)) throw new AppException(ErrorCode.BridgeNotConfigured, `${BRIDGE_LABELS[bridge]} 未配置`);
  }

  /** Only the newest success matters, so the older ones of the bridge go. */
  async recordSuccess(bridge: BridgeName, operation: string): Promise<void> {
    const { identifiers } = await this.db.getRepository(BridgeEvent).insert({ bridge, operation: operation.slice(0, 48), ok: true, message: null });
    await this.db
      .createQueryBuilder()
      .delete()
      .from(BridgeEvent)
      .where('bridge = :bridge AND ok = :ok AND id < :id', { bridge, ok: true, id: identifiers[0].id })
      .execute();
  }

  async recordError(bridge: BridgeName, operation: string, error: unknown): Promise<void> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 512);
    this.logger.warn(`${BRIDGE_LABELS[bridge]} ${operation} failed${error instanceof PartnerError ? ` (${error.kind})` : ''}: ${message}`);
    const events = this.db.getRepository(BridgeEvent);
    await events.insert({ bridge, operation: operation.slice(0, 48), ok: false, message });
    const oldest = await events.find({ select: { id: true }, where: { bridge, ok: false }, order: { id: 'DESC' }, skip: KEPT_ERRORS - 1, take: 1 });
    if (oldest.length) {
      await this.db.createQueryBuilder().delete().from(BridgeEvent).where('bridge = :bridge AND ok = :ok AND id < :id', { bridge, ok: false, id: oldest[0].id }).execute();
    }
  }

  /** `pendingJobs` comes from the queue, which itself records its jobs' outcomes here. */
  async status(pendingJobs: (bridge: BridgeName) => Promise<number>): Promise<BridgeStatus[]> {
    const events = this.db.getRepository(BridgeEvent);
    return Promise.all(
      BRIDGE_NAMES.map(async (name) => {
        const [success, errors, pending] = await Promise.all([
          events.findOne({ where: { bridge: name, ok: true }, order: { id: 'DESC' } }),
          events.find({ where: { bridge: name, ok: false }, order: { id: 'DESC' }, take: RECENT_ERRORS }),
          pendingJobs(name),
        ]);
        return {
          name,
          configured: this.configured(name),
          last_success_at: success?.createdAt ?? null,
          pending_jobs: pending,
          recent_errors: errors.map((e) => ({ at: e.createdAt, operation: e.operation, message: e.message ?? '' })),
        };
      }),
    );
  }
}
