import { sql } from 'kysely';
import type { Principal } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import type { ListTicketsFilter, Ticket } from './tickets.schema.js';
import { baseTicketQuery, type TicketWithRequester } from './tickets.store.js';
import { ticketIndex } from './tickets.service.js';
import { toTicket } from './tickets.view.js';

type Sort = NonNullable<ListTicketsFilter['sort']>;

/**
 * A text search considers the newest this-many tickets whose words match (Zendesk's search stops
 * at 1,000 results); filters, sorting and paging apply within them. It keeps every search fast
 * whatever the history, at the price of older matches of very common words being left out.
 */
export const SEARCH_CANDIDATES = 1000;

// Tickets without an SLA sort after every ticket that has one.
const NO_DUE = '9999-12-31T23:59:59.999Z';

/** The column (or expression) each sort orders by; id breaks ties so paging is stable. */
const SORT_KEYS: Record<Exclude<Sort, 'relevance'>, { expr: ReturnType<typeof sql>; read: (t: TicketWithRequester) => string | number; defaultOrder: 'asc' | 'desc' }> = {
  updated: { expr: sql`tickets.updated_at`, read: (t) => t.updated_at, defaultOrder: 'desc' },
  created: { expr: sql`tickets.created_at`, read: (t) => t.created_at, defaultOrder: 'desc' },
  priority: { expr: sql`tickets.priority`, read: (t) => t.priority, defaultOrder: 'asc' },
  sla: { expr: sql`coalesce(tickets.sla_next_due_at, ${NO_DUE})`, read: (t) => t.sla_next_due_at ?? NO_DUE, defaultOrder: 'asc' },
  number: { expr: sql`tickets.number`, read: (t) => Number(t.number), defaultOrder: 'desc' },
};

interface Cursor {
  /** The sort value and id of the last item on the page (keyset), or an offset for relevance. */
  v?: string | number;
  id?: string;
  o?: number;
}

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeCursor(value: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(value, 'base64url').toString()) as Cursor;
    if (typeof cursor !== 'object' || cursor === null) throw new Error('not an object');
    return cursor;
  } catch {
    throw new AppError('invalid_cursor', 'The cursor is not one this server gave out');
  }
}

/** Lists tickets with the contract's filters, full-text search and keyset paging. */
export async function listTickets(deps: Deps, principal: Principal, filter: ListTicketsFilter): Promise<{ items: Ticket[]; nextCursor: string | null }> {
  const sort: Sort = filter.sort ?? (filter.q ? 'relevance' : 'updated');
  const matches = filter.q ? ticketIndex(deps).matches(filter.q, { candidates: SEARCH_CANDIDATES, ranked: sort === 'relevance' }) : null;
  if (filter.q && !matches) return { items: [], nextCursor: null };
  let query = baseTicketQuery(deps.db.kysely, matches ?? undefined);
  if (filter.number !== undefined) query = query.where('tickets.number', '=', filter.number);
  if (filter.status) query = query.where('tickets.status', 'in', filter.status);
  if (filter.priority) query = query.where('tickets.priority', 'in', filter.priority);
  if (filter.category) query = query.where('tickets.category', '=', filter.category);
  if (filter.channel) query = query.where('tickets.channel', '=', filter.channel);
  if (filter.group) query = query.where('tickets.group_id', '=', filter.group);
  if (filter.organisation) query = query.where('tickets.organisation_id', '=', filter.organisation);
  if (filter.assignee === 'none') query = query.where('tickets.assignee_id', 'is', null);
  else if (filter.assignee) query = query.where('tickets.assignee_id', '=', filter.assignee === 'me' ? principal.userId : filter.assignee);
  if (filter.requester) {
    query = filter.requester.includes('@')
      ? query.where('customers.email', '=', filter.requester.toLowerCase())
      : query.where('tickets.requester_id', '=', filter.requester);
  }
  if (filter.tag) {
    const tag = filter.tag.trim().toLowerCase();
    query = query.where((eb) => eb.exists(eb.selectFrom('ticket_tags').select('ticket_tags.ticket_id').whereRef('ticket_tags.ticket_id', '=', 'tickets.id').where('ticket_tags.tag', '=', tag)));
  }
  const cursor = filter.cursor ? decodeCursor(filter.cursor) : undefined;

  if (sort === 'relevance') {
    if (!matches) throw new AppError('validation_failed', 'sort=relevance needs q', { fields: [{ path: 'querystring.sort', message: 'relevance needs q' }] });
    const offset = cursor?.o ?? 0;
    if (!Number.isInteger(offset) || offset < 0) throw new AppError('invalid_cursor');
    const rows = (await query
      .orderBy(sql`search.rank`, 'desc')
      .orderBy('tickets.id')
      .limit(filter.limit + 1)
      .offset(offset)
      .execute()) as TicketWithRequester[];
    const more = rows.length > filter.limit;
    return { items: rows.slice(0, filter.limit).map(toTicket), nextCursor: more ? encodeCursor({ o: offset + filter.limit }) : null };
  }

  const key = SORT_KEYS[sort];
  const order = filter.order ?? key.defaultOrder;
  if (cursor) {
    if (cursor.v === undefined || typeof cursor.id !== 'string') throw new AppError('invalid_cursor');
    const op = order === 'asc' ? sql`>` : sql`<`;
    query = query.where(sql<boolean>`(${key.expr}, tickets.id) ${op} (${cursor.v}, ${cursor.id})`);
  }
  const rows = (await query
    .orderBy(key.expr, order)
    .orderBy('tickets.id', order)
    .limit(filter.limit + 1)
    .execute()) as TicketWithRequester[];
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > filter.limit && last ? encodeCursor({ v: key.read(last), id: last.id }) : null;
  return { items: page.map(toTicket), nextCursor };
}
