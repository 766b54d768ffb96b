import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/principal.js';
import { inTransaction, type Deps } from '../platform/context.js';
import type { Database, TicketRow } from '../platform/db/tables.js';
import { AppError, notFound } from '../platform/errors.js';
import type { AnswerInput, CsatListFilter, Survey } from './surveys.schema.js';
import { countSent, findAnswered, findSurvey, insertSurveyIfNew, saveAnswer, summarise } from './surveys.store.js';
import type { CsatSurveyRow } from './surveys.tables.js';
import { serverSecret, surveySignature } from './signing.js';

/** An answer may be changed for this long after it was first given. */
export const CHANGE_WINDOW_MS = 7 * 24 * 3_600_000;
/** The outbound mail job (the e-mail channel handles it). */
export const EMAIL_JOB = 'email.send';
/** Addresses that can never receive mail (RFC 2606), such as the incident tickets' requester. */
const UNDELIVERABLE = /\.invalid$/i;

const toSurvey = (row: CsatSurveyRow): Survey => ({
  ticketId: row.ticket_id,
  sentAt: row.sent_at,
  rating: row.rating,
  comment: row.comment,
  source: row.source,
  answeredAt: row.answered_at,
  changeableUntil: row.answered_at ? new Date(Date.parse(row.answered_at) + CHANGE_WINDOW_MS).toISOString() : null,
});

/** The public survey page's address, signed; with a rating, the one-click link for it. */
export function surveyUrl(deps: Deps, secret: string, ticketId: string, rating?: number): string {
  const url = new URL(`/surveys/${encodeURIComponent(ticketId)}`, `${deps.config.publicUrl}/`);
  url.searchParams.set('sig', surveySignature(secret, ticketId));
  if (rating !== undefined) url.searchParams.set('rating', String(rating));
  return url.toString();
}

const LABELS = ['Very unhappy', 'Unhappy', 'Neutral', 'Happy', 'Very happy'];

function surveyEmail(deps: Deps, secret: string, ticket: TicketRow, name: string | null) {
  const links = [5, 4, 3, 2, 1].map((r) => ({ rating: r, label: LABELS[r - 1]!, url: surveyUrl(deps, secret, ticket.id, r) }));
  const greeting = name ? `Hello ${name},` : 'Hello,';
  const text = [
    greeting,
    '',
    `Your request #${ticket.number} "${ticket.subject}" was solved. How did we do? One click records your answer:`,
    '',
    ...links.map((l) => `${l.rating} – ${l.label}: ${l.url}`),
    '',
    'You can add a comment on the page that opens, and change your answer for 7 days.',
  ].join('\n');
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = [
    `<p>${escape(greeting)}</p>`,
    `<p>Your request #${ticket.number} “${escape(ticket.subject)}” was solved. How did we do? One click records your answer:</p>`,
    `<ul>${links.map((l) => `<li><a href="${escape(l.url)}">${l.rating} – ${escape(l.label)}</a></li>`).join('')}</ul>`,
    '<p>You can add a comment on the page that opens, and change your answer for 7 days.</p>',
  ].join('\n');
  return { subject: `How did we do? [#${ticket.number}] ${ticket.subject}`.slice(0, 250), text, html };
}

/**
 * Opens the ticket's survey when it is solved, in the solving transaction, and queues the
 * e-mail that carries it. A ticket solved again after a reopen keeps its first survey.
 */
export async function openSurvey(deps: Deps, trx: Kysely<Database>, ticket: TicketRow): Promise<void> {
  const now = deps.clock.now().toISOString();
  const row: CsatSurveyRow = { ticket_id: ticket.id, requester_id: ticket.requester_id, sent_at: now, rating: null, comment: null, source: null, answered_at: null, updated_at: now };
  if (!(await insertSurveyIfNew(trx, row))) return;
  const requester = await trx.selectFrom('customers').select(['email', 'name']).where('id', '=', ticket.requester_id).executeTakeFirst();
  if (!requester || UNDELIVERABLE.test(requester.email)) return;
  const secret = await serverSecret(deps, trx);
  const email = surveyEmail(deps, secret, ticket, requester.name);
  await deps.jobs.enqueue(EMAIL_JOB, { to: requester.email, ...email, ticketId: ticket.id, kind: 'csat_survey' }, { trx, key: `csat:${ticket.id}` });
}

