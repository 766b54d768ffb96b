import type { Deps } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { DEFAULT_INDEX_PARAMS, SimilarIndex, type IndexParams, type SimilarMatch } from './similar-index.js';
import type { TicketText } from './vector.js';
import { ticketById, ticketByExternalId, ticketRefs, ticketsAfter, ticketsHighWater, ticketsNumbered, ticketsUpdatedSince, type IndexedTicket } from './similar.store.js';

/** A similar ticket as the API and the CLI present it. */
export interface SimilarItem {
  id: string;
  number: number;
  externalId: string | null;
  score: number;
}

export interface SimilarQuery {
  limit: number;
  /** Only solved (or closed) look-alikes: the ones whose resolution an agent can reuse. */
  solvedOnly?: boolean;
}

/** Tickets read per query while loading the index. */
const PAGE = 2_000;
/** Tickets indexed between two turns of the event loop while loading (tens of milliseconds). */
const YIELD_EVERY = 250;
/** Changed tickets read again per catch-up at most. */
const CHANGED_PER_SYNC = 5_000;
/** New tickets' texts held between their transaction and their `ticket.created` event, at most. */
const CREATED_HELD = 1_000;
/**
 * Recently indexed tickets kept with their text, at most. Incident detection compares a new ticket
 * with its recent look-alikes and each of those with theirs: reading them here instead of from the
 * database is most of what makes a check cheap.
 */
const RECENT_KEPT = 5_000;
const SOLVED_STATUSES = new Set(['solved', 'closed']);
/**
 * How long a ticket number below the highest one indexed may stay unseen before it counts as never
 * coming (a creation that rolled back, a deleted ticket): on PostgreSQL numbers come from a
 * sequence, so a transaction can commit after one that took a later number.
 */
const LATE_COMMIT_MS = 60_000;
/** Unseen numbers tracked at most (the oldest go first); and looked up per catch-up at most. */
const UNSEEN_MAX = 10_000;
const UNSEEN_PER_SYNC = 1_000;

/**
 * Similar tickets for one process: the in-memory index, built from the database on first use,
 * kept current by this process's ticket events, and caught up (at most every `syncEveryMs`)
 * with tickets that other processes created or changed: imports from the CLI, other nodes.
 * Index writes run one at a time, in order.
 */
export class SimilarTickets {
  private index: SimilarIndex | null = null;
  private building: Promise<SimilarIndex> | null = null;
  /** The highest ticket number indexed: catch-ups read the tickets above it. */
  private maxNumber = 0;
  /** Numbers below `maxNumber` not indexed yet, with when they were noticed (see LATE_COMMIT_MS). */
  private readonly unseen = new Map<number, number>();
  private watermark: string | null = null;
  private lastSyncMs = Number.NEGATIVE_INFINITY;
  private writes: Promise<void> = Promise.resolve();
  private readonly changedDuringBuild = new Set<string>();
  private lastLookAlikes: { key: string; fromMs: number; index: SimilarIndex; matches: SimilarMatch[] } | null = null;
  /** What this process's new tickets say, by id, so that indexing one needs no read of it. */
  private readonly created = new Map<string, IndexedTicket>();
  /** The tickets this process indexed last, one at a time (not the bulk loads), by number and by id. */
  private readonly recentByNumber = new Map<number, IndexedTicket>();
  private readonly recentById = new Map<string, IndexedTicket>();

  constructor(
    private readonly deps: Deps,
    private readonly params: IndexParams = DEFAULT_INDEX_PARAMS,
    private readonly options: { syncEveryMs: number } = { syncEveryMs: 1_000 },
  ) {}

  /** Keeps the index current on ticket and message events; returns the unsubscribe function. */
  subscribe(): () => void {
    const { events, lifecycle } = this.deps;
    // A new ticket's text is at hand while it is created (its first message is the customer's
    // report, all the index reads of it); kept until its event arrives after the commit. Entries of
    // transactions that rolled back are never asked for and age out.
    const rememberNewTicketText: (typeof lifecycle.afterCreate)[number] = async ({ row, body }) => {
      if (!this.index) return;
      if (this.created.size >= CREATED_HELD) this.created.delete(this.created.keys().next().value!);
      const { id, number, subject, status, created_at: createdAt, updated_at: updatedAt } = row;
      this.created.set(id, { id, number, subject, body, solved: SOLVED_STATUSES.has(status), createdMs: Date.parse(createdAt), updatedAt });
    };
    lifecycle.afterCreate.push(rememberNewTicketText);
    const offs = [
      () => {
        const at = lifecycle.afterCreate.indexOf(rememberNewTicketText);
        if (at >= 0) lifecycle.afterCreate.splice(at, 1);
      },
      events.subscribe('ticket.created', ({ ticketId }) => this.reindex(ticketId)),
      events.subscribe('ticket.updated', ({ ticketId, changed }) =>
        changed.includes('subject') ? this.reindex(ticketId) : changed.includes('status') ? this.reindex(ticketId, 'status') : undefined,
      ),
      // Only what the customer writes describes their problem; agents' replies and notes do not.
      events.subscribe('message.created', ({ ticketId, authorType, visibility }) => (authorType === 'customer' && visibility === 'public' ? this.reindex(ticketId) : undefined)),
    ];
    return () => offs.forEach((off) => off());
  }

