import type { Kysely } from 'kysely';
import { diff, recordAudit } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/principal.js';
import { inTransaction, type Deps } from '../platform/context.js';
import type { Database } from '../platform/db/tables.js';
import { AppError, notFound, type FieldError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { parseClockTime } from './calendar.js';
import { holidayChoices, holidaySourceProblems, type HolidaySource } from './holidays.js';
import type { Calendar, CreateCalendarInput, UpdateCalendarInput } from './sla.schema.js';
import type { SlaCalendarRow } from './sla.tables.js';
import {
  clearDefaultCalendar,
  deleteCalendarRow,
  findCalendarByName,
  findCalendarRow,
  insertCalendar,
  listCalendarRows,
  policiesUsingCalendar,
  updateCalendarRow,
} from './sla.store.js';
import { isValidTimeZone } from './zone.js';
import { scheduleRecompute, slaSettingsChanged } from './sla.settings.js';

type Hours = CreateCalendarInput['hours'];

/** Field-level problems of a calendar: unknown zone, impossible or overlapping hours, unknown holiday source. */
export function calendarProblems(input: { timeZone: string; hours: Hours; holidays?: HolidaySource }): FieldError[] {
  const problems: FieldError[] = [];
  if (!isValidTimeZone(input.timeZone)) problems.push({ path: 'timeZone', message: 'is not an IANA time zone (e.g. Europe/Berlin)' });
  const intervals = input.hours.map((h, index) => ({ index, day: h.day, start: parseClockTime(h.start), end: parseClockTime(h.end) }));
  for (const h of intervals) {
    if (h.start === undefined || h.start >= 1440) problems.push({ path: `hours.${h.index}.start`, message: 'is not a time of day' });
    else if (h.end === undefined) problems.push({ path: `hours.${h.index}.end`, message: 'is not a time of day' });
    else if (h.end <= h.start) problems.push({ path: `hours.${h.index}.end`, message: 'must be after start' });
  }
  const valid = intervals.filter((h) => h.start !== undefined && h.end !== undefined && h.end > h.start);
  valid.sort((a, b) => a.day - b.day || a.start! - b.start!);
  for (let i = 1; i < valid.length; i += 1) {
    const previous = valid[i - 1]!;
    const current = valid[i]!;
    if (previous.day === current.day && current.start! < previous.end!) {
      problems.push({ path: `hours.${current.index}`, message: `overlaps hours.${previous.index}` });
    }
  }
  if (input.holidays) problems.push(...holidaySourceProblems(input.holidays, 'holidays'));
  return problems;
}

function toCalendar(row: SlaCalendarRow): Calendar {
  const holidays = JSON.parse(row.holidays) as HolidaySource;
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    hours: JSON.parse(row.hours) as Hours,
    holidays: { country: holidays.country ?? null, state: holidays.state ?? null, region: holidays.region ?? null, dates: holidays.dates ?? [] },
    isDefault: row.is_default === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function normaliseHolidays(h: HolidaySource | undefined): HolidaySource {
  return {
    country: h?.country ? h.country.toUpperCase() : null,
    state: h?.state ? h.state.toUpperCase() : null,
    region: h?.region ? h.region.toUpperCase() : null,
    dates: [...new Set(h?.dates ?? [])].sort(),
  };
}

async function assertNameFree(db: Kysely<Database>, name: string, selfId?: string): Promise<void> {
  const other = await findCalendarByName(db, name);
  if (other && other.id !== selfId) throw new AppError('already_exists', `A calendar named ${name} already exists`, { fields: [{ path: 'name', message: 'is taken' }] });
}

function assertValid(problems: FieldError[]): void {
  if (problems.length > 0) throw new AppError('validation_failed', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { fields: problems });
}

/** The countries, a country's states, or a state's regions a calendar can take holidays from. */
export function holidayRegions(country?: string, state?: string): { items: Array<{ code: string; name: string }> } {
  const fail = (path: string, message: string) => new AppError('validation_failed', `${path}: ${message}`, { fields: [{ path, message }] });
  if (state && !country) throw fail('querystring.state', 'needs a country');
  if (country && !holidayChoices(country)) throw fail('querystring.country', 'is not a country date-holidays knows');
  const items = holidayChoices(country, state);
  if (!items) throw fail('querystring.state', `is not a state of ${country}`);
  return { items };
}

export async function listCalendars(deps: Deps): Promise<{ items: Calendar[] }> {
  return { items: (await listCalendarRows(deps.db.kysely)).map(toCalendar) };
}

export async function getCalendar(deps: Deps, id: string): Promise<Calendar> {
  const row = await findCalendarRow(deps.db.kysely, id);
  if (!row) throw notFound('Calendar');
  return toCalendar(row);
}

/** Creates a business-hours calendar. */
export async function createCalendar(deps: Deps, actor: Actor, input: CreateCalendarInput): Promise<Calendar> {
  assertValid(calendarProblems(input));
  const now = deps.clock.now().toISOString();
  const row: SlaCalendarRow = {
    id: newId(),
    name: input.name,
    time_zone: input.timeZone,
    hours: JSON.stringify(input.hours),
    holidays: JSON.stringify(normaliseHolidays(input.holidays)),
    is_default: input.isDefault ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  await inTransaction(deps, async (trx) => {
    await assertNameFree(trx, row.name);
    await insertCalendar(trx, row);
    if (input.isDefault) await clearDefaultCalendar(trx, row.id);
    await recordAudit(trx, deps.clock, { actor, action: 'sla_calendar.created', entityType: 'sla_calendar', entityId: row.id, changes: { after: toCalendar(row) } });
    if (input.isDefault) await scheduleRecompute(deps, trx);
  });
  slaSettingsChanged(deps);
  return toCalendar(row);
}

/** Changes a calendar; open tickets on it get their due times recomputed. */
export async function updateCalendar(deps: Deps, actor: Actor, id: string, input: UpdateCalendarInput): Promise<Calendar> {
  const updated = await inTransaction(deps, async (trx) => {
    const current = await findCalendarRow(trx, id);
    if (!current) throw notFound('Calendar');
    const before = toCalendar(current);
    const next = {
      name: input.name ?? before.name,
      timeZone: input.timeZone ?? before.timeZone,
      hours: input.hours ?? before.hours,
      holidays: input.holidays ? normaliseHolidays(input.holidays) : before.holidays,
      isDefault: input.isDefault ?? before.isDefault,
    };
    assertValid(calendarProblems(next));
    if (next.name !== before.name) await assertNameFree(trx, next.name, id);
    const row: SlaCalendarRow = {
      ...current,
      name: next.name,
      time_zone: next.timeZone,
      hours: JSON.stringify(next.hours),
      holidays: JSON.stringify(next.holidays),
      is_default: next.isDefault ? 1 : 0,
      updated_at: deps.clock.now().toISOString(),
    };
    const changes = diff(before as unknown as Record<string, unknown>, toCalendar(row) as unknown as Record<string, unknown>);
    if (!changes || Object.keys(changes.after ?? {}).every((k) => k === 'updatedAt')) return before;
    await updateCalendarRow(trx, id, row);
    if (next.isDefault) await clearDefaultCalendar(trx, id);
    await recordAudit(trx, deps.clock, { actor, action: 'sla_calendar.updated', entityType: 'sla_calendar', entityId: id, changes });
    await scheduleRecompute(deps, trx);
    return toCalendar(row);
  });
  slaSettingsChanged(deps);
  return updated;
}

/** Deletes a calendar no policy uses (409 naming the policies otherwise). */
export async function deleteCalendar(deps: Deps, actor: Actor, id: string): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const current = await findCalendarRow(trx, id);
    if (!current) throw notFound('Calendar');
    const users = await policiesUsingCalendar(trx, id);
    if (users.length > 0) {
      throw new AppError('sla_calendar_in_use', `Policies ${users.map((p) => p.name).join(', ')} use this calendar`, { policies: users.map((p) => p.id) });
    }
    await deleteCalendarRow(trx, id);
    await recordAudit(trx, deps.clock, { actor, action: 'sla_calendar.deleted', entityType: 'sla_calendar', entityId: id, changes: { before: toCalendar(current) } });
    if (current.is_default === 1) await scheduleRecompute(deps, trx);
  });
  slaSettingsChanged(deps);
}
