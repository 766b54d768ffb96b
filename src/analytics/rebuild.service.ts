import type { Kysely } from 'kysely';
import { inTransaction, type Deps } from '../platform/context.js';
import { lockTableForWrite } from '../platform/db/locks.js';
import type { Database } from '../platform/db/tables.js';
import { clearRollups, histInsert, rollupInsert, STATE_COLUMNS, stateInsert } from './analytics.store.js';
import { COLUMNS, Deltas } from './contribution.js';
import { applyChange, changeFromAudit, NO_FACTS, stateOf, type Facts } from './facts.js';

/** Tickets read per query; keyset paging on the primary key. */
const PAGE = 20_000;

export interface RebuildResult {
  tickets: number;
  rollupRows: number;
  histogramRows: number;
  ms: number;
}

/**
 * Recomputes every rollup from the tickets, their messages and the audit trail, in one
 * transaction: readers see the old rollups until it commits. Ticket changes made meanwhile wait
 * for it (PostgreSQL: a table lock on the ticket states; SQLite: the single writer) and are then
 * applied on top, so nothing is lost or counted twice.
 */
export async function rebuildRollups(deps: Deps, onProgress?: (tickets: number) => void): Promise<RebuildResult> {
  const started = performance.now();
  return inTransaction(deps, async (trx) => {
    await lockTableForWrite(trx, 'analytics_ticket_state');
    await clearRollups(trx);
    const facts = await loadFacts(trx);
    const deltas = new Deltas();
    let tickets = 0;
    let after = '';
    for (;;) {
      const rows = await trx
        .selectFrom('tickets')
        .select(['id', 'created_at', 'first_response_at', 'solved_at', 'status', 'priority', 'channel', 'category', 'group_id', 'assignee_id', 'organisation_id'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE)
        .execute();
      if (rows.length === 0) break;
      const values: unknown[] = [];
      for (const row of rows) {
        const state = stateOf(row, facts.get(row.id) ?? NO_FACTS);
        deltas.add(state, 1);
        for (const column of STATE_COLUMNS) values.push(state[column]);
      }
      await stateInsert.insertValues(trx, values);
      tickets += rows.length;
      after = rows[rows.length - 1].id;
      onProgress?.(tickets);
    }
    const rollupRows = await writeRows(trx, deltas);
    const histogramRows = await writeHistograms(trx, deltas);
    return { tickets, rollupRows, histogramRows, ms: Math.round(performance.now() - started) };
  });
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

async function writeRows(trx: Kysely<Database>, deltas: Deltas): Promise<number> {
  let values: unknown[] = [];
  let count = 0;
  for (const [key, row] of deltas.rowEntries()) {
    values.push(key.grain, key.dim, key.bucket, key.value);
    for (let i = 0; i < COLUMNS.length; i++) values.push(row[i]);
    count++;
    if (values.length >= 50_000) {
      await rollupInsert.insertValues(trx, values);
      values = [];
    }
  }
  await rollupInsert.insertValues(trx, values);
  return count;
}

async function writeHistograms(trx: Kysely<Database>, deltas: Deltas): Promise<number> {
  let values: unknown[] = [];
  let count = 0;
  for (const [key, n] of deltas.histEntries()) {
    if (n === 0) continue;
    values.push(key.grain, key.dim, key.bucket, key.value, key.metric, key.bin, n);
    count++;
    if (values.length >= 50_000) {
      await histInsert.insertValues(trx, values);
      values = [];
    }
  }
  await histInsert.insertValues(trx, values);
  return count;
}