  /** The most similar other tickets to a ticket, best first; 404 for an unknown ticket. */
  async similarTo(ticketId: string, query: SimilarQuery): Promise<SimilarItem[]> {
    await this.current();
    const ticket = await ticketById(this.deps.db.kysely, ticketId);
    if (!ticket) throw notFound('Ticket');
    return this.present(this.index!.query(ticket, { limit: query.limit, exclude: ticket.number, solvedOnly: query.solvedOnly }));
  }

  /** The same by external id; null when no ticket has it. */
  async similarToExternalId(externalId: string, query: SimilarQuery): Promise<SimilarItem[] | null> {
    await this.current();
    const ticket = await ticketByExternalId(this.deps.db.kysely, externalId);
    if (!ticket) return null;
    return this.present(this.index!.query(ticket, { limit: query.limit, exclude: ticket.number, solvedOnly: query.solvedOnly }));
  }

  /**
   * Tickets like `ticket` created since `fromMs` with a score of at least `minScore`, best first
   * (number and score; the ticket itself excluded). For burst detection.
   */
  async neighbours(ticket: IndexedTicket, fromMs: number, minScore: number, limit: number): Promise<SimilarMatch[]> {
    await this.current();
    return this.index!.query(ticket, { limit, exclude: ticket.number, createdFromMs: fromMs }).filter((m) => m.score >= minScore);
  }

  /** How each of these indexed tickets scores the others (see `SimilarIndex.scoresAmong`); the index must be loaded. */
  scoresAmong(tickets: IndexedTicket[]): number[][] {
    if (!this.index) throw new Error('the similar-ticket index is not loaded');
    return this.index.scoresAmong(tickets.map((t) => ({ number: t.number, text: t })));
  }

