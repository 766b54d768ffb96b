import type { Kysely } from 'kysely';
import { CompiledStatements } from '../platform/db/compiled.js';
import type { Database } from '../platform/db/tables.js';
import { DEFAULT_BURST_RULE } from '../triage/similar/incidents.service.js';
import type { BurstSettings } from './incidents.schema.js';

const SETTINGS_KEY = 'incidents.burst_rule';
// New tickets look up their look-alikes' incidents and join one: compiled once per shape.
const statements = new CompiledStatements();

export const DEFAULT_BURST_SETTINGS: BurstSettings = {
  enabled: true,
  minTickets: DEFAULT_BURST_RULE.minTickets,
  windowMinutes: DEFAULT_BURST_RULE.windowMs / 60_000,
  minScore: DEFAULT_BURST_RULE.minScore,
};

export async function findBurstSettings(db: Kysely<Database>): Promise<BurstSettings> {
  const row = await db.selectFrom('system_settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  return row ? { ...DEFAULT_BURST_SETTINGS, ...(JSON.parse(row.value) as Partial<BurstSettings>) } : DEFAULT_BURST_SETTINGS;
}

export async function saveBurstSettings(db: Kysely<Database>, settings: BurstSettings): Promise<void> {
  const value = JSON.stringify(settings);
  await db
    .insertInto('system_settings')
    .values({ key: SETTINGS_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

const ticketHead = ['t.id', 't.number', 't.subject', 't.status'] as const;

/** The incident a ticket is linked to, with the link. */
export const findIncidentOf = (db: Kysely<Database>, ticketId: string) =>
  db
    .selectFrom('incident_links as l')
    .innerJoin('tickets as t', 't.id', 'l.incident_id')
    .select([...ticketHead, 'l.linked_by', 'l.created_at'])
    .where('l.ticket_id', '=', ticketId)
    .executeTakeFirst();

/** The incidents that some of these tickets are linked to: ticket id → incident id. */
export async function findIncidentIds(db: Kysely<Database>, ticketIds: string[]): Promise<Map<string, { incidentId: string; status: string }>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('incident_links as l')
    .innerJoin('tickets as t', 't.id', 'l.incident_id')
    .select(['l.ticket_id', 'l.incident_id', 't.status'])
    .where('l.ticket_id', 'in', ticketIds)
    .execute();
  return new Map(rows.map((r) => [r.ticket_id, { incidentId: r.incident_id, status: r.status }]));
}

export const findMembers = (db: Kysely<Database>, incidentId: string) =>
  db
    .selectFrom('incident_links as l')
    .innerJoin('tickets as t', 't.id', 'l.ticket_id')
    .select([...ticketHead, 'l.linked_by', 'l.created_at'])
    .where('l.incident_id', '=', incidentId)
    .orderBy('l.created_at')
    .orderBy('t.number')
    .execute();

export async function isIncident(db: Kysely<Database>, ticketId: string): Promise<boolean> {
  const row = await db.selectFrom('incident_links').select('ticket_id').where('incident_id', '=', ticketId).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function insertLinks(db: Kysely<Database>, incidentId: string, ticketIds: string[], linkedBy: string, now: string): Promise<void> {
  if (ticketIds.length === 0) return;
  if (ticketIds.length === 1) {
    const row = { ticket_id: ticketIds[0], incident_id: incidentId, linked_by: linkedBy, created_at: now };
    await statements.insertRow(db, 'insert-link', 'incident_links', row, (insert) => insert.onConflict((oc) => oc.column('ticket_id').doNothing()));
    return;
  }
  await db
    .insertInto('incident_links')
    .values(ticketIds.map((ticketId) => ({ ticket_id: ticketId, incident_id: incidentId, linked_by: linkedBy, created_at: now })))
    .onConflict((oc) => oc.column('ticket_id').doNothing())
    .execute();
}

export async function deleteLink(db: Kysely<Database>, ticketId: string): Promise<string | null> {
  const row = await db.deleteFrom('incident_links').where('ticket_id', '=', ticketId).returning('incident_id').executeTakeFirst();
  return row?.incident_id ?? null;
}

/** For tickets by number: the open incident each is linked to, if any. */
export async function openIncidentsOfNumbers(db: Kysely<Database>, numbers: number[]): Promise<Map<number, string>> {
  if (numbers.length === 0) return new Map();
  const rows = await statements.run<{ number: number; incident_id: string }>(
    db,
    `open-incidents-of-${numbers.length}`,
    (k: Kysely<Database>) =>
      k
        .selectFrom('tickets as t')
        .innerJoin('incident_links as l', 'l.ticket_id', 't.id')
        .innerJoin('tickets as i', 'i.id', 'l.incident_id')
        .select(['t.number', 'l.incident_id'])
        .where('t.number', 'in', numbers)
        .where('i.status', 'not in', ['solved', 'closed']),
    [...numbers, 'solved', 'closed'],
  );
  return new Map(rows.map((r) => [Number(r.number), r.incident_id]));
}

export const findTicketHead = (db: Kysely<Database>, id: string) =>
  db.selectFrom('tickets').select(['id', 'number', 'subject', 'status', 'priority', 'tags']).where('id', '=', id).executeTakeFirst();
