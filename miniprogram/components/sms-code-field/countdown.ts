/** Whole seconds left until `endsAt` (ms since the epoch), rounded up: the button says 1 until it really unlocks. */
export function secondsLeft(endsAt: number, now: number): number {
  return Math.max(0, Math.ceil((endsAt - now) / 1000));
}

/**
 * A one-second countdown that reads the clock on every tick instead of counting ticks: a phone that
 * pauses the mini-program in the background still shows the right number when it comes back.
 */
export class Countdown {
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly onTick: (seconds: number) => void;
  private readonly now: () => number;

  constructor(onTick: (seconds: number) => void, now: () => number = Date.now) {
    this.onTick = onTick;
    this.now = now;
  }

  start(seconds: number): number {
    const endsAt = this.now() + seconds * 1000;
    this.runUntil(endsAt);
    return endsAt;
  }

  /** Counts down to a moment fixed earlier (a countdown started before the page was left). */
  runUntil(endsAt: number): void {
    this.stop();
    const tick = (): void => {
      const left = secondsLeft(endsAt, this.now());
      this.onTick(left);
      if (left === 0) this.stop();
    };
    this.timer = setInterval(tick, 1000);
    tick();
  }

  stop(): void {
    if (this.timer === null) return;
    clearInterval(this.timer);
    this.timer = null;
  }
}
