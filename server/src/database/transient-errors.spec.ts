import { ErrorCode } from '@shanqian/shared';
import { QueryFailedError } from 'typeorm';
import { toAppException } from '../common/error-response';
import { FakeClock } from '../test/fake-clock';
import { isTransientDbError, runWithRetry, TRANSACTION_ATTEMPTS } from './transient-errors';

/** As TypeORM throws a driver's error: wrapped, the driver's own fields kept in `driverError`. */
const wrapped = (driverError: Error) => new QueryFailedError('UPDATE employee SET addr = ? WHERE id = ?', ['x', 1], driverError);
/** mysql2's error objects. */
const mysql = (errno: number, code: string, message: string) => Object.assign(new Error(message), { errno, code, sqlState: '40001' });
/** better-sqlite3's SqliteError: a code, no errno. */
const sqlite = (code: string) => Object.assign(new Error('database is locked'), { code });

const deadlock = () => wrapped(mysql(1213, 'ER_LOCK_DEADLOCK', 'Deadlock found when trying to get lock; try restarting transaction'));

describe('isTransientDbError', () => {
  it.each([
    ['a MariaDB deadlock', deadlock()],
    ['a MariaDB lock-wait timeout', wrapped(mysql(1205, 'ER_LOCK_WAIT_TIMEOUT', 'Lock wait timeout exceeded; try restarting transaction'))],
    ['a busy SQLite', wrapped(sqlite('SQLITE_BUSY'))],
    ['a busy SQLite snapshot', wrapped(sqlite('SQLITE_BUSY_SNAPSHOT'))],
    ['a locked SQLite table', wrapped(sqlite('SQLITE_LOCKED'))],
    ['a driver error thrown as it is', mysql(1213, 'ER_LOCK_DEADLOCK', 'Deadlock found')],
  ])('recognises %s', (_, error) => expect(isTransientDbError(error)).toBe(true));

  it.each([
    ['a duplicate key', wrapped(mysql(1062, 'ER_DUP_ENTRY', 'Duplicate entry'))],
    ['a SQLite constraint', wrapped(sqlite('SQLITE_CONSTRAINT_UNIQUE'))],
    ['a lost connection', wrapped(Object.assign(new Error('read ECONNRESET'), { errno: -104, code: 'ECONNRESET' }))],
    ['a plain error', new Error('deadlock in the words only')],
    ['nothing', null],
    ['a string', 'SQLITE_BUSY'],
  ])('leaves alone %s', (_, error) => expect(isTransientDbError(error)).toBe(false));

  it('is answered 503 10012 once the retries are spent', () => {
    const answer = toAppException(deadlock());
    expect([answer?.code, answer?.httpStatus, answer?.message]).toEqual([ErrorCode.DatabaseBusy, 503, '服务繁忙，请稍后重试']);
  });
});

describe('runWithRetry', () => {
  /** Work that fails with `errors` in turn, then answers 'done'; it counts its runs and when each began on the clock. */
  function flaky(clock: FakeClock, errors: unknown[]) {
    const startedAt: number[] = [];
    const work = async () => {
      startedAt.push(clock.now());
      if (startedAt.length <= errors.length) throw errors[startedAt.length - 1];
      return 'done';
    };
    return { work, startedAt, waits: () => startedAt.slice(1).map((at, i) => at - startedAt[i]) };
  }

  it('runs the work again after transient errors, waiting a jittered 10–100 ms on the clock in between', async () => {
    const clock = new FakeClock();
    const run = flaky(clock, [deadlock(), wrapped(sqlite('SQLITE_BUSY')), deadlock()]);
    await expect(runWithRetry(run.work, clock)).resolves.toBe('done');
    expect(run.startedAt).toHaveLength(4);
    for (const wait of run.waits()) {
      expect(wait).toBeGreaterThanOrEqual(10);
      expect(wait).toBeLessThan(100);
    }
  });

  it('waits longer after each failure, up to 100 ms', async () => {
    const clock = new FakeClock();
    const run = flaky(clock, Array.from({ length: TRANSACTION_ATTEMPTS - 1 }, deadlock));
    await runWithRetry(run.work, clock, () => 0.999);
    expect(run.waits()).toEqual([19, 39, 79, 99]);
    const least = flaky(clock, [deadlock(), deadlock()]);
    await runWithRetry(least.work, clock, () => 0);
    expect(least.waits()).toEqual([10, 10]);
  });

  it(`gives up after ${TRANSACTION_ATTEMPTS} attempts, throwing the last error`, async () => {
    const clock = new FakeClock();
    const errors = Array.from({ length: TRANSACTION_ATTEMPTS }, deadlock);
    const run = flaky(clock, errors);
    await expect(runWithRetry(run.work, clock)).rejects.toBe(errors[TRANSACTION_ATTEMPTS - 1]);
    expect(run.startedAt).toHaveLength(TRANSACTION_ATTEMPTS);
  });

  it('throws any other error at once', async () => {
    const clock = new FakeClock();
    const duplicate = wrapped(mysql(1062, 'ER_DUP_ENTRY', 'Duplicate entry'));
    const run = flaky(clock, [duplicate]);
    await expect(runWithRetry(run.work, clock)).rejects.toBe(duplicate);
    expect(run.startedAt).toHaveLength(1);
  });
});
