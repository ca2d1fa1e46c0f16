import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { KV_STORE, KvStore } from '../../common/kv/kv-store';
import { BridgeQueue } from '../common/bridge-queue';
import type { MokaRunState } from '@shanqian/shared';

/** How long the report of a sync stays readable. */
const RUN_TTL_MS = 7 * 24 * 3600 * 1000;
const POLL_MS = 100;

/** One run's parts, as its jobs wrote them; parts whose job has not run (or was not needed) are absent. */
export interface RunRecord<Meta, Part> {
  meta: Meta;
  parts: Part[];
  state: MokaRunState;
}

/**
 * The reports of the syncs. A sync is one admin request turned into queued jobs (parts); each job
 * writes its own part's outcome under a key of its own (so jobs never race on one value), in the
 * shared KV store (Redis when configured). The admin reads the run back by its id.
 */
@Injectable()
export class MokaRuns {
  constructor(
    @Inject(KV_STORE) private readonly store: KvStore,
    private readonly queue: BridgeQueue,
  ) {}

  /** A new run of `parts` jobs; answers its id. */
  async start(meta: object, parts: number): Promise<string> {
    const runId = randomUUID();
    await this.store.set(this.key(runId), JSON.stringify({ meta, parts }), RUN_TTL_MS);
    return runId;
  }

  async record(runId: string, part: number, outcome: object): Promise<void> {
    await this.store.set(this.key(runId, part), JSON.stringify(outcome), RUN_TTL_MS);
  }

  /** Waits up to `waitMs` for Moka's queue to be idle: the run's jobs have run by then. */
  async settle(waitMs: number): Promise<void> {
    const deadline = Date.now() + waitMs;
    while ((await this.queue.pending('moka')) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  async read<Meta, Part>(runId: string): Promise<RunRecord<Meta, Part> | null> {
    const head = await this.store.get(this.key(runId));
    if (!head) return null;
    const { meta, parts } = JSON.parse(head) as { meta: Meta; parts: number };
    const stored = await Promise.all(Array.from({ length: parts }, (_, part) => this.store.get(this.key(runId, part))));
    return {
      meta,
      parts: stored.filter((part): part is string => part !== null).map((part) => JSON.parse(part) as Part),
      // Jobs of a bridge run one at a time in order: none pending means this run's have all run.
      state: (await this.queue.pending('moka')) > 0 ? 'queued' : 'done',
    };
  }

  private key(runId: string, part?: number): string {
    return `bridges:moka:run:${runId}${part === undefined ? '' : `:${part}`}`;
  }
}
