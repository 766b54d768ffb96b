import type { Kysely } from 'kysely';
import type { Actor } from '../platform/auth/principal.js';
import type { Database, MessageRow, TicketRow } from '../platform/db/tables.js';

/**
 * Extension points in a ticket's life. Features (triage, routing, SLA, automations …) plug in
 * here from the composition root instead of the ticket service importing them, so the ticket
 * core knows no feature and a feature can be added or removed in one line of `src/app.ts`.
 *
 * Every hook runs inside the transaction of the change that triggered it: what a hook writes
 * commits with the ticket or not at all. Hooks run in registration order; a hook that throws
 * aborts the change (so hooks must only throw for real faults, never for "nothing to do").
 */
export interface TicketCreateContext {
  trx: Kysely<Database>;
  actor: Actor;
  /** The row about to be inserted; `beforeCreate` hooks may change its fields. */
  row: TicketRow;
  /** The first message's text. */
  body: string;
  /** Which fields the caller set explicitly (a hook must not override them). */
  explicit: { priority: boolean; category: boolean; groupId: boolean; assigneeId: boolean };
  /**
   * Runs `callback` once the ticket's transaction has committed (not at all if it rolls back):
   * for a hook's events, which others must never see before the data they describe.
   */
  onCommit(callback: () => void): void;
}

/** After creation: the same, with the first message's id (every ticket opens with one). */
export type TicketCreatedContext = Omit<TicketCreateContext, 'explicit'> & { messageId: string };

export interface TicketUpdateContext {
  trx: Kysely<Database>;
  actor: Actor;
  before: TicketRow;
  after: TicketRow;
  /** API field names that changed (`status`, `priority`, `category`, `assigneeId` …). */
  changed: string[];
}

export interface MessageAddedContext {
  trx: Kysely<Database>;
  actor: Actor;
  /** The ticket after the message was added (status and timestamps updated). */
  ticket: TicketRow;
  /** The ticket's status before the message. */
  previousStatus: string;
  message: MessageRow;
}

export interface TicketLifecycle {
  /** Before the ticket row is inserted: fill in priority, category, triage, group, assignee. */
  beforeCreate: Array<(ctx: TicketCreateContext) => Promise<void>>;
  /** After the ticket, its first message and tags are inserted. */
  afterCreate: Array<(ctx: TicketCreatedContext) => Promise<void>>;
  /** After a field change (including status) was written. */
  afterUpdate: Array<(ctx: TicketUpdateContext) => Promise<void>>;
  /** After a reply or note was added. */
  afterMessage: Array<(ctx: MessageAddedContext) => Promise<void>>;
}

export const emptyLifecycle = (): TicketLifecycle => ({ beforeCreate: [], afterCreate: [], afterUpdate: [], afterMessage: [] });

/** Runs hooks one after another (they may depend on each other's changes to the row). */
export async function runHooks<C>(hooks: Array<(ctx: C) => Promise<void>>, ctx: C): Promise<void> {
  for (const hook of hooks) await hook(ctx);
}
