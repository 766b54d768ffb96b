import { matchArticles, type ArticleMatch } from '../kb/match.service.js';
import { loggedSearches } from '../kb/search-log.js';
import type { Deps } from '../platform/context.js';
import { recentReports } from '../tickets/history.service.js';
import { titleFromSubject } from './article-draft.service.js';
import { clusterTexts, type ClusterInput } from './cluster.js';
import type { Gap, GapReport, GapsFilter } from './gaps.schema.js';

/**
 * The knowledge-gap report: recent tickets and logged searches whose best article covers too
 * little of what they ask (see match.service.ts for coverage), clustered by the words they
 * share. Every text is matched against the articles as they are now, so an article written
 * last week closes the gaps it answers at once. Bounded: the newest tickets and the most asked
 * searches of the window only.
 */

/** Texts examined at most per kind: about a millisecond of matching each. */
const MAX_TICKETS = 2_000;
const MAX_SEARCHES = 1_000;
const SAMPLES = 5;

interface GapItem extends ClusterInput {
  sample: Gap['samples'][number];
  kind: 'ticket' | 'search';
  best: ArticleMatch | undefined;
}

/** Clusters of recent tickets and searches no article answers well, largest first. */
export async function gapReport(deps: Deps, filter: GapsFilter): Promise<GapReport> {
  const since = new Date(deps.clock.now().getTime() - filter.days * 86_400_000).toISOString();
  const [tickets, searches] = await Promise.all([recentReports(deps, since, MAX_TICKETS), loggedSearches(deps, since, MAX_SEARCHES)]);
  const items: GapItem[] = [];
  for (const t of tickets) {
    const [best] = await matchArticles(deps, { head: t.subject, body: t.report }, { limit: 1 });
    if ((best?.coverage ?? 0) >= filter.coverageBelow) continue;
    items.push({ head: t.subject, body: t.report, weight: 1, kind: 'ticket', best, sample: { type: 'ticket', id: t.id, number: t.number, text: t.subject, status: t.status } });
  }
  for (const s of searches) {
    const [best] = await matchArticles(deps, { head: s.query }, { limit: 1 });
    if ((best?.coverage ?? 0) >= filter.coverageBelow) continue;
    items.push({ head: s.query, weight: s.count, kind: 'search', best, sample: { type: 'search', text: s.query, count: s.count } });
  }
  const gaps = clusterTexts(items)
    .filter((c) => c.weight >= filter.minCount)
    .sort((a, b) => b.weight - a.weight || b.members.length - a.members.length)
    .slice(0, filter.limit)
    .map((c): Gap => {
      const members = c.members.map((i) => items[i]);
      const closest = members.reduce<ArticleMatch | undefined>((acc, m) => (m.best && (!acc || m.best.coverage > acc.coverage) ? m.best : acc), undefined);
      const representative = items[c.representative];
      return {
        count: c.weight,
        tickets: members.filter((m) => m.kind === 'ticket').length,
        searches: members.filter((m) => m.kind === 'search').reduce((n, m) => n + m.weight, 0),
        suggestedTitle: titleFromSubject(representative.head),
        terms: c.terms,
        samples: [representative, ...members.filter((m) => m !== representative)].slice(0, SAMPLES).map((m) => m.sample),
        closestArticle: closest ? { id: closest.id, title: closest.title, coverage: closest.coverage } : null,
      };
    });
  return { since, examined: { tickets: tickets.length, searches: searches.length, unanswered: items.length }, items: gaps };
}
