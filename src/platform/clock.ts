/**
 * The one place the platform reads the time. Business rules take `now` as an argument;
 * use cases get it from the clock on their request context. Tests (and the test-only clock
 * route) set and move a ManualClock instead of waiting for real time.
 */
export interface Clock {
  now(): Date;
  /** A clock kept outside the process (the shared test clock) catches up before each API request and each round of jobs. */
  refresh?(): Promise<void>;
}

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string | number = new Date()) {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string | number): void {
    this.current = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
