import { api, type Message, type Ticket } from './api';

export interface TicketBundle {
  ticket: Ticket;
  messages: Message[];
}

/** Tickets seen (or prefetched) in this tab: a ticket page opens at once from here and refreshes behind. */
const tickets = new Map<string, TicketBundle>();
const MAX = 200;

export const cachedTicket = (id: string) => tickets.get(id);

export function rememberTicket(id: string, bundle: TicketBundle): void {
  tickets.delete(id);
  tickets.set(id, bundle);
  if (tickets.size > MAX) tickets.delete(tickets.keys().next().value!);
}

export async function fetchTicket(id: string): Promise<TicketBundle> {
  const [ticket, messages] = await Promise.all([api<Ticket>(`/api/v1/tickets/${id}`), api<{ items: Message[] }>(`/api/v1/tickets/${id}/messages?limit=200`)]);
  const bundle = { ticket, messages: messages.items };
  rememberTicket(id, bundle);
  return bundle;
}

const inflight = new Set<string>();
/** Warms the cache for a ticket the agent is likely to open next (the selected row). */
export function prefetchTicket(id: string): void {
  if (tickets.has(id) || inflight.has(id)) return;
  inflight.add(id);
  void fetchTicket(id)
    .catch(() => undefined)
    .finally(() => inflight.delete(id));
}

type List = { items: Ticket[]; nextCursor: string | null };
let bootList: { url: string; promise: Promise<List | null> } | null = null;

/** At start-up, asks for the inbox's first page while the session is still being checked (one round trip less). */
export function startBootList(url: string): void {
  bootList = { url, promise: api<List>(url).catch(() => null) };
}

/** The start-up page when it is the one wanted (once); null otherwise. */
export async function takeBootList(url: string): Promise<List | null> {
  if (!bootList || bootList.url !== url) return null;
  const { promise } = bootList;
  bootList = null;
  return promise;
}
