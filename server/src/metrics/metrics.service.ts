import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { BRIDGE_NAMES } from '../bridges/common/bridge-name';
import { BridgeQueue } from '../bridges/common/bridge-queue';

/** Requests answered before any route matched (refused by the protocol middleware, unknown URLs) share this label. */
export const UNROUTED = '(unrouted)';

/**
 * The Prometheus metrics of this process, in a registry of its own (one per app, so test apps in one
 * process never share counters): the process defaults, request latency by registered route and status,
 * the bridge queues' depths read at each scrape, and how long signings take.
 */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger('Metrics');
  private readonly registry = new Registry();
  private readonly requests = new Histogram({
    name: 'shanqian_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, registered route and status (its _count is the request count)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly signings = new Histogram({
    name: 'shanqian_signing_duration_seconds',
    help: 'Time to seal a contract (stamping, PAdES signature, time stamp, storing), by outcome',
    labelNames: ['outcome'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [this.registry],
  });

  constructor(queue: BridgeQueue) {
    collectDefaultMetrics({ register: this.registry });
    const logger = this.logger;
    new Gauge({
      name: 'shanqian_bridge_queue_pending_jobs',
      help: 'Bridge jobs not yet done nor failed, by bridge',
      labelNames: ['bridge'] as const,
      registers: [this.registry],
      async collect() {
        // A scrape while the database or Redis is down still answers the other metrics.
        try {
          const counts = await Promise.all(BRIDGE_NAMES.map((bridge) => queue.pending(bridge)));
          BRIDGE_NAMES.forEach((bridge, i) => this.set({ bridge }, counts[i]!));
        } catch (error) {
          this.reset();
          logger.warn(`bridge queue depths unavailable: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.requests.observe({ method, route, status: String(status) }, seconds);
  }

  /** Runs the sealing of a contract and records its duration as `signed` or `failed`. */
  async timeSigning<T>(work: () => Promise<T>): Promise<T> {
    const end = this.signings.startTimer();
    try {
      const result = await work();
      end({ outcome: 'signed' });
      return result;
    } catch (error) {
      end({ outcome: 'failed' });
      throw error;
    }
  }
}
