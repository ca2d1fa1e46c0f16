import type { Clock } from '../../common/clock';

/**
 * Starts tasks at most `perSecond` a second, in the order they came: each starts at least
 * 1000/perSecond ms (rounded up) after the one before really started, on the given clock. Tasks may
 * overlap; only their starts are spaced, which is what partners count.
 */
export class RateLimiter {
  private readonly intervalMs: number;
  private lastStart = -Infinity;
  /** Settles when the task that came last has started: the next one waits for it. */
  private queue: Promise<void> = Promise.resolve();

  constructor(perSecond: number, private readonly clock: Clock) {
    this.intervalMs = Math.ceil(1000 / perSecond);
  }

  async schedule<T>(task: () => Promise<T>): Promise<T> {
    const previous = this.queue;
    let started!: () => void;
    this.queue = new Promise((resolve) => (started = resolve));
    await previous;
    try {
      // Measured from the previous task's real start, not from when it was due: tasks whose timers
      // fire together after a busy spell still start one interval apart. In a loop, as a timer may
      // fire a millisecond before the clock reads the time it was set for.
      for (let now = this.clock.now(); now < this.lastStart + this.intervalMs; now = this.clock.now()) {
        await this.clock.sleep(this.lastStart + this.intervalMs - now);
      }
      this.lastStart = this.clock.now();
    } finally {
      started();
    }
    return task();
  }
}
