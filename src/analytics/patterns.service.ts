import type { Deps } from '../platform/context.js';
import { sumRollups } from './analytics.store.js';
import { DAY_MS, HOUR_MS } from './buckets.js';
import { createdPerHour } from './forecast.service.js';
import type { Period } from './period.js';

const WEEK_MS = 7 * DAY_MS;

/** Mean tickets per hour of the day and per day of the week (UTC) over the last whole `weeks`. */
export async function seasonality(deps: Deps, weeks: number) {
  const endMs = Math.floor(deps.clock.now().getTime() / DAY_MS) * DAY_MS;
  const hours = weeks * 168;
  const series = await createdPerHour(deps, endMs, hours);
  const startMs = endMs - hours * HOUR_MS;
  const byHour = new Array<number>(24).fill(0);
  const byDay = new Array<number>(7).fill(0);
  series.forEach((n, i) => {
    const at = new Date(startMs + i * HOUR_MS);
    byHour[at.getUTCHours()] += n;
    byDay[at.getUTCDay()] += n;
  });
  return { weeks, byHourOfDay: byHour.map((n) => n / (weeks * 7)), byDayOfWeek: byDay.map((n) => n / weeks) };
}

export interface GrowingIssue {
  category: string;
  lastWeek: number;
  previousWeek: number;
  /** lastWeek / previousWeek − 1 (previous week 0 counts as 1 so a new issue still ranks). */
  growth: number;
  /** Tickets per week, oldest first, over `weeks` weeks. */
  trend: number[];
}

/**
 * Recurring issues that grow: categories whose tickets rose week over week (the last seven whole
 * days against the seven before), with at least `minTickets` last week, biggest rise first.
 */
export async function growingIssues(deps: Deps, weeks: number, minTickets = 5): Promise<GrowingIssue[]> {
  const endMs = Math.floor(deps.clock.now().getTime() / DAY_MS) * DAY_MS;
  const span = Math.max(2, weeks);
  const perWeek = new Map<string, number[]>();
  for (let w = 0; w < span; w++) {
    const from = new Date(endMs - (span - w) * WEEK_MS).toISOString();
    const to = new Date(endMs - (span - w - 1) * WEEK_MS).toISOString();
    for (const row of await sumRollups(deps.db.kysely, { dim: 'category', ranges: [['day', from, to]] })) {
      const trend = perWeek.get(row.value) ?? new Array<number>(span).fill(0);
      trend[w] = row.created;
      perWeek.set(row.value, trend);
    }
  }
  const issues: GrowingIssue[] = [];
  for (const [category, trend] of perWeek) {
    const lastWeek = trend[span - 1];
    const previousWeek = trend[span - 2];
    if (lastWeek < minTickets || lastWeek <= previousWeek) continue;
    issues.push({ category, lastWeek, previousWeek, growth: lastWeek / Math.max(1, previousWeek) - 1, trend });
  }
  return issues.sort((a, b) => b.lastWeek - b.previousWeek - (a.lastWeek - a.previousWeek));
}

/**
 * Customers at risk in a period: many contacts, repeated escalations and reopens (and low CSAT
 * once surveys land). Score = contacts + 2 × escalated + 2 × reopened.
 */
export async function customersAtRisk(deps: Deps, period: Period, minContacts: number, limit: number) {
  const rows = await deps.db.kysely
    .selectFrom('tickets')
    .leftJoin('analytics_ticket_state as s', 's.ticket_id', 'tickets.id')
    .select((eb) => [
      'tickets.requester_id',
      eb.fn.max('tickets.organisation_id').as('organisation_id'),
      eb.fn.countAll<number>().as('contacts'),
      eb.fn.sum<number>(eb.case().when('s.escalations', '>', 0).then(1).else(0).end()).as('escalated'),
      eb.fn.sum<number>(eb.case().when('s.reopens', '>', 0).then(1).else(0).end()).as('reopened'),
    ])
    .where('tickets.created_at', '>=', period.from.toISOString())
    .where('tickets.created_at', '<', period.to.toISOString())
    .groupBy('tickets.requester_id')
    .having((eb) => eb.fn.countAll(), '>=', minContacts)
    .execute();
  return rows
    .map((r) => {
      const contacts = Number(r.contacts);
      const escalated = Number(r.escalated ?? 0);
      const reopened = Number(r.reopened ?? 0);
      return { customerId: r.requester_id, organisationId: r.organisation_id ?? null, contacts, escalated, reopened, csatAvg: null, score: contacts + 2 * escalated + 2 * reopened };
    })
    .sort((a, b) => b.score - a.score || a.customerId.localeCompare(b.customerId))
    .slice(0, limit);
}
