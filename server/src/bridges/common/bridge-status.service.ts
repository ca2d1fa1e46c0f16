import { Inject, Injectable, Logger } from '@nestjs/common';
import { BridgeStatus, ErrorCode } from '@shanqian/shared';
import { AppException } from '../../common/app.exception';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { BridgeEventRepository } from './bridge-event.repository';
import { BRIDGE_LABELS, BRIDGE_NAMES, BridgeName } from './bridge-name';
import { PartnerError } from './partner-client';

/** Errors kept per bridge (the status page shows the newest RECENT_ERRORS). */
const KEPT_ERRORS = 200;
const RECENT_ERRORS = 20;

/** Whether each bridge is on, and how its calls have been going (table bridge_event). */
@Injectable()
export class BridgeStatusService {
  private readonly logger = new Logger('Bridges');

  constructor(
    private readonly events: BridgeEventRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  configured(bridge: BridgeName): boolean {
    return this.config.bridges[bridge] !== null;
  }

  /** For the admin endpoints of a bridge that is off: 409 BridgeNotConfigured, a 4xx because an unconfigured bridge is no fault. */
  assertConfigured(bridge: BridgeName): void {
    if (!this.configured(bridge)) throw new AppException(ErrorCode.BridgeNotConfigured, `${BRIDGE_LABELS[bridge]} 未配置`);
  }

  /** Only the newest success matters, so the older ones of the bridge go. */
  async recordSuccess(bridge: BridgeName, operation: string): Promise<void> {
    const id = await this.events.insert(bridge, operation.slice(0, 48), true, null);
    await this.events.deleteOlder(bridge, true, id);
  }

  async recordError(bridge: BridgeName, operation: string, error: unknown): Promise<void> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 512);
    this.logger.warn(`${BRIDGE_LABELS[bridge]} ${operation} failed${error instanceof PartnerError ? ` (${error.kind})` : ''}: ${message}`);
    await this.events.insert(bridge, operation.slice(0, 48), false, message);
    const oldestKept = await this.events.nthNewestErrorId(bridge, KEPT_ERRORS);
    if (oldestKept !== null) await this.events.deleteOlder(bridge, false, oldestKept);
  }

  /** `pendingJobs` comes from the queue, which itself records its jobs' outcomes here. */
  async status(pendingJobs: (bridge: BridgeName) => Promise<number>): Promise<BridgeStatus[]> {
    return Promise.all(
      BRIDGE_NAMES.map(async (name) => {
        const [success, errors, pending] = await Promise.all([
          this.events.lastSuccess(name),
          this.events.recentErrors(name, RECENT_ERRORS),
          pendingJobs(name),
        ]);
        return {
          name,
          configured: this.configured(name),
          last_success_at: success?.createdAt.toISOString() ?? null,
          pending_jobs: pending,
          recent_errors: errors.map((e) => ({ at: e.createdAt.toISOString(), operation: e.operation, message: e.message ?? '' })),
        };
      }),
    );
  }
}
