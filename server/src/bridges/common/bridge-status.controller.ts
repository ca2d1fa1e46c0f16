import { Controller, Get } from '@nestjs/common';
import type { BridgeStatus } from '@shanqian/shared';
import { BridgeQueue } from './bridge-queue';
import { BridgeStatusService } from './bridge-status.service';

@Controller('admin/bridges')
export class BridgeStatusController {
  constructor(
    private readonly bridges: BridgeStatusService,
    private readonly queue: BridgeQueue,
  ) {}

  /** Per bridge: configured or not, last success, pending jobs, the last 20 errors. */
  @Get('status')
  status(): Promise<BridgeStatus[]> {
    return this.bridges.status((bridge) => this.queue.pending(bridge));
  }
}
