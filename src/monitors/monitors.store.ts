import type { Kysely } from 'kysely';
import type { AlertRow } from '../analytics/analytics.tables.js';
import type { Database } from '../platform/db/tables.js';

type Db = Kysely<Database>;
export type SampleTicket = { id: string; number: number; subject: string };

const sample = (rows: Array<{ id: string; number: number; subject: string }>): SampleTicket[] => rows.map((r) => ({ id: r.id, number: Number(r.number), subject: r.subject }));

/** Escalated tickets created in the window (optionally of one category), newest first. */
export async function escalatedTickets(db: Db, from: string, to: string, category: string | null | undefined, limit: number): Promise<SampleTicket[]> {
  let q = db
    .selectFrom('analytics_ticket_state as s')
    .innerJoin('tickets', 'tickets.id', 's.ticket_id')
    .select(['tickets.id', 'tickets.number', 'tickets.subject'])
    .where('s.escalations', '>', 0)
    .where('s.created_at', '>=', from)
    .where('s.created_at', '<', to);
  if (category !== undefined) q = category === null ? q.where('s.category', 'is', null) : q.where('s.category', '=', category);
  return sample(await q.orderBy('s.created_at', 'desc').limit(limit).execute());
}

/** Tickets created in the window, newest first. */
export async function ticketsCreated(db: Db, from: string, to: string, limit: number): Promise<SampleTicket[]> {
  return sample(
    await db.selectFrom('tickets').select(['id', 'number', 'subject']).where('created_at', '>=', from).where('created_at', '<', to).orderBy('created_at', 'desc').limit(limit).execute(),
  );
}

/** Tickets created since `from` that moved between groups at least `moves` times: how many, and a sample. */
export async function bouncingTickets(db: Db, from: string, moves: number, limit: number): Promise<{ count: number; samples: SampleTicket[] }> {
  const base = db.selectFrom('analytics_ticket_state as s').where('s.group_moves', '>=', moves).where('s.created_at', '>=', from);
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base.innerJoin('tickets', 'tickets.id', 's.ticket_id').select(['tickets.id', 'tickets.number', 'tickets.subject']).orderBy('s.group_moves', 'desc').limit(limit).execute();
  return { count: Number(counted?.n ?? 0), samples: sample(rows) };
}

/** Reopened tickets of a category solved in the window. */
export async function reopenedTickets(db: Db, from: string, to: string, category: string, limit: number): Promise<SampleTicket[]> {
  const rows = await db
    .selectFrom('analytics_ticket_state as s')
    .innerJoin('tickets', 'tickets.id', 's.ticket_id')
    .select(['tickets.id', 'tickets.number', 'tickets.subject'])
    .where('s.reopens', '>', 0)
    .where('s.solved_at', '>=', from)
    .where('s.solved_at', '<', to)
    .where(category === '' ? (eb) => eb('s.category', 'is', null) : (eb) => eb('s.category', '=', category))
    .limit(limit)
    .execute();
  return sample(rows);
}

export async function findUnresolvedAlert(db: Db, monitor: string, key: string): Promise<AlertRow | undefined> {
  return db.selectFrom('alerts').selectAll().where('monitor', '=', monitor).where('dedup_key', '=', key).where('status', '<>', 'resolved').executeTakeFirst();
}

export async function findAlert(db: Db, id: string): Promise<AlertRow | undefined> {
  return db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAlert(db: Db, row: AlertRow): Promise<void> {
  await db.insertInto('alerts').values(row).execute();
}

export async function updateAlert(db: Db, id: string, patch: Partial<AlertRow>): Promise<void> {
  await db.updateTable('alerts').set(patch).where('id', '=', id).execute();
}

export async function listAlertRows(db: Db, status: string, limit: number): Promise<AlertRow[]> {
  let q = db.selectFrom('alerts').selectAll();
  q = status === 'unresolved' ? q.where('status', '<>', 'resolved') : q.where('status', '=', status);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function findSettings(db: Db): Promise<Array<{ monitor: string; enabled: number; thresholds: string }>> {
  return db.selectFrom('monitor_settings').select(['monitor', 'enabled', 'thresholds']).execute();
}

export async function saveSettings(db: Db, monitor: string, enabled: boolean, thresholds: unknown, at: string): Promise<void> {
  const row = { monitor, enabled: enabled ? 1 : 0, thresholds: JSON.stringify(thresholds), updated_at: at };
  await db
    .insertInto('monitor_settings')
    .values(row)
    .onConflict((oc) => oc.column('monitor').doUpdateSet({ enabled: row.enabled, thresholds: row.thresholds, updated_at: at }))
    .execute();
}

/** Recent ticket subjects (for term clusters), newest first. */
export async function recentSubjects(db: Db, from: string, limit: number): Promise<SampleTicket[]> {
  return sample(await db.selectFrom('tickets').select(['id', 'number', 'subject']).where('created_at', '>=', from).orderBy('created_at', 'desc').limit(limit).execute());
}
