import { FakeClock } from './fake-clock';

describe('FakeClock', () => {
  it('stands still until something sleeps, then jumps to the wake-up time without really waiting', async () => {
    const clock = new FakeClock(1_000);
    expect(clock.now()).toBe(1_000);
    // An hour: really waited, it would outlast the test's timeout.
    await clock.sleep(3_600_000);
    expect(clock.now()).toBe(3_601_000);
  });

  it('wakes sleepers earliest first, each seeing its own wake-up time, equal ones in the order they slept', async () => {
    const clock = new FakeClock(0);
    const woke: string[] = [];
    const sleep = (name: string, ms: number) => clock.sleep(ms).then(() => woke.push(`${name}@${clock.now()}`));
    await Promise.all([sleep('c', 300), sleep('a', 100), sleep('b1', 200), sleep('b2', 200), sleep('now', 0)]);
    expect(woke).toEqual(['now@0', 'a@100', 'b1@200', 'b2@200', 'c@300']);
  });

  it('lets what a sleeper does on waking run at its wake-up time, before the next sleeper wakes', async () => {
    const clock = new FakeClock(0);
    const seen: number[] = [];
    const sleeper = async (ms: number) => {
      await clock.sleep(ms);
      await Promise.resolve();
      seen.push(clock.now());
    };
    await Promise.all([sleeper(10), sleeper(20)]);
    expect(seen).toEqual([10, 20]);
  });

  it('never goes back: advance moves time on, and a sleep that was due by then ends at the later time', async () => {
    const clock = new FakeClock(0);
    const sleeping = clock.sleep(100);
    clock.advance(500);
    await sleeping;
    expect(clock.now()).toBe(500);
  });
});
