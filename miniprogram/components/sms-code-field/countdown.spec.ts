import { Countdown, secondsLeft } from './countdown';

describe('countdown', () => {
  it('rounds up, never below zero', () => {
    expect(secondsLeft(60_000, 0)).toBe(60);
    expect(secondsLeft(60_000, 59_001)).toBe(1);
    expect(secondsLeft(60_000, 60_000)).toBe(0);
    expect(secondsLeft(60_000, 90_000)).toBe(0);
  });

  it('ticks every second from the clock and stops at zero', () => {
    jest.useFakeTimers();
    try {
      const ticks: number[] = [];
      const countdown = new Countdown((seconds) => ticks.push(seconds), () => Date.now());
      countdown.start(3);
      jest.advanceTimersByTime(5000);
      expect(ticks).toEqual([3, 2, 1, 0]);
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows the right number after the phone paused the timers', () => {
    let now = 0;
    jest.useFakeTimers();
    try {
      const ticks: number[] = [];
      const countdown = new Countdown((seconds) => ticks.push(seconds), () => now);
      countdown.start(60);
      now = 45_000; // 45 s in the background, one tick delivered on return
      jest.advanceTimersByTime(1000);
      expect(ticks).toEqual([60, 15]);
      countdown.stop();
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
