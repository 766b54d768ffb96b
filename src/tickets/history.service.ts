import type { Deps } from '../platform/context.js';
import { findPublicAgentReplies, findRecentTicketsWithReport } from './history.store.js';

/**
 * What other features learn from solved tickets: the public reply that solved each one (for
 * suggestions and drafts) and recent reports (for the knowledge-gap report). Read-only.
 */

export interface SolvingReply {
  ticket: { subject: string; status: string; solvedAt: string | null };
  messageId: string;
  body: string;
  authorId: string | null;
  createdAt: string;
}

/**
 * The public agent reply that solved each ticket: the last one sent at or before the ticket was
 * solved (replies after that are follow-ups), else its last public agent reply. One query.
 */
export async function solvingReplies(deps: Deps, ticketIds: string[]): Promise<Map<string, SolvingReply>> {
  const out = new Map<string, SolvingReply>();
  if (ticketIds.length === 0) return out;
  const latest = new Map<string, SolvingReply>();
  for (const row of await findPublicAgentReplies(deps.db.kysely, [...new Set(ticketIds)])) {
    const reply = { ticket: { subject: row.subject, status: row.status, solvedAt: row.solved_at }, messageId: row.id, body: row.body_text, authorId: row.author_id, createdAt: row.created_at };
    if (!latest.has(row.ticket_id)) latest.set(row.ticket_id, reply);
    // Rows come newest first: the first at or before the solve time is the solving reply.
    if (!out.has(row.ticket_id) && row.solved_at !== null && row.created_at <= row.solved_at) out.set(row.ticket_id, reply);
  }
  for (const [ticketId, reply] of latest) if (!out.has(ticketId)) out.set(ticketId, reply);
  return out;
}

export interface RecentReport {
  id: string;
  number: number;
  subject: string;
  status: string;
  createdAt: string;
  /** The customer's first public message. */
  report: string;
}

/** Tickets created since a time, newest first (at most `limit`), with the customer's first message. */
export async function recentReports(deps: Deps, since: string, limit: number): Promise<RecentReport[]> {
  const rows = await findRecentTicketsWithReport(deps.db.kysely, since, limit);
  return rows.map((r) => ({ id: r.id, number: r.number, subject: r.subject, status: r.status, createdAt: r.created_at, report: r.report }));
}
