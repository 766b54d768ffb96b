import { sql, type Kysely, type Updateable } from 'kysely';
import type { Database } from '../platform/db/tables.js';
import type { AutomationRow, AutomationsTable } from './automations.tables.js';

export const findAutomationRow = (db: Kysely<Database>, id: string) => db.selectFrom('automations').selectAll().where('id', '=', id).executeTakeFirst();

/** Every automation in run order, optionally of one trigger. */
export function findAutomationRows(db: Kysely<Database>, trigger?: string) {
  let query = db.selectFrom('automations').selectAll();
  if (trigger) query = query.where('trigger', '=', trigger);
  return query.orderBy('position').orderBy('created_at').orderBy('id').execute();
}

/** Active rules of a trigger, in run order. */
export const findActiveRules = (db: Kysely<Database>, trigger: string) =>
  db.selectFrom('automations').selectAll().where('trigger', '=', trigger).where('active', '=', 1).orderBy('position').orderBy('created_at').orderBy('id').execute();

/** Triggers that have at least one active rule. */
export const activeTriggers = async (db: Kysely<Database>) =>
  (await db.selectFrom('automations').select('trigger').distinct().where('active', '=', 1).execute()).map((r) => r.trigger);

export const findAutomationByName = (db: Kysely<Database>, name: string) =>
  db.selectFrom('automations').select(['id', 'name']).where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();

/** The position after the last rule. */
export const nextPosition = async (db: Kysely<Database>) =>
  Number((await db.selectFrom('automations').select((eb) => eb.fn.max<number>('position').as('p')).executeTakeFirst())?.p ?? -1) + 1;

export async function insertAutomation(db: Kysely<Database>, row: AutomationRow): Promise<void> {
  await db.insertInto('automations').values(row).execute();
}

export async function updateAutomationRow(db: Kysely<Database>, id: string, changes: Updateable<AutomationsTable>): Promise<void> {
  await db.updateTable('automations').set(changes).where('id', '=', id).execute();
}

export async function deleteAutomationRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('automations').where('id', '=', id).execute();
}

/** Moves rules at and after `position` one place down (to make room). */
export async function shiftPositions(db: Kysely<Database>, from: number): Promise<void> {
  await db.updateTable('automations').set({ position: sql<number>`position + 1` }).where('position', '>=', from).execute();
}

/** Whether the rule already fired on the ticket for this key. */
export async function hasFired(db: Kysely<Database>, automationId: string, ticketId: string, key: string): Promise<boolean> {
  const row = await db.selectFrom('automation_runs').select('fire_key').where('automation_id', '=', automationId).where('ticket_id', '=', ticketId).where('fire_key', '=', key).executeTakeFirst();
  return row !== undefined;
}

/** Of these tickets, the (ticket, key) pairs the rule already fired for. */
export async function firedKeys(db: Kysely<Database>, automationId: string, ticketIds: string[]): Promise<Set<string>> {
  if (ticketIds.length === 0) return new Set();
  const rows = await db.selectFrom('automation_runs').select(['ticket_id', 'fire_key']).where('automation_id', '=', automationId).where('ticket_id', 'in', ticketIds).execute();
  return new Set(rows.map((r) => `${r.ticket_id} ${r.fire_key}`));
}

/** Records that a rule fired (once per key) and counts the run. */
export async function recordRun(db: Kysely<Database>, automationId: string, ticketId: string, key: string, at: string, error: string | null): Promise<void> {
  await db
    .insertInto('automation_runs')
    .values({ automation_id: automationId, ticket_id: ticketId, fire_key: key, created_at: at })
    .onConflict((oc) => oc.columns(['automation_id', 'ticket_id', 'fire_key']).doNothing())
    .execute();
  await db
    .updateTable('automations')
    .set({ run_count: sql<number>`run_count + 1`, last_run_at: at, ...(error === null ? {} : { last_error: error }) })
    .where('id', '=', automationId)
    .execute();
}

/** Deletes event-chain records older than `before` (time-rule records stay: they stop repeats). */
export async function purgeChainRuns(db: Kysely<Database>, before: string): Promise<number> {
  const result = await db.deleteFrom('automation_runs').where('fire_key', 'like', 'chain:%').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
