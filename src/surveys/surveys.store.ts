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

export interface CsatListFilter {
  from: string;
  to: string;
  limit: number;
  after?: { answeredAt: string; ticketId: string };
}

/** Answered surveys in a period, oldest answer first (keyset pages). */
export function findAnswered(db: Kysely<Database>, filter: CsatListFilter) {
  let query = db
    .selectFrom('csat_surveys as s')
    .innerJoin('tickets as t', 't.id', 's.ticket_id')
    .select(['s.ticket_id', 't.number', 's.rating', 's.comment', 's.source', 's.answered_at', 's.sent_at'])
    .where('s.answered_at', '>=', filter.from)
    .where('s.answered_at', '<', filter.to)
    .orderBy('s.answered_at')
    .orderBy('s.ticket_id')
    .limit(filter.limit);
  if (filter.after) {
    const { answeredAt, ticketId } = filter.after;
    query = query.where((eb) => eb.or([eb('s.answered_at', '>', answeredAt), eb.and([eb('s.answered_at', '=', answeredAt), eb('s.ticket_id', '>', ticketId)])]));
  }
  return query.execute();
}

/** Count and sum of ratings, and how many were 4 or 5, in a period. */
export async function summarise(db: Kysely<Database>, from: string, to: string): Promise<{ answered: number; sum: number; satisfied: number }> {
  const row = await db
    .selectFrom('csat_surveys')
    .select((eb) => [
      eb.fn.count<number | string>('rating').as('answered'),
      eb.fn.sum<number | string | null>('rating').as('sum'),
      eb.fn.sum<number | string | null>(eb.case().when('rating', '>=', 4).then(1).else(0).end()).as('satisfied'),
    ])
    .where('answered_at', '>=', from)
    .where('answered_at', '<', to)
    .executeTakeFirstOrThrow();
  return { answered: Number(row.answered), sum: Number(row.sum ?? 0), satisfied: Number(row.satisfied ?? 0) };
}

export const countSent = async (db: Kysely<Database>, from: string, to: string): Promise<number> =>
  Number((await db.selectFrom('csat_surveys').select((eb) => eb.fn.countAll<number | string>().as('n')).where('sent_at', '>=', from).where('sent_at', '<', to).executeTakeFirstOrThrow()).n);
