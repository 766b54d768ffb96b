import type { Kysely } from 'kysely';
import { CompiledStatements } from '../platform/db/compiled.js';
import type { Database } from '../platform/db/tables.js';
import { withSlaColumns, type SlaCalendarRow, type SlaCalendarsTable, type SlaPoliciesTable, type SlaPolicyRow } from './sla.tables.js';

export const listCalendarRows = (db: Kysely<Database>) => db.selectFrom('sla_calendars').selectAll().orderBy('name').execute();
export const findCalendarRow = (db: Kysely<Database>, id: string) => db.selectFrom('sla_calendars').selectAll().where('id', '=', id).executeTakeFirst();
export const findCalendarByName = (db: Kysely<Database>, name: string) =>
  db.selectFrom('sla_calendars').selectAll().where('name', '=', name).executeTakeFirst();

export async function insertCalendar(db: Kysely<Database>, row: SlaCalendarRow): Promise<void> {
  await db.insertInto('sla_calendars').values(row).execute();
}
export async function updateCalendarRow(db: Kysely<Database>, id: string, changes: Partial<SlaCalendarsTable>): Promise<void> {
  await db.updateTable('sla_calendars').set(changes).where('id', '=', id).execute();
}
export async function deleteCalendarRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sla_calendars').where('id', '=', id).execute();
}
/** Only one calendar is the default: setting one clears the others. */
export async function clearDefaultCalendar(db: Kysely<Database>, exceptId: string): Promise<void> {
  await db.updateTable('sla_calendars').set({ is_default: 0 }).where('id', '!=', exceptId).where('is_default', '=', 1).execute();
}

export const listPolicyRows = (db: Kysely<Database>) => db.selectFrom('sla_policies').selectAll().orderBy('position').orderBy('id').execute();
export const findPolicyRow = (db: Kysely<Database>, id: string) => db.selectFrom('sla_policies').selectAll().where('id', '=', id).executeTakeFirst();
export const findPolicyByName = (db: Kysely<Database>, name: string) =>
  db.selectFrom('sla_policies').selectAll().where('name', '=', name).executeTakeFirst();
export const policiesUsingCalendar = (db: Kysely<Database>, calendarId: string) =>
  db.selectFrom('sla_policies').select(['id', 'name']).where('calendar_id', '=', calendarId).execute();

export async function nextPolicyPosition(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('sla_policies').select((eb) => eb.fn.max('position').as('max')).executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}
export async function insertPolicy(db: Kysely<Database>, row: SlaPolicyRow): Promise<void> {
  await db.insertInto('sla_policies').values(row).execute();
}
export async function updatePolicyRow(db: Kysely<Database>, id: string, changes: Partial<SlaPoliciesTable>): Promise<void> {
  await db.updateTable('sla_policies').set(changes).where('id', '=', id).execute();
}
export async function deletePolicyRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sla_policies').where('id', '=', id).execute();
}

export const groupExists = async (db: Kysely<Database>, id: string) => !!(await db.selectFrom('groups').select('id').where('id', '=', id).executeTakeFirst());

/** What policy matching reads about a ticket's organisation. */
export async function organisationPlan(db: Kysely<Database>, organisationId: string | null): Promise<string | null> {
  if (!organisationId) return null;
  const row = await db.selectFrom('organisations').select('plan').where('id', '=', organisationId).executeTakeFirst();
  return row?.plan ?? null;
}

const SLA_COLUMNS = ['id', 'number', 'subject', 'status', 'priority', 'group_id', 'organisation_id', 'channel', 'assignee_id', 'sla', 'sla_next_due_at'] as const;
export type TicketSlaRow = Awaited<ReturnType<typeof findTicketsSla>>[number];

// The per-ticket statements of the timer path, compiled once: building a query tree per ticket
// costs more than running it.
const statements = new CompiledStatements();

