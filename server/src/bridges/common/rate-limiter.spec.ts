import type { Clock } from '../../common/clock';
import { FakeClock } from '../../test/fake-clock';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('starts tasks 1000/perSecond ms apart on its clock, in the order they came', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter(5, clock);
    const starts: string[] = [];
    await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((name) => limiter.schedule(async () => starts.push(`${name}@${clock.now()}`))));
    expect(starts).toEqual(['a@0', 'b@200', 'c@400', 'd@600', 'e@800', 'f@1000']);
  });

  it('spaces starts, not tasks: a long task does not hold the next one back', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter(1, clock);
    const starts: number[] = [];
    const slow = () => limiter.schedule(async () => {
      starts.push(clock.now());
      await clock.sleep(5_000);
    });
    await Promise.all([slow(), slow(), slow()]);
    expect(starts).toEqual([0, 1000, 2000]);
  });

  it('measures from the previous real start: timers firing late, or early, never bunch two starts', async () => {
    // A busy machine: timers fire only when the test says, every one pending at once.
    let time = 0;
    let timers: (() => void)[] = [];
    const busy: Clock = { now: () => time, sleep: () => new Promise((wake) => timers.push(wake)) };
    const fireAt = async (at: number) => {
      time = at;
      const due = timers;
      timers = [];
      due.forEach((wake) => wake());
      await new Promise(setImmediate);
    };
    const limiter = new RateLimiter(1, busy);
    const starts: number[] = [];
    const all = Promise.all(Array.from({ length: 3 }, () => limiter.schedule(async () => void starts.push(time))));
    await fireAt(0);
    // Late enough for the third too, had it been given a time of its own when it came.
    await fireAt(2100);
    await fireAt(2200);
    expect(starts).toEqual([0, 2100]);
    await fireAt(3100);
    await all;
    expect(starts).toEqual([0, 2100, 3100]);
  });

  it('starts at once when the last start is long enough ago, and rounds the interval up', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter(3, clock);
    const starts: number[] = [];
    const task = async () => void starts.push(clock.now());
    await limiter.schedule(task);
    await limiter.schedule(task);
    clock.advance(10_000);
    await limiter.schedule(task);
    await limiter.schedule(task);
    expect(starts).toEqual([0, 334, 10_334, 10_668]);
  });

  it('answers what the task answers and lets its failure through, the pace kept for the next one', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter(2, clock);
    await expect(limiter.schedule(async () => 'done')).resolves.toBe('done');
    await expect(limiter.schedule(() => Promise.reject(new Error('partner down')))).rejects.toThrow('partner down');
    await limiter.schedule(async () => expect(clock.now()).toBe(1000));
  });
});
