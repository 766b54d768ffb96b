import type { Deps } from '../platform/context.js';
import { notFound } from '../platform/errors.js';
import type { GuideStats } from './guides.schema.js';
import { droppedByNode, expireIdleRuns, findGuideRow, reachedByNode, runTotals } from './guides.store.js';
import { parseNodes } from './guides.view.js';
import { RUN_TIMEOUT_MS } from './runs.service.js';

/**
 * Per-node figures of a guide over all its runs: how many runs reached each node, how many of
 * those ended solved or at "open a ticket", and how many were abandoned there (drop-off).
 * Nodes of the current tree come first in its order; nodes only older versions had follow.
 */
export async function guideStats(deps: Deps, guideId: string): Promise<GuideStats> {
  const guide = await findGuideRow(deps.db.kysely, guideId);
  if (!guide) throw notFound('Guide');
  const cutoff = new Date(deps.clock.now().getTime() - RUN_TIMEOUT_MS).toISOString();
  const [reached, dropped, totals] = await Promise.all([
    reachedByNode(deps.db.kysely, guideId),
    droppedByNode(deps.db.kysely, guideId, cutoff),
    runTotals(deps.db.kysely, guideId),
  ]);
  const nodes = parseNodes(guide.nodes);
  const known = new Set(nodes.map((n) => n.id));
  const ids = [...nodes.map((n) => n.id), ...reached.map((r) => r.node_id).filter((id) => !known.has(id))];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const reachedOf = new Map(reached.map((r) => [r.node_id, r]));
  const droppedOf = new Map(dropped.map((d) => [d.current_node_id, Number(d.dropped)]));
  const count = (status: string) => Number(totals.find((t) => t.status === status)?.runs ?? 0);
  return {
    guideId,
    runs: {
      total: totals.reduce((sum, t) => sum + Number(t.runs), 0),
      active: count('active'),
      solved: count('solved'),
      escalated: count('escalated'),
      abandoned: count('abandoned'),
      withTicket: totals.reduce((sum, t) => sum + Number(t.with_ticket), 0),
    },
    nodes: ids.map((id) => ({
      nodeId: id,
      type: byId.get(id)?.type ?? 'removed',
      title: byId.get(id)?.title ?? id,
      reached: Number(reachedOf.get(id)?.reached ?? 0),
      solved: Number(reachedOf.get(id)?.solved ?? 0),
      escalated: Number(reachedOf.get(id)?.escalated ?? 0),
      dropped: droppedOf.get(id) ?? 0,
    })),
  };
}

/** Marks runs idle past the timeout as abandoned (a periodic sweep of the worker role). */
export async function expireIdleGuideRuns(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  return expireIdleRuns(deps.db.kysely, new Date(now.getTime() - RUN_TIMEOUT_MS).toISOString(), now.toISOString());
}
