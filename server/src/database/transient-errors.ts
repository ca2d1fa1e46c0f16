import type { Clock } from '../common/clock';

/** How many times a transaction runs at most before its transient error is answered (503 10012). */
export const TRANSACTION_ATTEMPTS = 5;
const BACKOFF_MIN_MS = 10;
const BACKOFF_MAX_MS = 100;

/** MariaDB/MySQL ER_LOCK_WAIT_TIMEOUT and ER_LOCK_DEADLOCK. */
const TRANSIENT_ERRNOS = new Set([1205, 1213]);
/** better-sqlite3's codes, extended ones (SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED_SHAREDCACHE…) included. */
const TRANSIENT_SQLITE = /^SQLITE_(BUSY|LOCKED)(_|$)/;

/**
 * A failure that says nothing about the work, only that it met another transaction at a bad moment:
 * the database rolled it back (or gave up waiting for a lock), and the same work run again will
 * most likely pass. TypeORM wraps the driver's error (QueryFailedError.driverError); the driver's
 * own is recognised too.
 */
export function isTransientDbError(error: unknown): boolean {
  const wrapped = (error as { driverError?: unknown } | null)?.driverError;
  const driverError = (wrapped ?? error) as { errno?: unknown; code?: unknown } | null;
  if (typeof driverError !== 'object' || driverError === null) return false;
  if (typeof driverError.errno === 'number' && TRANSIENT_ERRNOS.has(driverError.errno)) return true;
  return typeof driverError.code === 'string' && (driverError.code === 'ER_LOCK_DEADLOCK' || driverError.code === 'ER_LOCK_WAIT_TIMEOUT' || TRANSIENT_SQLITE.test(driverError.code));
}

/**
 * Runs `attempt` (a whole transaction) again while it fails with a transient database error, up to
 * TRANSACTION_ATTEMPTS times, sleeping a random, growing 10–100 ms on `clock` in between so that the
 * transactions that collided do not collide again in step. The last error is thrown as it was
 * (error-response.ts answers it 503 10012); any other error at once. `attempt` may therefore run
 * more than once: it must have no effect outside the database.
 */
export async function runWithRetry<T>(attempt: () => Promise<T>, clock: Clock, random: () => number = Math.random): Promise<T> {
  for (let attempts = 1; ; attempts++) {
    try {
      return await attempt();
    } catch (error) {
      if (attempts >= TRANSACTION_ATTEMPTS || !isTransientDbError(error)) throw error;
      await clock.sleep(backoffMs(attempts, random));
    }
  }
}

/** Full jitter over a ceiling that doubles with each failed attempt: 10–20 ms after the first, up to 10–100 ms. */
function backoffMs(failedAttempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** failedAttempts);
  return BACKOFF_MIN_MS + Math.floor(random() * (ceiling - BACKOFF_MIN_MS));
}