  /**
   * Look-alikes of a text created since `fromMs` (at most 100, best first), from the index as it
   * stands (no catch-up, so synchronous and cheap); null while the index is not loaded yet
   * (loading starts in the background). Triage and incident detection both ask about each new
   * ticket within a moment of each other: the last answer is reused for the same text and a
   * window starting within a second of it, which halves the index work of ticket creation.
   */
  recentLookAlikes(text: TicketText, fromMs: number): SimilarMatch[] | null {
    if (!this.index) {
      this.ready().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'similar-ticket index not available'));
      return null;
    }
    const key = `${text.subject}\u0000${text.body}`;
    const last = this.lastLookAlikes;
    if (last && last.key === key && last.index === this.index && Math.abs(last.fromMs - fromMs) < 1_000) return last.matches;
    const matches = this.index.query(text, { limit: 100, createdFromMs: fromMs });
    this.lastLookAlikes = { key, fromMs, index: this.index, matches };
    return matches;
  }

  /** A ticket with the text the index reads, by id or by number. */
  async ticket(key: { id: string } | { number: number }): Promise<IndexedTicket | undefined> {
    const recent = 'id' in key ? this.recentById.get(key.id) : this.recentByNumber.get(key.number);
    if (recent) return recent;
    if ('id' in key) return ticketById(this.deps.db.kysely, key.id);
    const ref = (await ticketRefs(this.deps.db.kysely, [key.number])).get(key.number);
    return ref ? ticketById(this.deps.db.kysely, ref.id) : undefined;
  }

  /** The index, built on first use. */
  ready(): Promise<SimilarIndex> {
    if (this.index) return Promise.resolve(this.index);
    this.building ??= this.build().catch((error) => {
      this.building = null;
      throw error;
    });
    return this.building;
  }

  /** Resolves once every index write queued so far is done (for tests and the CLI). */
  settled(): Promise<void> {
    return this.writes;
  }

  /** The index built, with the events received so far applied, and caught up with the database (throttled). */
  private async current(): Promise<void> {
    await this.ready();
    if (performance.now() - this.lastSyncMs < this.options.syncEveryMs) return this.settled();
    this.lastSyncMs = performance.now();
    await this.write(() => this.sync());
  }

  private async build(): Promise<SimilarIndex> {
    const started = performance.now();
    const index = new SimilarIndex(this.params);
    index.autoRefresh = false;
    this.maxNumber = 0;
    // Taken before reading: whatever changes during the load is read again by the next sync.
    const highWater = await ticketsHighWater(this.deps.db.kysely);
    this.watermark = highWater.maxUpdatedAt;
    for (;;) {
      const page = await ticketsAfter(this.deps.db.kysely, this.maxNumber, PAGE);
      if (page.length === 0) break;
      await this.addInSlices(index, page);
    }
    index.refresh();
    index.autoRefresh = true;
    this.index = index;
    this.deps.logger.info({ tickets: index.size, ms: Math.round(performance.now() - started), ...index.memory() }, 'similar-ticket index built');
    for (const id of this.changedDuringBuild) void this.reindex(id);
    this.changedDuringBuild.clear();
    return index;
  }

  /** Reads tickets created or changed by other processes since the last look. */
  private async sync(): Promise<void> {
    const db = this.deps.db.kysely;
    const highWater = await ticketsHighWater(db);
    for (let page: IndexedTicket[]; highWater.maxNumber > this.maxNumber && (page = await ticketsAfter(db, this.maxNumber, PAGE)).length > 0; ) {
      await this.addInSlices(this.index!, page);
    }
    await this.readUnseen(db);
    if (this.watermark !== null && highWater.maxUpdatedAt !== null && highWater.maxUpdatedAt > this.watermark) {
      const changed = await ticketsUpdatedSince(db, this.watermark, this.maxNumber, CHANGED_PER_SYNC);
      this.add(this.index!, changed);
      // A full page means there may be more: carry on from the last one read at the next sync.
      const last = changed[changed.length - 1]?.updatedAt;
      // (Unless the page did not move past the watermark: thousands of changes in one millisecond.)
      this.watermark = changed.length === CHANGED_PER_SYNC && last > this.watermark ? last : highWater.maxUpdatedAt;
    } else {
      this.watermark = highWater.maxUpdatedAt ?? this.watermark;
    }
  }

  /**
   * Looks up the numbers skipped so far, by number: tickets whose transaction committed after
   * one with a later number (found now), or numbers that will never come (forgotten after
   * LATE_COMMIT_MS).
   */
  private async readUnseen(db: Deps['db']['kysely']): Promise<void> {
    if (this.unseen.size === 0) return;
    const expired = performance.now() - LATE_COMMIT_MS;
    for (const [number, noticed] of this.unseen) if (noticed < expired) this.unseen.delete(number);
    const numbers = [...this.unseen.keys()].slice(0, UNSEEN_PER_SYNC);
    if (numbers.length > 0) this.add(this.index!, await ticketsNumbered(db, numbers));
  }

  /** Indexing is CPU work: hands the event loop back between slices so that requests keep flowing. */
  private async addInSlices(index: SimilarIndex, tickets: IndexedTicket[]): Promise<void> {
    for (let i = 0; i < tickets.length; i += YIELD_EVERY) {
      this.add(index, tickets.slice(i, i + YIELD_EVERY));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Indexes tickets; with `keepAll`, keeps each with its text (else only replaces kept ones, never left stale). */
  private add(index: SimilarIndex, tickets: IndexedTicket[], keepAll = false): void {
    for (const t of tickets) {
      index.upsert(t.number, t, { solved: t.solved, createdMs: t.createdMs });
      this.noteNumber(index, t.number);
      if (keepAll || this.recentByNumber.has(t.number)) this.keep(t);
    }
  }

  /** Moves `maxNumber` up to an indexed ticket's number, noting the numbers it skips as unseen. */
  private noteNumber(index: SimilarIndex, number: number): void {
    this.unseen.delete(number);
    if (number <= this.maxNumber) return;
    const noticed = performance.now();
    for (let n = Math.max(this.maxNumber + 1, number - UNSEEN_MAX); n < number; n++) if (!index.has(n)) this.unseen.set(n, noticed);
    for (const oldest of this.unseen.keys()) {
      if (this.unseen.size <= UNSEEN_MAX) break;
      this.unseen.delete(oldest);
    }
    this.maxNumber = number;
  }

  private keep(ticket: IndexedTicket): void {
    const previous = this.recentByNumber.get(ticket.number);
    if (previous) this.recentById.delete(previous.id);
    this.recentByNumber.delete(ticket.number);
    if (this.recentByNumber.size >= RECENT_KEPT) {
      const [number, oldest] = this.recentByNumber.entries().next().value!;
      this.recentByNumber.delete(number);
      this.recentById.delete(oldest.id);
    }
    this.recentByNumber.set(ticket.number, ticket);
    this.recentById.set(ticket.id, ticket);
  }

  /** Reads one ticket again and replaces it, or only its status, in the index (queued behind earlier writes). */
  private reindex(ticketId: string, only?: 'status'): Promise<void> {
    if (!this.index) {
      if (this.building) this.changedDuringBuild.add(ticketId);
      return Promise.resolve();
    }
    const held = only ? undefined : this.created.get(ticketId);
    if (held) this.created.delete(ticketId);
    return this.write(async () => {
      const ticket = held ?? (await ticketById(this.deps.db.kysely, ticketId));
      if (!ticket) return;
      if (only === 'status' && this.index!.has(ticket.number)) {
        this.index!.setSolved(ticket.number, ticket.solved);
        this.keep(ticket);
      } else this.add(this.index!, [ticket], true);
    });
  }

  private write(work: () => Promise<void>): Promise<void> {
    const next = this.writes.then(work);
    // A failed write is the caller's to report; the queue itself carries on.
    this.writes = next.catch(() => undefined);
    return next;
  }

  private async present(matches: SimilarMatch[]): Promise<SimilarItem[]> {
    const refs = await ticketRefs(this.deps.db.kysely, matches.map((m) => m.number));
    return matches.flatMap((m) => {
      const ref = refs.get(m.number);
      return ref ? [{ id: ref.id, number: m.number, externalId: ref.externalId, score: Math.round(m.score * 10_000) / 10_000 }] : [];
    });
  }
}
