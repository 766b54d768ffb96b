import { sql, type Kysely } from 'kysely';
import { BulkInsert } from '../platform/db/bulk-insert.js';
import { inTransaction, type Deps } from '../platform/context.js';
import { lockTableForWrite } from '../platform/db/locks.js';
import { replaceTableContents, settleReplacedTables } from '../platform/db/replace.js';
import type { Database } from '../platform/db/tables.js';
import type { AnalyticsHistTable, AnalyticsRebuildFactsTable, AnalyticsRollupTable } from './analytics.tables.js';
import { HIST_COLUMNS, ROLLUP_COLUMNS, STATE_COLUMNS } from './analytics.store.js';
import { Deltas, DONE_STATUSES } from './contribution.js';
import { applyChange, changeFromAudit, NO_FACTS, type Facts } from './facts.js';

/** Rows read per query; keyset paging on the primary key. */
const PAGE = 20_000;
/** Values per bulk insert call. */
const FLUSH_VALUES = 60_000;

/** The tables a rebuild replaces, in the order it locks them (the lifecycle hooks' order). */
const TABLES = ['analytics_ticket_state', 'analytics_rollup', 'analytics_hist'] as const;

const factsInsert = new BulkInsert<AnalyticsRebuildFactsTable>('analytics_rebuild_facts', ['ticket_id', 'agent_replies', 'reopens', 'escalations', 'group_moves']);

export interface RebuildResult {
  tickets: number;
  rollupRows: number;
  histogramRows: number;
  ms: number;
}

/**
 * Recomputes every rollup from the tickets, their messages and the audit trail, in one
 * transaction: readers see the old rollups until it commits. Ticket changes made meanwhile wait
 * for it (PostgreSQL: table locks taken in the order the lifecycle hooks take them; SQLite: the
 * single writer) and are then applied on top, so nothing is lost or counted twice.
 *
 * Set-wise where SQL is good at it, in memory where it is not: the ticket states are written by
 * one INSERT … SELECT joining the tickets to their facts; the rollups are then summed by the same
 * contribution function the lifecycle hooks use (a hash aggregation over the states, which SQLite,
 * sorting for every GROUP BY, does several times slower per dimension) and bulk-written in key
 * order. Each table's contents are replaced the way its dialect does fastest (replaceTableContents).
 */
export async function rebuildRollups(deps: Deps, onProgress?: (tickets: number) => void): Promise<RebuildResult> {
  const started = performance.now();
  const result = await inTransaction(deps, async (trx) => {
    for (const table of TABLES) await lockTableForWrite(trx, table);
    await writeFacts(trx, await loadFacts(trx));
    let tickets = 0;
    const deltas = new Deltas({ months: false });
    await replaceTableContents(trx, 'analytics_ticket_state', (target) => writeStates(trx, target));
    // Read back once it has its primary key (on PostgreSQL the indexes come after the fill).
    let after = '';
    for (;;) {
      const states = await trx.selectFrom('analytics_ticket_state').select([...STATE_COLUMNS]).where('ticket_id', '>', after).orderBy('ticket_id').limit(PAGE).execute();
      if (states.length === 0) break;
      for (const state of states) deltas.add(state, 1);
      tickets += states.length;
      after = states[states.length - 1].ticket_id;
      onProgress?.(tickets);
    }
    await trx.deleteFrom('analytics_rebuild_facts').execute();
    deltas.rollUpMonths();
    let counts = { rollupRows: 0, histogramRows: 0 };
    await replaceTableContents(trx, 'analytics_rollup', (rollup) =>
      replaceTableContents(trx, 'analytics_hist', async (hist) => {
        counts = await writeDeltas(trx, deltas, new BulkInsert<AnalyticsRollupTable>(rollup, ROLLUP_COLUMNS), new BulkInsert<AnalyticsHistTable>(hist, HIST_COLUMNS));
      }),
    );
    return { tickets, ...counts };
  });
  await settleReplacedTables(deps.db.kysely, TABLES);
  return { ...result, ms: Math.round(performance.now() - started) };
}

