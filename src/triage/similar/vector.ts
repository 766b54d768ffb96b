import { ownText, termsOf } from './text.js';

/** What a ticket says, as the similar-ticket index reads it. */
export interface TicketText {
  subject: string;
  /** The customer's first message, then any later customer messages. */
  body: string;
}

/** How a ticket's text becomes term weights. */
export interface VectorParams {
  /** In the whole-ticket view, a subject word counts this many times a body word (a whole number). */
  subjectWeight: number;
  /** Body terms read at most: long logs and pasted traces should not drown the report. */
  maxBodyTerms: number;
}

/** Body characters read at most. */
const MAX_BODY_CHARS = 20_000;

export const DEFAULT_VECTOR_PARAMS: VectorParams = { subjectWeight: 2, maxBodyTerms: 600 };

/** Term → how many times it counts (subject occurrences multiplied). */
export type TermCounts = Map<string, number>;

/**
 * The two views of a ticket the index compares: its subject alone, and the whole ticket
 * (subject words counted `subjectWeight` times, then the customer's own text with quoted history
 * and signatures removed). A long description dilutes the whole-ticket vector, and two reports
 * of one problem often share little beyond their summaries; the subject view keeps that signal.
 */
export function ticketVectors(text: TicketText, params: VectorParams = DEFAULT_VECTOR_PARAMS): { subject: TermCounts; full: TermCounts } {
  const subject = new Map<string, number>();
  for (const term of termsOf(text.subject)) subject.set(term, (subject.get(term) ?? 0) + 1);
  const full = new Map<string, number>();
  for (const [term, count] of subject) full.set(term, count * params.subjectWeight);
  // 600 terms take a few thousand characters; reading further into a huge paste is wasted work.
  const body = termsOf(ownText(text.body.length > MAX_BODY_CHARS ? text.body.slice(0, MAX_BODY_CHARS) : text.body));
  const n = Math.min(body.length, params.maxBodyTerms);
  for (let i = 0; i < n; i++) full.set(body[i], (full.get(body[i]) ?? 0) + 1);
  return { subject, full };
}
