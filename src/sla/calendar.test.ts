import { describe, expect, it } from 'vitest';
import { BusinessCalendar, parseClockTime } from './calendar.js';
import { closedDates, type HolidaySource } from './holidays.js';
import { calendarProblems } from './calendars.service.js';
import { localDay, wallToInstant, zoneOffset } from './zone.js';

const H = 3_600_000;
const t = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

function weekdays(zone: string, start: string, end: string, holidays: HolidaySource = {}): BusinessCalendar {
  const hours = [1, 2, 3, 4, 5].map((day) => ({ day, startMinute: parseClockTime(start)!, endMinute: parseClockTime(end)! }));
  return new BusinessCalendar({ timeZone: zone, hours, closedDates: (year) => closedDates(holidays, year) });
}

describe('zone offsets from Intl', () => {
  it('knows both sides of a DST change and resolves skipped and repeated wall times', () => {
    expect(zoneOffset('Europe/Berlin', t('2026-03-29T00:59:00Z'))).toBe(1 * H);
    expect(zoneOffset('Europe/Berlin', t('2026-03-29T01:00:00Z'))).toBe(2 * H);
    // 02:30 does not exist on the spring-forward night: it becomes 03:30 CEST.
    expect(iso(wallToInstant('Europe/Berlin', t('2026-03-29T02:30:00Z')))).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on the fall-back night: the first one counts.
    expect(iso(wallToInstant('Europe/Berlin', t('2026-10-25T02:30:00Z')))).toBe('2026-10-25T00:30:00.000Z');
    expect(zoneOffset('Australia/Lord_Howe', t('2026-07-01T00:00:00Z'))).toBe(10.5 * H);
    expect(localDay('America/New_York', t('2026-01-06T03:00:00Z'))).toBe(Math.floor(t('2026-01-05T00:00:00Z') / 86_400_000));
  });
});

describe('business hours in Europe/Berlin (Mon–Fri 09:00–17:00, public holidays of Germany)', () => {
  const cal = weekdays('Europe/Berlin', '09:00', '17:00', { country: 'DE' });

  it('carries a target over the weekend', () => {
    // Friday 16:00 CET + 4 h = Friday 1 h + Monday 09:00–12:00.
    expect(iso(cal.addBusinessTime(t('2026-01-09T15:00:00Z'), 4 * H))).toBe('2026-01-12T11:00:00.000Z');
  });

  it('starts a ticket that arrives out of hours at the next opening', () => {
    expect(iso(cal.addBusinessTime(t('2026-01-10T09:00:00Z'), 4 * H))).toBe('2026-01-12T12:00:00.000Z');
    expect(iso(cal.addBusinessTime(t('2026-01-13T05:00:00Z'), 1 * H))).toBe('2026-01-13T09:00:00.000Z');
  });

  it('skips Good Friday and Easter Monday', () => {
    // Thursday 2 April 16:00 CEST + 4 h: Thursday 1 h, Friday and Monday closed, Tuesday 09:00–12:00 CEST.
    expect(iso(cal.addBusinessTime(t('2026-04-02T14:00:00Z'), 4 * H))).toBe('2026-04-07T10:00:00.000Z');
  });

  it('counts in local hours across the spring-forward weekend', () => {
    // Friday 27 March 16:00 CET + 4 h ends Monday 12:00, which is CEST by then (10:00 UTC, not 11:00).
    expect(iso(cal.addBusinessTime(t('2026-03-27T15:00:00Z'), 4 * H))).toBe('2026-03-30T10:00:00.000Z');
    expect(cal.businessTimeBetween(t('2026-03-27T15:00:00Z'), t('2026-03-30T10:00:00Z'))).toBe(4 * H);
  });

  it('gives a DST day its real length on a calendar open all day', () => {
    const allDay = new BusinessCalendar({
      timeZone: 'Europe/Berlin',
      hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, startMinute: 0, endMinute: 1440 })),
      closedDates: () => new Set(),
    });
    expect(allDay.businessTimeBetween(t('2026-03-28T23:00:00Z'), t('2026-03-29T22:00:00Z'))).toBe(23 * H);
    expect(allDay.businessTimeBetween(t('2026-10-24T22:00:00Z'), t('2026-10-25T23:00:00Z'))).toBe(25 * H);
    expect(iso(allDay.addBusinessTime(t('2026-03-28T12:00:00Z'), 24 * H))).toBe('2026-03-29T12:00:00.000Z');
  });

  it('honours custom closed dates and split shifts', () => {
    const split = new BusinessCalendar({
      timeZone: 'Europe/Berlin',
      hours: [1, 2, 3, 4, 5].flatMap((day) => [
        { day, startMinute: 8 * 60, endMinute: 12 * 60 },
        { day, startMinute: 13 * 60, endMinute: 17 * 60 },
      ]),
      closedDates: (year) => closedDates({ dates: ['2026-01-13'] }, year),
    });
    // Monday 11:00 CET + 3 h: 11–12, 13–15 Monday.
    expect(iso(split.addBusinessTime(t('2026-01-12T10:00:00Z'), 3 * H))).toBe('2026-01-12T14:00:00.000Z');
    // Monday 16:00 + 2 h: 16–17 Monday, Tuesday closed, Wednesday 08:00–09:00.
    expect(iso(split.addBusinessTime(t('2026-01-12T15:00:00Z'), 2 * H))).toBe('2026-01-14T08:00:00.000Z');
  });
});

