import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import type { FullTextDocument } from '../platform/db/fulltext.js';
import { newId } from '../platform/ids.js';
import { isoTime } from './iso.js';
import { lifecycle } from './lifecycle.js';
import { Random } from './random.js';
import { assign, type Staff } from './staff.js';
import { CustomerPicker, type PoolCustomer } from './synthetic-customers.js';
import { draftTicket } from './text.js';
import { Timeline } from './timeline.js';

/** Synthetic history covers the last year, so analytics see weekly and daily seasons. */
const SPAN_DAYS = 365;
const CHANNELS = [['email', 40], ['web', 14], ['portal', 14], ['chat', 16], ['phone', 6], ['api', 10]] as const;

/** Column orders of the flat value arrays a chunk holds (the bulk writer inserts them as they are); audit rows follow AUDIT_COLUMNS. */
export const TICKET_COLUMNS = [
  'id', 'number', 'subject', 'status', 'priority', 'category', 'channel', 'requester_id', 'organisation_id', 'assignee_id', 'group_id',
  'tags', 'created_at', 'updated_at', 'solved_at', 'closed_at',
] as const;
export const TAG_COLUMNS = ['ticket_id', 'tag'] as const;
export const MESSAGE_COLUMNS = ['id', 'ticket_id', 'visibility', 'author_type', 'author_id', 'body_text', 'channel', 'created_at'] as const;
const NUMBER_COLUMN = TICKET_COLUMNS.indexOf('number');

/**
 * Rows for a run of tickets as flat value arrays. Ticket numbers (in the tickets' number column
 * and the documents' keys) count from 0 within the chunk: the writer adds the first number it
 * reserved, so a chunk can be made before its numbers are known (in a worker thread).
 */
export interface Chunk {
  tickets: unknown[];
  tags: unknown[];
  messages: unknown[];
  audit: unknown[];
  documents: FullTextDocument[];
}

/** Everything a generator starts from: plain data, so it can be handed to a worker thread. */
export interface GeneratorInput {
  seed: number;
  count: number;
  nowMs: number;
  pool: PoolCustomer[];
  staff: Staff;
}

/** The first moment of the synthetic history that ends at `nowMs`, for customers to join from. */
export const historyStart = (nowMs: number): number => new Timeline(nowMs, SPAN_DAYS, 1, new Random(0)).start;

/**
 * Makes synthetic tickets, chunk after chunk, the same for the same input whatever the chunk
 * sizes: what the text says, who asks, when and in which status. Only ids are random.
 */
export class TicketGenerator {
  // Separate streams: what the text says must not depend on how many agents the database has.
  private readonly text: Random;
  private readonly meta: Random;
  private readonly staffRandom: Random;
  private readonly timeline: Timeline;
  private readonly customers: CustomerPicker;

  constructor(private readonly input: GeneratorInput) {
    this.text = Random.derive(input.seed, 'text');
    this.meta = Random.derive(input.seed, 'meta');
    this.staffRandom = Random.derive(input.seed, 'staff');
    this.timeline = new Timeline(input.nowMs, SPAN_DAYS, input.count, Random.derive(input.seed, 'timeline'));
    this.customers = new CustomerPicker(input.pool, Random.derive(input.seed, 'requesters'));
  }

  /** The next `size` tickets. */
  chunk(size: number): Chunk {
    const chunk: Chunk = { tickets: [], tags: [], messages: [], audit: [], documents: [] };
    for (let i = 0; i < size; i++) this.ticket(chunk, i);
    return chunk;
  }

  private ticket(chunk: Chunk, number: number): void {
    const createdMs = this.timeline.next();
    const customer = this.customers.pick(createdMs);
    const channel = this.meta.weighted(CHANNELS);
    const draft = draftTicket(this.text, customer.context, channel);
    const { category, tier: priority } = draft.subType;
    const life = lifecycle(this.meta, createdMs, this.input.nowMs, priority);
    const { groupId, assigneeId } = assign(this.staffRandom, this.input.staff, draft.subType.group, life.status !== 'new');
    const id = newId(createdMs);
    const createdAt = isoTime(createdMs);
    chunk.tickets.push(
      id, number, draft.subject, life.status, priority, category, channel, customer.id, customer.organisationId, assigneeId, groupId,
      JSON.stringify(draft.tags), createdAt, iso(life.updatedMs), iso(life.solvedMs), iso(life.closedMs),
    );
    for (const tag of draft.tags) chunk.tags.push(id, tag);
    chunk.messages.push(newId(createdMs), id, 'public', 'customer', customer.id, draft.body, channel, createdAt);
    // The same audit row createTicket records (see audit.service toRow), by the system actor.
    const after = { subject: draft.subject, status: life.status, priority, category, channel, assigneeId, groupId, tags: draft.tags, customFields: {} };
    chunk.audit.push(createdAt, SYSTEM_ACTOR.type, SYSTEM_ACTOR.id, SYSTEM_ACTOR.label, 'ticket.created', 'ticket', id, id, JSON.stringify({ after }));
    chunk.documents.push({ key: number, title: draft.subject, body: draft.body });
  }
}

const iso = (ms: number | null) => (ms === null ? null : isoTime(ms));

/** Gives a chunk's tickets their real numbers: the one at position i in the chunk takes `numbers[offset + i]`. */
export function numberChunk(chunk: Chunk, numbers: readonly number[], offset: number): void {
  for (let i = NUMBER_COLUMN; i < chunk.tickets.length; i += TICKET_COLUMNS.length) chunk.tickets[i] = numbers[offset + (chunk.tickets[i] as number)];
  for (const document of chunk.documents) document.key = numbers[offset + document.key]!;
}