/** Facts of every ticket that has any, from public agent replies and the audit trail's changes (in order). */
async function loadFacts(trx: Kysely<Database>): Promise<Map<string, Facts>> {
  const facts = new Map<string, Facts>();
  const replies = await trx
    .selectFrom('messages')
    .select(['ticket_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('author_type', '=', 'agent')
    .where('visibility', '=', 'public')
    .groupBy('ticket_id')
    .execute();
  for (const r of replies) facts.set(r.ticket_id, { ...NO_FACTS, agent_replies: Number(r.n) });
  let after = 0;
  for (;;) {
    const events = await trx
      .selectFrom('audit_events')
      .select(['id', 'ticket_id', 'changes'])
      .where('action', '=', 'ticket.updated')
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (events.length === 0) break;
    for (const event of events) {
      if (!event.ticket_id) continue;
      facts.set(event.ticket_id, applyChange(facts.get(event.ticket_id) ?? { ...NO_FACTS }, changeFromAudit(event.changes)));
    }
    after = Number(events[events.length - 1].id);
  }
  return facts;
}

async function writeFacts(trx: Kysely<Database>, facts: Map<string, Facts>): Promise<void> {
  await trx.deleteFrom('analytics_rebuild_facts').execute();
  let values: unknown[] = [];
  for (const [ticketId, f] of facts) {
    if (f.agent_replies === 0 && f.reopens === 0 && f.escalations === 0 && f.group_moves === 0) continue;
    values.push(ticketId, f.agent_replies, f.reopens, f.escalations, f.group_moves);
    if (values.length >= FLUSH_VALUES) {
      await factsInsert.insertValues(trx, values);
      values = [];
    }
  }
  await factsInsert.insertValues(trx, values);
}

/** Every ticket's analytics state in one statement: its row's fields (as stateOf() takes them) and its facts. */
async function writeStates(trx: Kysely<Database>, target: string): Promise<void> {
  const done = sql.join(DONE_STATUSES.map((s) => sql.lit(s)));
  await sql`INSERT INTO ${sql.table(target)} (${sql.join(STATE_COLUMNS.map((c) => sql.ref(c)))})
    SELECT t.id, t.created_at, t.first_response_at, t.solved_at, CASE WHEN t.status IN (${done}) THEN 0 ELSE 1 END, t.priority, t.channel, t.category,
      t.group_id, t.assignee_id, t.organisation_id, coalesce(f.agent_replies, 0), coalesce(f.reopens, 0), coalesce(f.escalations, 0), coalesce(f.group_moves, 0)
    FROM tickets t LEFT JOIN analytics_rebuild_facts f ON f.ticket_id = t.id`.execute(trx);
}

/** Writes the summed rows and bins in primary-key order (appends to both tables' keys). */
async function writeDeltas(
  trx: Kysely<Database>,
  deltas: Deltas,
  rollupInsert: BulkInsert<AnalyticsRollupTable>,
  histInsert: BulkInsert<AnalyticsHistTable>,
): Promise<{ rollupRows: number; histogramRows: number }> {
  let rows: unknown[] = [];
  let bins: unknown[] = [];
  let rollupRows = 0;
  let histogramRows = 0;
  for (const { key, values, bins: keyBins } of deltas.sortedEntries()) {
    rows.push(key.grain, key.dim, key.bucket, key.value);
    for (let i = 0; i < values.length; i++) rows.push(values[i]);
    rollupRows++;
    for (const [metric, bin, n] of keyBins) {
      bins.push(key.grain, key.dim, key.bucket, key.value, metric, bin, n);
      histogramRows++;
    }
    if (rows.length >= FLUSH_VALUES) {
      await rollupInsert.insertValues(trx, rows);
      rows = [];
    }
    if (bins.length >= FLUSH_VALUES) {
      await histInsert.insertValues(trx, bins);
      bins = [];
    }
  }
  await rollupInsert.insertValues(trx, rows);
  await histInsert.insertValues(trx, bins);
  return { rollupRows, histogramRows };
}
