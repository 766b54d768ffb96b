import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/tables.js';
import type { CsatSurveyRow } from './surveys.tables.js';

export const findSurvey = (db: Kysely<Database>, ticketId: string): Promise<CsatSurveyRow | undefined> =>
  db.selectFrom('csat_surveys').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();

/** A survey for the ticket unless it has one (a ticket solved again keeps its first survey). */
export async function insertSurveyIfNew(db: Kysely<Database>, row: CsatSurveyRow): Promise<boolean> {
  const inserted = await db.insertInto('csat_surveys').values(row).onConflict((oc) => oc.column('ticket_id').doNothing()).returning('ticket_id').executeTakeFirst();
  return inserted !== undefined;
}

export async function saveAnswer(db: Kysely<Database>, ticketId: string, answer: Pick<CsatSurveyRow, 'rating' | 'comment' | 'source' | 'answered_at' | 'updated_at'>): Promise<void> {
  await db.updateTable('csat_surveys').set(answer).where('ticket_id', '=', ticketId).execute();
}

/** Which answers a list or summary covers: a period (either end open) and one requester or organisation. */
export interface CsatScope {
  from?: string;
  to?: string;
  requesterId?: string;
  organisationId?: string;
}

export interface CsatListFilter extends CsatScope {
  limit: number;
  order: 'asc' | 'desc';
  after?: { answeredAt: string; ticketId: string };
}

/**
 * Surveys (`s`) in scope; `time` is the column the period applies to. An organisation's are
 * those of its tickets (a subquery on the tickets' organisation index, so summaries need no join).
 */
function surveysInScope(db: Kysely<Database>, scope: CsatScope, time: 's.answered_at' | 's.sent_at') {
  let query = db.selectFrom('csat_surveys as s');
  if (scope.from) query = query.where(time, '>=', scope.from);
  if (scope.to) query = query.where(time, '<', scope.to);
  if (scope.requesterId) query = query.where('s.requester_id', '=', scope.requesterId);
  const organisationId = scope.organisationId;
  if (organisationId) query = query.where('s.ticket_id', 'in', (eb) => eb.selectFrom('tickets').select('tickets.id').where('tickets.organisation_id', '=', organisationId));
  return query;
}

/** Answered surveys in scope, by answer time (keyset pages). */
export function findAnswered(db: Kysely<Database>, filter: CsatListFilter) {
  let query = surveysInScope(db, filter, 's.answered_at')
    .innerJoin('tickets as t', 't.id', 's.ticket_id')
    .select(['s.ticket_id', 't.number', 't.subject', 's.rating', 's.comment', 's.source', 's.answered_at', 's.sent_at'])
    .where('s.answered_at', 'is not', null)
    .orderBy('s.answered_at', filter.order)
    .orderBy('s.ticket_id', filter.order)
    .limit(filter.limit);
  if (filter.after) {
    const { answeredAt, ticketId } = filter.after;
    const op = filter.order === 'asc' ? '>' : '<';
    query = query.where((eb) => eb.or([eb('s.answered_at', op, answeredAt), eb.and([eb('s.answered_at', '=', answeredAt), eb('s.ticket_id', op, ticketId)])]));
  }
  return query.execute();
}

/** Count and sum of ratings, and how many were 4 or 5, in scope. */
export async function summarise(db: Kysely<Database>, scope: CsatScope): Promise<{ answered: number; sum: number; satisfied: number }> {
  const row = await surveysInScope(db, scope, 's.answered_at')
    .select((eb) => [
      eb.fn.count<number | string>('s.rating').as('answered'),
      eb.fn.sum<number | string | null>('s.rating').as('sum'),
      eb.fn.sum<number | string | null>(eb.case().when('s.rating', '>=', 4).then(1).else(0).end()).as('satisfied'),
    ])
    .where('s.answered_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return { answered: Number(row.answered), sum: Number(row.sum ?? 0), satisfied: Number(row.satisfied ?? 0) };
}

/** Surveys sent in scope. */
export const countSent = async (db: Kysely<Database>, scope: CsatScope): Promise<number> =>
  Number((await surveysInScope(db, scope, 's.sent_at').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