describe('business hours in America/New_York (Mon–Fri 08:00–18:00, US public holidays)', () => {
  const cal = weekdays('America/New_York', '08:00', '18:00', { country: 'US' });

  it('skips Thanksgiving', () => {
    // Wednesday 25 Nov 17:00 EST + 8 h: 1 h Wednesday, Thursday closed, Friday 08:00–15:00 EST.
    expect(iso(cal.addBusinessTime(t('2026-11-25T22:00:00Z'), 8 * H))).toBe('2026-11-27T20:00:00.000Z');
  });

  it('counts across the fall-back weekend', () => {
    // Friday 30 Oct 17:00 EDT + 4 h: 1 h Friday, Monday 08:00–11:00 EST (UTC−5 by then).
    expect(iso(cal.addBusinessTime(t('2026-10-30T21:00:00Z'), 4 * H))).toBe('2026-11-02T16:00:00.000Z');
  });

  it('counts across the spring-forward weekend', () => {
    // Friday 6 March 17:00 EST + 2 h: 1 h Friday, Monday 08:00–09:00 EDT (UTC−4).
    expect(iso(cal.addBusinessTime(t('2026-03-06T22:00:00Z'), 2 * H))).toBe('2026-03-09T13:00:00.000Z');
  });
});

describe('business hours in Australia/Sydney (Mon–Fri 09:00–17:00, NSW public holidays)', () => {
  const cal = weekdays('Australia/Sydney', '09:00', '17:00', { country: 'AU', state: 'NSW' });

  it('skips Easter and the end of daylight saving', () => {
    // Thursday 2 April 16:00 AEDT + 4 h: 1 h Thursday; Good Friday, weekend, Easter Monday closed; Tuesday 09:00–12:00 AEST (UTC+10).
    expect(iso(cal.addBusinessTime(t('2026-04-02T05:00:00Z'), 4 * H))).toBe('2026-04-07T02:00:00.000Z');
  });

  it('skips Labour Day at the start of daylight saving', () => {
    // Friday 2 Oct 16:00 AEST + 4 h: 1 h Friday; Monday 5 Oct is Labour Day; Tuesday 09:00–12:00 AEDT (UTC+11).
    expect(iso(cal.addBusinessTime(t('2026-10-02T06:00:00Z'), 4 * H))).toBe('2026-10-06T01:00:00.000Z');
  });
});

describe('calendar validation', () => {
  it('names each impossible field', () => {
    const problems = calendarProblems({
      timeZone: 'Mars/Olympus_Mons',
      hours: [
        { day: 1, start: '09:00', end: '17:00' },
        { day: 1, start: '16:00', end: '18:00' },
        { day: 2, start: '17:00', end: '09:00' },
        { day: 3, start: '24:00', end: '24:00' },
      ],
      holidays: { country: 'DE', state: 'XX' },
    });
    expect(problems.map((p) => p.path).sort()).toEqual(['holidays.state', 'hours.1', 'hours.2.end', 'hours.3.start', 'timeZone']);
  });
});

describe('fast ISO formatting', () => {
  it('formats like Date.toISOString', async () => {
    const { iso: fast } = await import('./sla.engine.js');
    for (const ms of [0, 1, 999, 86_399_999, t('2026-03-29T01:00:00.007Z'), t('1969-12-31T23:59:59.999Z'), t('2099-02-28T12:34:56.789Z')]) {
      expect(fast(ms)).toBe(new Date(ms).toISOString());
    }
    for (let i = 0; i < 2000; i++) {
      const ms = Math.floor(Math.random() * 4_102_444_800_000);
      expect(fast(ms)).toBe(new Date(ms).toISOString());
    }
  });
});

describe('business-time arithmetic is consistent', () => {
  it('adds in steps as in one go, and measures back what it added', () => {
    const cal = weekdays('Australia/Sydney', '09:00', '17:00', { country: 'AU', state: 'NSW' });
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 500; i++) {
      const from = t('2026-01-01T00:00:00Z') + Math.floor(random() * 365 * 24) * H + Math.floor(random() * H);
      const x = Math.floor(random() * 40 * H);
      const y = Math.floor(random() * 40 * H);
      const whole = cal.addBusinessTime(from, x + y);
      expect(cal.addBusinessTime(cal.addBusinessTime(from, x), y)).toBe(whole);
      expect(cal.businessTimeBetween(from, whole)).toBe(x + y);
    }
  });
});
