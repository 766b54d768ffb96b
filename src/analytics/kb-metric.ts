import type { Deps } from '../platform/context.js';
import type { ExternalMetric, Figures } from './metrics.registry.js';

/**
 * Knowledge-base use. Article views are an all-time counter per article (the KB keeps no view
 * log yet), so `kb_views` is the total to date whatever the period; "was this helpful?" votes
 * are dated and counted in the period. Neither belongs to a ticket, so only the total line has
 * them. Read-only aggregate over the KB's tables until the KB exports a function for it.
 */
export const kbUseMetric: ExternalMetric = {
  key: 'kb',
  columns: ['kb_views', 'kb_feedback_count', 'kb_helpful_share'],
  available: true,
  async collect(deps: Deps, period) {
    const db = deps.db.kysely;
    const views = await db.selectFrom('kb_articles').select((eb) => eb.fn.sum<number>('view_count').as('n')).executeTakeFirst();
    const votes = await db
      .selectFrom('kb_feedback')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('helpful').as('helpful')])
      .where('created_at', '>=', period.from.toISOString())
      .where('created_at', '<', period.to.toISOString())
      .executeTakeFirst();
    const n = Number(votes?.n ?? 0);
    const figures: Figures = { kb_views: Number(views?.n ?? 0), kb_feedback_count: n, kb_helpful_share: n > 0 ? Number(votes?.helpful ?? 0) / n : 0 };
    return new Map([['*', figures]]);
  },
};