export async function getTicketSurvey(deps: Deps, ticketId: string): Promise<Survey | null> {
  const ticket = await deps.db.kysely.selectFrom('tickets').select('id').where('id', '=', ticketId).executeTakeFirst();
  if (!ticket) throw notFound('Ticket');
  const row = await findSurvey(deps.db.kysely, ticketId);
  return row ? toSurvey(row) : null;
}

/**
 * Records the customer's rating: one answer per ticket, which they may change for 7 days after
 * first giving it. A rating without a comment keeps the comment given before.
 */
export async function recordAnswer(deps: Deps, actor: Actor, ticketId: string, input: AnswerInput, source: 'email' | 'portal' | 'api'): Promise<Survey> {
  const { survey, changed } = await inTransaction(deps, async (trx) => {
    const row = await findSurvey(trx, ticketId);
    if (!row) throw notFound('Survey');
    const now = deps.clock.now();
    if (row.answered_at && now.getTime() - Date.parse(row.answered_at) > CHANGE_WINDOW_MS) {
      throw new AppError('survey_closed', 'This survey was answered more than 7 days ago and can no longer be changed');
    }
    const comment = input.comment === undefined ? row.comment : input.comment || null;
    const answer = { rating: input.rating, comment, source, answered_at: row.answered_at ?? now.toISOString(), updated_at: now.toISOString() };
    if (row.rating === answer.rating && row.comment === answer.comment) return { survey: row, changed: null };
    await saveAnswer(trx, ticketId, answer);
    await recordAudit(trx, deps.clock, {
      actor,
      action: row.rating === null ? 'csat.answered' : 'csat.changed',
      entityType: 'ticket',
      entityId: ticketId,
      ticketId,
      changes: { ...(row.rating === null ? {} : { before: { rating: row.rating, comment: row.comment } }), after: { rating: answer.rating, comment: answer.comment, source } },
    });
    return { survey: { ...row, ...answer }, changed: row.rating !== null };
  });
  if (changed !== null) deps.events.publish('csat.received', { ticketId, rating: input.rating, comment: survey.comment, changed });
  return toSurvey(survey);
}

/**
 * Answers with the summary support leads watch (average and share of 4–5): in a period, and for
 * one customer or organisation when asked (the customer and organisation pages).
 */
export async function listAnswers(deps: Deps, filter: CsatListFilter) {
  const from = filter.from === undefined ? undefined : new Date(filter.from).toISOString();
  const to = filter.to === undefined ? undefined : new Date(filter.to).toISOString();
  if (from !== undefined && to !== undefined && from > to) throw new AppError('validation_failed', 'from must not be after to', { fields: [{ path: 'from', message: 'is after to' }] });
  let after: { answeredAt: string; ticketId: string } | undefined;
  if (filter.cursor) {
    const [answeredAt, ticketId] = Buffer.from(filter.cursor, 'base64url').toString().split('|');
    if (!answeredAt || !ticketId) throw new AppError('invalid_cursor');
    after = { answeredAt, ticketId };
  }
  const db = deps.db.kysely;
  const scope = { from, to, requesterId: filter.requester, organisationId: filter.organisation };
  const [rows, totals, sent] = await Promise.all([findAnswered(db, { ...scope, order: filter.order, limit: filter.limit + 1, after }), summarise(db, scope), countSent(db, scope)]);
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return {
    summary: {
      sent,
      answered: totals.answered,
      average: totals.answered ? Math.round((totals.sum / totals.answered) * 100) / 100 : null,
      satisfiedShare: totals.answered ? Math.round((totals.satisfied / totals.answered) * 10_000) / 10_000 : null,
    },
    items: page.map((r) => ({ ticketId: r.ticket_id, number: Number(r.number), subject: r.subject, rating: r.rating!, comment: r.comment, source: r.source, answeredAt: r.answered_at! })),
    nextCursor: rows.length > filter.limit && last ? Buffer.from(`${last.answered_at}|${last.ticket_id}`).toString('base64url') : null,
  };
}
