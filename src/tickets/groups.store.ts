import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database, GroupsTable } from '../platform/db/tables.js';
import { afterKeyset, columnContains, containsPattern, type Keyset } from './listing.js';

export type GroupRow = Selectable<GroupsTable>;

export const findGroupRow = (db: Kysely<Database>, id: string) => db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();

/** The group whose name equals `name` ignoring case, if any. */
export const findGroupByName = (db: Kysely<Database>, name: string) =>
  db.selectFrom('groups').select(['id', 'name']).where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();

/** Groups by name, after a keyset, optionally filtered by part of the name. */
export function findGroupRows(db: Kysely<Database>, filter: { q?: string; limit: number; after?: Keyset }) {
  let query = db.selectFrom('groups').selectAll();
  if (filter.q) query = query.where(columnContains('name', containsPattern(filter.q)));
  if (filter.after) query = query.where(afterKeyset('name', 'id', filter.after));
  return query.orderBy('name').orderBy('id').limit(filter.limit).execute();
}

export async function insertGroup(db: Kysely<Database>, row: GroupRow): Promise<void> {
  await db.insertInto('groups').values(row).execute();
}

export async function updateGroupRow(db: Kysely<Database>, id: string, changes: Updateable<GroupsTable>): Promise<void> {
  await db.updateTable('groups').set(changes).where('id', '=', id).execute();
}

/** Deletes the group; memberships go with it and its tickets lose their group (FKs). */
export async function deleteGroupRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('groups').where('id', '=', id).execute();
}

/** Member user ids of one group, sorted. */
export const memberIdsOf = async (db: Kysely<Database>, groupId: string) =>
  (await db.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).orderBy('user_id').execute()).map((r) => r.user_id);

/** How many members each of these groups has. */
export async function memberCounts(db: Kysely<Database>, groupIds: string[]): Promise<Map<string, number>> {
  if (groupIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('group_members')
    .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('group_id', 'in', groupIds)
    .groupBy('group_id')
    .execute();
  return new Map(rows.map((r) => [r.group_id, Number(r.n)]));
}

export async function addMembers(db: Kysely<Database>, groupId: string, userIds: string[]): Promise<void> {
  if (userIds.length > 0) await db.insertInto('group_members').values(userIds.map((user_id) => ({ group_id: groupId, user_id }))).execute();
}

export async function removeMembers(db: Kysely<Database>, groupId: string, userIds: string[]): Promise<void> {
  if (userIds.length > 0) await db.deleteFrom('group_members').where('group_id', '=', groupId).where('user_id', 'in', userIds).execute();
}

/** How many tickets are assigned to the group. */
export const groupTicketCount = async (db: Kysely<Database>, groupId: string) =>
  Number((await db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where('group_id', '=', groupId).executeTakeFirstOrThrow()).n);
