import type { Deps } from '../platform/context.js';
import { inTransaction } from '../platform/context.js';
import { withDeferredIndexes } from '../platform/db/bulk-load.js';
import { takeSequenceNumbers } from '../platform/db/dialect.js';
import type { MessagesTable, TicketsTable, TicketTagsTable } from '../platform/db/tables.js';
import { TICKET_NUMBERS, ticketIndex } from '../tickets/tickets.service.js';
import { BulkInsert } from '../platform/db/bulk-insert.js';
import { chunksHere, chunksInWorker, workerAvailable, type ChunkPlan, type ChunkSource } from './chunks.js';
import { historyStart, MESSAGE_COLUMNS, numberChunk, TAG_COLUMNS, TICKET_COLUMNS, type GeneratorInput } from './generator.js';
import { loadStaff } from './staff.js';
import { auditInsert, buildCustomerPool } from './synthetic-customers.js';

/** Tickets per transaction: each commit rewrites the pages the batch touched, so fewer is better. */
const BATCH = 20_000;
/**
 * Tickets generated and written at a time inside a transaction: their rows die young (cheap to
 * collect) and memory stays flat whatever the count. BATCH is a multiple of it.
 */
const CHUNK = 1_000;
/** From this many tickets, rebuilding the indexes once beats updating them row by row. */
const DEFER_INDEXES_FROM = 50_000;
const DEFERRED_TABLES = ['tickets', 'ticket_tags', 'messages', 'audit_events', 'ticket_fts'];
/** From this many tickets, a worker thread generating them pays for its start. */
const WORKER_FROM = 10_000;

const ticketsInsert = new BulkInsert<TicketsTable>('tickets', TICKET_COLUMNS);
const tagsInsert = new BulkInsert<TicketTagsTable>('ticket_tags', TAG_COLUMNS);
const messagesInsert = new BulkInsert<MessagesTable>('messages', MESSAGE_COLUMNS);

export interface SyntheticOptions {
  seed: number;
  onProgress?: (created: number) => void;
  /**
   * Drop the written tables' secondary indexes during the load and rebuild them after. By
   * default, for loads of DEFER_INDEXES_FROM tickets or more that at least triple the table.
   */
  deferIndexes?: boolean;
  /** Generate in a worker thread. By default, from WORKER_FROM tickets when a worker can load the generator. */
  worker?: boolean;
}

/**
 * Inserts `count` realistic tickets in bulk: each with its requester (from a pool of about one
 * customer per ten tickets), first message, tags, `ticket.created` audit event and full-text
 * entry, in transactions of BATCH tickets with multi-row inserts and ticket numbers reserved a
 * batch at a time. The same seed gives the same tickets (ids and assignees aside). Returns the
 * number created.
 */
export async function seedSyntheticTickets(deps: Deps, count: number, options: SyntheticOptions): Promise<number> {
  const nowMs = deps.clock.now().getTime();
  const poolSize = Math.min(100_000, Math.max(10, Math.ceil(count / 10)));
  const pool = await buildCustomerPool(deps, options.seed, poolSize, historyStart(nowMs), nowMs);
  const input: GeneratorInput = { seed: options.seed, count, nowMs, pool, staff: await loadStaff(deps.db.kysely) };
  const existing = Number((await deps.db.kysely.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const defer = options.deferIndexes ?? (count >= DEFER_INDEXES_FROM && count >= 2 * existing);
  const plan: ChunkPlan = { input, chunkSize: CHUNK };
  const source = (options.worker ?? (count >= WORKER_FROM && workerAvailable())) ? chunksInWorker(plan) : chunksHere(plan);
  try {
    const load = () => writeTickets(deps, source, count, options.onProgress);
    return await (defer ? withDeferredIndexes(deps.db, DEFERRED_TABLES, load) : load());
  } finally {
    await source.close();
  }
}

/** Writes the tickets in transactions of BATCH, a chunk at a time. */
async function writeTickets(deps: Deps, source: ChunkSource, count: number, onProgress?: (n: number) => void): Promise<number> {
  const index = ticketIndex(deps);
  let created = 0;
  while (created < count) {
    const size = Math.min(BATCH, count - created);
    await inTransaction(deps, async (trx) => {
      const numbers = await takeSequenceNumbers(trx, TICKET_NUMBERS, size);
      for (let done = 0; done < size; done += CHUNK) {
        const chunk = await source.next();
        if (chunk.documents.length !== Math.min(CHUNK, size - done)) throw new Error('The ticket generator and the writer are out of step');
        numberChunk(chunk, numbers, done);
        await ticketsInsert.insertValues(trx, chunk.tickets);
        await tagsInsert.insertValues(trx, chunk.tags);
        await messagesInsert.insertValues(trx, chunk.messages);
        await auditInsert.insertValues(trx, chunk.audit);
        await index.insertMany(trx, chunk.documents);
      }
    });
    created += size;
    onProgress?.(created);
  }
  return created;
}