/** The SLA columns of tickets, plus what the timers need to know about them. */
export const findTicketsSla = (db: Kysely<Database>, ids: string[]) => db.selectFrom('tickets').select([...SLA_COLUMNS]).where('id', 'in', ids).execute();

export async function findTicketSla(db: Kysely<Database>, id: string): Promise<TicketSlaRow | undefined> {
  const [row] = await statements.run<TicketSlaRow>(db, 'findTicketSla', (k: Kysely<Database>) => k.selectFrom('tickets').select([...SLA_COLUMNS]).where('id', '=', ''), [id]);
  return row;
}

/**
 * Writes a ticket's SLA state. With `expectedSla`, only if the stored state is still that text:
 * a timer and a sweep (or two nodes) racing on one ticket cannot both fire its events. SLA
 * bookkeeping leaves `version` and `updated_at` alone, so it never makes an agent's If-Match fail.
 */
export async function writeTicketSla(
  db: Kysely<Database>,
  id: string,
  values: { sla: string | null; sla_next_due_at: string | null; sla_due_at: string | null },
  expectedSla?: string | null,
): Promise<boolean> {
  const set = { sla: '', sla_next_due_at: '', sla_due_at: '' };
  const update = (k: Kysely<Database>) => withSlaColumns(k).updateTable('tickets').set(set).where('id', '=', '');
  const params: unknown[] = [values.sla, values.sla_next_due_at, values.sla_due_at, id];
  const result =
    expectedSla === undefined
      ? await statements.execute(db, 'writeTicketSla', update, params)
      : expectedSla === null
        ? await statements.execute(db, 'writeTicketSlaIfNull', (k: Kysely<Database>) => update(k).where('sla', 'is', null), params)
        : await statements.execute(db, 'writeTicketSlaIfSame', (k: Kysely<Database>) => update(k).where('sla', '=', ''), [...params, expectedSla]);
  return Number(result.numAffectedRows ?? 0) === 1;
}

/** Tickets whose next warning or breach is due: the sweep's query, served by the tickets_sla_due index. */
export function dueTicketsQuery(db: Kysely<Database>, now: string, limit: number, after?: { at: string; id: string }) {
  let query = db.selectFrom('tickets').select(['id', 'sla_next_due_at']).where('sla_next_due_at', '<=', now);
  if (after) {
    query = query.where((eb) => eb.or([eb('sla_next_due_at', '>', after.at), eb.and([eb('sla_next_due_at', '=', after.at), eb('id', '>', after.id)])]));
  }
  return query
    .orderBy('sla_next_due_at')
    .orderBy('id')
    .limit(limit);
}
export const dueTicketIds = (db: Kysely<Database>, now: string, limit: number, after?: { at: string; id: string }) => dueTicketsQuery(db, now, limit, after).execute();

/** Open tickets carrying SLA state, a page after `afterId` (recomputation after a policy change). */
export const openTicketsWithSla = (db: Kysely<Database>, afterId: string, limit: number) =>
  db
    .selectFrom('tickets')
    .select('id')
    .where('sla', 'is not', null)
    .where('status', 'not in', ['solved', 'closed'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();

/** Tickets by their earliest running deadline, up to `until` (served by tickets_sla_deadline). */
export function atRiskRows(db: Kysely<Database>, until: string, filter: { group?: string; assignee?: string; limit: number }) {
  let query = withSlaColumns(db)
    .selectFrom('tickets')
    .select(['id', 'number', 'subject', 'status', 'priority', 'assignee_id', 'group_id', 'sla', 'sla_due_at'])
    .where('sla_due_at', 'is not', null)
    .where('sla_due_at', '<=', until);
  if (filter.group) query = query.where('group_id', '=', filter.group);
  if (filter.assignee) query = query.where('assignee_id', filter.assignee === 'none' ? 'is' : '=', filter.assignee === 'none' ? null : filter.assignee);
  return query.orderBy('sla_due_at').orderBy('id').limit(filter.limit).execute();
}
