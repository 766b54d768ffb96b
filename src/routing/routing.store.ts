import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/tables.js';
import type { AssignmentMode, Candidate } from './assign.js';
import type { RoutingRuleRow } from './routing.tables.js';

const ON_CALL_KEY = 'routing.on_call_group_id';
/** Statuses that count as an agent's current load. */
const LOAD_STATUSES = ['new', 'open'];

export const findRules = (db: Kysely<Database>): Promise<RoutingRuleRow[]> => db.selectFrom('routing_rules').selectAll().orderBy('position').execute();

export async function replaceRuleRows(db: Kysely<Database>, rows: RoutingRuleRow[]): Promise<void> {
  await db.deleteFrom('routing_rules').execute();
  if (rows.length > 0) await db.insertInto('routing_rules').values(rows).execute();
}

export async function findOnCallGroupId(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('system_settings').select('value').where('key', '=', ON_CALL_KEY).executeTakeFirst();
  return row?.value ?? null;
}

export async function saveOnCallGroupId(db: Kysely<Database>, groupId: string | null): Promise<void> {
  await db.deleteFrom('system_settings').where('key', '=', ON_CALL_KEY).execute();
  if (groupId) await db.insertInto('system_settings').values({ key: ON_CALL_KEY, value: groupId }).execute();
}

export const findGroupModes = (db: Kysely<Database>) => db.selectFrom('group_routing').selectAll().execute();

export const findGroupMode = (db: Kysely<Database>, groupId: string) =>
  db.selectFrom('group_routing').selectAll().where('group_id', '=', groupId).executeTakeFirst();

export async function saveGroupMode(db: Kysely<Database>, groupId: string, mode: AssignmentMode, now: string): Promise<void> {
  await db
    .insertInto('group_routing')
    .values({ group_id: groupId, mode, last_assignee_id: null, updated_at: now })
    .onConflict((oc) => oc.column('group_id').doUpdateSet({ mode, updated_at: now }))
    .execute();
}

export async function saveLastAssignee(db: Kysely<Database>, groupId: string, userId: string): Promise<void> {
  await db.updateTable('group_routing').set({ last_assignee_id: userId }).where('group_id', '=', groupId).execute();
}

/** Members of the group who may take a ticket now: active, not viewers, available, with the skill. */
export async function findCandidates(db: Kysely<Database>, groupId: string, skill: string | null): Promise<Candidate[]> {
  let query = db
    .selectFrom('group_members as gm')
    .innerJoin('users as u', 'u.id', 'gm.user_id')
    .leftJoin('agent_status as s', 's.user_id', 'gm.user_id')
    .select(['gm.user_id as userId', 's.max_open as maxOpen'])
    .where('gm.group_id', '=', groupId)
    .where('u.active', '=', 1)
    .where('u.role', '!=', 'viewer')
    .where((eb) => eb.or([eb('s.available', 'is', null), eb('s.available', '=', 1)]));
  if (skill) {
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('agent_skills as k').select('k.user_id').whereRef('k.user_id', '=', 'gm.user_id').where('k.skill', '=', skill)),
    );
  }
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const counts = await db
    .selectFrom('tickets')
    .select(['assignee_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('assignee_id', 'in', rows.map((r) => r.userId))
    .where('status', 'in', LOAD_STATUSES)
    .groupBy('assignee_id')
    .execute();
  const load = new Map(counts.map((c) => [c.assignee_id, Number(c.n)]));
  return rows.map((r) => ({ userId: r.userId, maxOpen: r.maxOpen ?? null, openTickets: load.get(r.userId) ?? 0 }));
}

export const findSkills = (db: Kysely<Database>, userId: string) =>
  db.selectFrom('agent_skills').select('skill').where('user_id', '=', userId).orderBy('skill').execute().then((rows) => rows.map((r) => r.skill));

export async function replaceSkills(db: Kysely<Database>, userId: string, skills: string[]): Promise<void> {
  await db.deleteFrom('agent_skills').where('user_id', '=', userId).execute();
  if (skills.length > 0) await db.insertInto('agent_skills').values(skills.map((skill) => ({ user_id: userId, skill }))).execute();
}

export const findStatus = (db: Kysely<Database>, userId: string) => db.selectFrom('agent_status').selectAll().where('user_id', '=', userId).executeTakeFirst();

export async function saveStatus(db: Kysely<Database>, userId: string, available: boolean, maxOpen: number | null, now: string): Promise<void> {
  const values = { available: available ? 1 : 0, max_open: maxOpen, updated_at: now };
  await db
    .insertInto('agent_status')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}
