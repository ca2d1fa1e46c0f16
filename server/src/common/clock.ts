/**
 * Time as seen by code that paces itself, waits, or judges a date against today: the system's in
 * production, a spec's own in tests (test/fake-clock.ts), so a spec proves a pace of one request a
 * second without spending a second per request.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves once `ms` milliseconds have passed on this clock. */
  sleep(ms: number): Promise<void>;
}

/** Injection token of the application's clock (ClockModule). */
export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
