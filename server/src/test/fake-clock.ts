import type { Clock } from '../common/clock';

interface Sleeper {
  wakeAt: number;
  wake: () => void;
}

/**
 * A spec's clock: time stands still until something sleeps, and a sleep ends at once instead of
 * really waiting, the clock jumping to its wake-up time. Sleepers wake one at a time, earliest
 * first, each after what the one before it started on waking has run, so whatever a sleeper does
 * on waking happens at its wake-up time on this clock. Code paced on it (PartnerClient) keeps its
 * pace in this time, and a fake partner reading the same clock sees exactly that pace as long as
 * each request arrives before the clock moves on: calls made one after another, as Moka's are.
 * It starts at the real time unless told otherwise, so "today" is the real today.
 */
export class FakeClock implements Clock {
  private time: number;
  private sleepers: Sleeper[] = [];
  private waking = false;

  constructor(start = Date.now()) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => {
      const sleeper = { wakeAt: this.time + Math.max(0, ms), wake };
      // After every sleeper due no later: equal wake-up times wake in the order they slept.
      const index = this.sleepers.findIndex((other) => other.wakeAt > sleeper.wakeAt);
      this.sleepers.splice(index < 0 ? this.sleepers.length : index, 0, sleeper);
      this.wakeNextSoon();
    });
  }

  /** Time passing without anyone sleeping, as when a server restarts. */
  advance(ms: number): void {
    this.time += ms;
  }

  private wakeNextSoon(): void {
    if (this.waking) return;
    this.waking = true;
    // setImmediate: the woken sleeper's continuation (promise callbacks) runs before the next one wakes.
    setImmediate(() => {
      this.waking = false;
      const next = this.sleepers.shift();
      if (!next) return;
      this.time = Math.max(this.time, next.wakeAt);
      next.wake();
      if (this.sleepers.length) this.wakeNextSoon();
    });
  }
}
