import type { Kysely } from 'kysely';
import { PerDatabaseCache } from '../platform/cache.js';
import type { Deps } from '../platform/context.js';
import type { Database } from '../platform/db/tables.js';
import { AROUND_THE_CLOCK, BusinessCalendar, calendarClock, parseClockTime, type OpenInterval, type SlaClock } from './calendar.js';
import { closedDates, type HolidaySource } from './holidays.js';
import type { AppliedTargets } from './sla.engine.js';
import type { CreateCalendarInput, EscalationInput, PolicyConditionsInput, TierTargetsInput } from './sla.schema.js';
import type { SlaCalendarRow } from './sla.tables.js';
import { listCalendarRows, listPolicyRows, organisationPlan } from './sla.store.js';

/** Built-in targets per tier (priority 1 … 4), in minutes: 1 h / 4 h, 4 h / 24 h, 24 h / 72 h, 48 h / 1 week. */
export const DEFAULT_TARGETS: Record<number, TierTargetsInput> = {
  1: { firstResponseMinutes: 60, resolutionMinutes: 4 * 60 },
  2: { firstResponseMinutes: 4 * 60, resolutionMinutes: 24 * 60 },
  3: { firstResponseMinutes: 24 * 60, resolutionMinutes: 72 * 60 },
  4: { firstResponseMinutes: 48 * 60, resolutionMinutes: 7 * 24 * 60 },
};
export const DEFAULT_WARN_PERCENT = 75;
export const RECOMPUTE_JOB = 'sla.recompute';

export interface ParsedPolicy {
  id: string;
  name: string;
  conditions: PolicyConditionsInput;
  targets: Partial<Record<string, TierTargetsInput>>;
  calendarId: string | null;
  warnPercent: number;
  escalation: EscalationInput;
}

export interface SlaSettings {
  policies: ParsedPolicy[];
  clocks: Map<string, SlaClock>;
  defaultCalendarId: string | null;
}

/** What policy matching looks at. */
export interface TicketFacts {
  priority: number;
  group_id: string | null;
  organisation_id: string | null;
  channel: string;
}

/**
 * Policies and calendars are read on every ticket write, so they are cached per process for a few
 * seconds; a change on this node clears the cache at once, other nodes see it within the TTL
 * (and the recompute job it schedules brings their tickets up to date).
 */
const cache = new PerDatabaseCache<SlaSettings>(5_000);

export function slaSettingsChanged(deps: Deps): void {
  cache.clear(deps.db);
}

/** Enqueues (once) the job that recomputes the due times of every open ticket, with the caller's transaction. */
export async function scheduleRecompute(deps: Deps, trx: Kysely<Database>): Promise<void> {
  await deps.jobs.enqueue(RECOMPUTE_JOB, { afterId: '' }, { key: 'all', replace: true, trx });
}

export const loadSettings = (deps: Deps, db: Kysely<Database>): Promise<SlaSettings> => cache.get(deps.db, () => readSettings(db));

async function readSettings(db: Kysely<Database>): Promise<SlaSettings> {
  const [policyRows, calendarRows] = await Promise.all([listPolicyRows(db), listCalendarRows(db)]);
  const clocks = new Map<string, SlaClock>();
  for (const row of calendarRows) clocks.set(row.id, calendarClock(compileCalendar(row)));
  return {
    policies: policyRows
      .filter((r) => r.active === 1)
      .map((r) => ({
        id: r.id,
        name: r.name,
        conditions: JSON.parse(r.conditions),
        targets: JSON.parse(r.targets),
        calendarId: r.calendar_id,
        warnPercent: r.warn_percent,
        escalation: JSON.parse(r.escalation),
      })),
    clocks,
    defaultCalendarId: calendarRows.find((r) => r.is_default === 1)?.id ?? null,
  };
}

/** The arithmetic object for a stored calendar. */
export function compileCalendar(row: SlaCalendarRow): BusinessCalendar {
  const hours: OpenInterval[] = (JSON.parse(row.hours) as CreateCalendarInput['hours']).map((h) => ({ day: h.day, startMinute: parseClockTime(h.start)!, endMinute: parseClockTime(h.end)! }));
  const source = JSON.parse(row.holidays) as HolidaySource;
  return new BusinessCalendar({ timeZone: row.time_zone, hours, closedDates: (year) => closedDates(source, year) });
}

const holds = <T>(list: T[] | undefined, value: T | null) => !list || list.length === 0 || (value !== null && list.includes(value));

/** The first active policy, in admin order, whose conditions all hold for the ticket. */
export function matchPolicy(settings: SlaSettings, facts: TicketFacts, plan: string | null): ParsedPolicy | undefined {
  return settings.policies.find(
    (p) =>
      holds(p.conditions.tiers, facts.priority) &&
      holds(p.conditions.groupIds, facts.group_id) &&
      holds(p.conditions.organisationIds, facts.organisation_id) &&
      holds(p.conditions.plans, plan) &&
      holds(p.conditions.channels, facts.channel),
  );
}

/** The clock of a calendar id (around the clock for null or a calendar deleted meanwhile). */
export const clockOf = (settings: SlaSettings, calendarId: string | null): SlaClock =>
  (calendarId && settings.clocks.get(calendarId)) || AROUND_THE_CLOCK;

/** Targets for a ticket: from the matching policy, else the built-in tier defaults (Tier 1 around the clock). */
export function targetsFor(settings: SlaSettings, facts: TicketFacts, plan: string | null): AppliedTargets & { policy?: ParsedPolicy } {
  const tier = Math.min(4, Math.max(1, facts.priority));
  const policy = matchPolicy(settings, facts, plan);
  const tierTargets = policy?.targets[String(tier)] ?? DEFAULT_TARGETS[tier]!;
  const calendarId = policy ? policy.calendarId : tier === 1 ? null : settings.defaultCalendarId;
  const resolvedCalendar = calendarId && settings.clocks.has(calendarId) ? calendarId : null;
  return {
    policy,
    policyId: policy?.id ?? null,
    policyName: policy?.name ?? 'Default',
    calendarId: resolvedCalendar,
    clock: clockOf(settings, resolvedCalendar),
    warnPercent: policy?.warnPercent ?? DEFAULT_WARN_PERCENT,
    firstResponseMinutes: tierTargets.firstResponseMinutes,
    resolutionMinutes: tierTargets.resolutionMinutes,
    nextReplyMinutes: tierTargets.nextReplyMinutes ?? null,
  };
}

/** Loads the settings and the organisation's plan, then resolves the ticket's targets. */
export async function resolveTargets(deps: Deps, db: Kysely<Database>, facts: TicketFacts): Promise<{ settings: SlaSettings; targets: ReturnType<typeof targetsFor> }> {
  const settings = await loadSettings(deps, db);
  const needsPlan = settings.policies.some((p) => p.conditions.plans && p.conditions.plans.length > 0);
  const plan = needsPlan ? await organisationPlan(db, facts.organisation_id) : null;
  return { settings, targets: targetsFor(settings, facts, plan) };
}
