import { sql } from 'kysely';
import type { Deps } from '../platform/context.js';
import { deflectionSummary } from '../portal/portal.service.js';
import type { DimOrAll } from './contribution.js';
import type { ExternalMetric, Figures } from './metrics.registry.js';

const TICKET_COLUMN: Record<Exclude<DimOrAll, 'all'>, string> = {
  tier: 'priority',
  channel: 'channel',
  category: 'category',
  group: 'group_id',
  agent: 'assignee_id',
  organisation: 'organisation_id',
};

/**
 * CSAT from answered surveys, counted in the period the customer answered, broken down by the
 * rated ticket's current dimensions. Surveys are one per solved ticket, far fewer than tickets,
 * so this reads them directly instead of keeping a rollup. Figures: count, mean 1–5, share of
 * 4–5, and the standard deviation (the CSAT monitor's significance test needs it).
 */
export const csatMetric: ExternalMetric = {
  key: 'csat',
  columns: ['csat_count', 'csat_avg', 'csat_share_4_5', 'csat_sd'],
  available: true,
  async collect(deps: Deps, period, by) {
    const key = by === 'all' ? sql<string>`''` : sql<string>`coalesce(cast(${sql.ref(`t.${TICKET_COLUMN[by]}`)} as text), '')`;
    const rows = await deps.db.kysely
      .selectFrom('csat_surveys as s')
      .innerJoin('tickets as t', 't.id', 's.ticket_id')
      .select((eb) => [
        key.as('value'),
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('s.rating').as('sum'),
        eb.fn.sum<number>(sql`s.rating * s.rating`).as('squares'),
        eb.fn.sum<number>(eb.case().when('s.rating', '>=', 4).then(1).else(0).end()).as('satisfied'),
      ])
      .where('s.rating', 'is not', null)
      .where('s.answered_at', '>=', period.from.toISOString())
      .where('s.answered_at', '<', period.to.toISOString())
      .groupBy(sql`1`)
      .execute();
    const out = new Map<string, Figures>();
    const total = { n: 0, sum: 0, squares: 0, satisfied: 0 };
    for (const r of rows) {
      const f = { n: Number(r.n), sum: Number(r.sum), squares: Number(r.squares), satisfied: Number(r.satisfied) };
      out.set(String(r.value), figures(f));
      for (const k of ['n', 'sum', 'squares', 'satisfied'] as const) total[k] += f[k];
    }
    out.set('*', figures(total));
    return out;
  },
};

function figures(f: { n: number; sum: number; squares: number; satisfied: number }): Figures {
  if (f.n === 0) return { csat_count: 0, csat_avg: 0, csat_share_4_5: 0, csat_sd: 0 };
  const mean = f.sum / f.n;
  const variance = f.n > 1 ? Math.max(0, (f.squares - f.n * mean * mean) / (f.n - 1)) : 0;
  return { csat_count: f.n, csat_avg: mean, csat_share_4_5: f.satisfied / f.n, csat_sd: Math.sqrt(variance) };
}

/** Portal deflection: visits shown suggestions, and those that opened an article and no ticket (total only). */
export const deflectionMetric: ExternalMetric = {
  key: 'deflection',
  columns: ['deflection_sessions', 'deflected', 'deflection_rate'],
  available: true,
  async collect(deps: Deps, period) {
    const s = await deflectionSummary(deps, period.from.toISOString(), period.to.toISOString());
    return new Map([['*', { deflection_sessions: s.visitsWithSuggestions, deflected: s.deflected, deflection_rate: s.deflectionRate ?? 0 }]]);
  },
};
