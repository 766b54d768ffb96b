import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import { inTransaction } from '../platform/context.js';
import { withDeferredIndexes } from '../platform/db/bulk-load.js';
import { nextCounterValue } from '../platform/db/dialect.js';
import type { FullTextDocument } from '../platform/db/fulltext.js';
import type { MessagesTable, TicketsTable, TicketTagsTable } from '../platform/db/tables.js';
import { newId } from '../platform/ids.js';
import { TICKET_NUMBER_COUNTER, ticketIndex } from '../tickets/tickets.service.js';
import { BulkInsert } from './bulk-insert.js';
import { isoTime } from './iso.js';
import { lifecycle } from './lifecycle.js';
import { Random } from './random.js';
import { assign, loadStaff, type Staff } from './staff.js';
import { auditInsert, buildCustomerPool, CustomerPicker } from './synthetic-customers.js';
import { draftTicket } from './text.js';
import { Timeline } from './timeline.js';

/** Tickets per transaction: each commit rewrites the index pages the batch touched, so fewer is better. */
const BATCH = 20_000;
/**
 * Tickets generated and written at a time inside a transaction: their rows die young (cheap to
 * collect) and memory stays flat whatever the count.
 */
const CHUNK = 1_000;
/** Synthetic history covers the last year, so analytics see weekly and daily seasons. */
const SPAN_DAYS = 365;
const CHANNELS = [['email', 40], ['web', 14], ['portal', 14], ['chat', 16], ['phone', 6], ['api', 10]] as const;

// Column orders of the flat value arrays that buildBatch fills: keep the two in step.
const ticketsInsert = new BulkInsert<TicketsTable>('tickets', [
  'id', 'number', 'subject', 'status', 'priority', 'category', 'channel', 'requester_id', 'organisation_id', 'assignee_id', 'group_id',
  'tags', 'created_at', 'updated_at', 'solved_at', 'closed_at',
]);
const tagsInsert = new BulkInsert<TicketTagsTable>('ticket_tags', ['ticket_id', 'tag']);
const messagesInsert = new BulkInsert<MessagesTable>('messages', ['id', 'ticket_id', 'visibility', 'author_type', 'author_id', 'body_text', 'channel', 'created_at']);

export interface SyntheticOptions {
  seed: number;
  onProgress?: (created: number) => void;
  /**
   * Drop the written tables' secondary indexes during the load and rebuild them after. By
   * default, for loads of DEFER_INDEXES_FROM tickets or more that at least triple the table.
   */
  deferIndexes?: boolean;
}

/** From this many tickets, rebuilding the indexes once beats updating them row by row. */
const DEFER_INDEXES_FROM = 50_000;
const DEFERRED_TABLES = ['tickets', 'ticket_tags', 'messages', 'audit_events', 'ticket_fts'];

/** One batch of rows as flat value arrays (see the column lists above). */
interface Batch {
  tickets: unknown[];
  tags: unknown[];
  messages: unknown[];
  audit: unknown[];
  documents: FullTextDocument[];
}

/** What a generator needs between batches: its random streams, the requesters and the clock. */
interface Generator {
  text: Random;
  meta: Random;
  staffRandom: Random;
  timeline: Timeline;
  customers: CustomerPicker;
  staff: Staff;
  nowMs: number;
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
  const timeline = new Timeline(nowMs, SPAN_DAYS, count, Random.derive(options.seed, 'timeline'));
  const poolSize = Math.min(100_000, Math.max(10, Math.ceil(count / 10)));
  const pool = await buildCustomerPool(deps, options.seed, poolSize, timeline.start, nowMs);
  const generator: Generator = {
    // Separate streams: what the text says must not depend on how many agents the database has.
    text: Random.derive(options.seed, 'text'),
    meta: Random.derive(options.seed, 'meta'),
    staffRandom: Random.derive(options.seed, 'staff'),
    timeline,
    customers: new CustomerPicker(pool, Random.derive(options.seed, 'requesters')),
    staff: await loadStaff(deps.db.kysely),
    nowMs,
  };
  const existing = Number((await deps.db.kysely.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const defer = options.deferIndexes ?? (count >= DEFER_INDEXES_FROM && count >= 2 * existing);
  const load = () => writeTickets(deps, generator, count, options.onProgress);
  return defer ? withDeferredIndexes(deps.db, DEFERRED_TABLES, load) : load();
}

/** Writes the tickets in transactions of BATCH, generating CHUNK at a time. */
async function writeTickets(deps: Deps, generator: Generator, count: number, onProgress?: (n: number) => void): Promise<number> {
  const index = ticketIndex(deps);
  let created = 0;
  while (created < count) {
    const size = Math.min(BATCH, count - created);
    await inTransaction(deps, async (trx) => {
      const first = (await nextCounterValue(trx, TICKET_NUMBER_COUNTER, size)) - size + 1;
      for (let done = 0; done < size; done += CHUNK) {
        const batch = buildBatch(generator, first + done, Math.min(CHUNK, size - done));
        await ticketsInsert.insertValues(trx, batch.tickets);
        await tagsInsert.insertValues(trx, batch.tags);
        await messagesInsert.insertValues(trx, batch.messages);
        await auditInsert.insertValues(trx, batch.audit);
        await index.insertMany(trx, batch.documents);
      }
    });
    created += size;
    onProgress?.(created);
  }
  return created;
}

const iso = (ms: number | null) => (ms === null ? null : isoTime(ms));

function buildBatch(g: Generator, firstNumber: number, size: number): Batch {
  const batch: Batch = { tickets: [], tags: [], messages: [], audit: [], documents: [] };
  for (let i = 0; i < size; i++) {
    const createdMs = g.timeline.next();
    const customer = g.customers.pick(createdMs);
    const channel = g.meta.weighted(CHANNELS);
    const draft = draftTicket(g.text, customer.context, channel);
    const { category, tier: priority } = draft.subType;
    const life = lifecycle(g.meta, createdMs, g.nowMs, priority);
    const { groupId, assigneeId } = assign(g.staffRandom, g.staff, draft.subType.group, life.status !== 'new');
    const id = newId(createdMs);
    const number = firstNumber + i;
    const createdAt = isoTime(createdMs);
    batch.tickets.push(
      id, number, draft.subject, life.status, priority, category, channel, customer.id, customer.organisationId, assigneeId, groupId,
      JSON.stringify(draft.tags), createdAt, iso(life.updatedMs), iso(life.solvedMs), iso(life.closedMs),
    );
    for (const tag of draft.tags) batch.tags.push(id, tag);
    batch.messages.push(newId(createdMs), id, 'public', 'customer', customer.id, draft.body, channel, createdAt);
    // The same audit row createTicket records (see audit.service toRow), by the system actor.
    const after = { subject: draft.subject, status: life.status, priority, category, channel, assigneeId, groupId, tags: draft.tags, customFields: {} };
    batch.audit.push(createdAt, SYSTEM_ACTOR.type, SYSTEM_ACTOR.id, SYSTEM_ACTOR.label, 'ticket.created', 'ticket', id, id, JSON.stringify({ after }));
    batch.documents.push({ key: number, title: draft.subject, body: draft.body });
  }
  return batch;
}
