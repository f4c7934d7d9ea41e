/** A clock whose sleep returns at once and moves time forward, so retry tests take milliseconds. */
// @ts-nocheck

export interface FakeTime {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Every sleep asked for, in order. */
  sleeps: number[];
}

export function createFakeTime(start = 1_000_000): FakeTime {
  let current = start;
  const sleeps: number[] = [];
  return {
    now: () => current,
    sleep: (ms) => {
      sleeps.push(ms);
      current += ms;
      return Promise.resolve();
    },
    sleeps,
  };
}
