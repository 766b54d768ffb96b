/** The one source of time. Tests move a ManualClock instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until a test moves it. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-01-05T09:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(iso: string | Date): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** The stored form of a time: ISO-8601 UTC with milliseconds. */
export const isoNow = (clock: Clock): string => clock.now().toISOString();
