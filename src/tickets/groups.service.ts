import type { Kysely } from 'kysely';
import { allUsers, type User } from '../accounts/users.service.js';
import type { Actor } from '../platform/auth/principal.js';
import { inTransaction, type Deps } from '../platform/context.js';
import type { Database } from '../platform/db/tables.js';
import { AppError, notFound, type FieldError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { diff, recordAudit } from '../audit/audit.service.js';
import type { CreateGroupInput, Group, GroupDetail, ListGroupsFilter, UpdateGroupInput } from './groups.schema.js';
import {
  addMembers,
  deleteGroupRow,
  findGroupByName,
  findGroupRow,
  findGroupRows,
  groupTicketCount,
  insertGroup,
  memberCounts,
  memberIdsOf,
  removeMembers,
  updateGroupRow,
  type GroupRow,
} from './groups.store.js';
import { decodeKeyset, toPage } from './listing.js';

const toGroup = (row: GroupRow, memberCount: number): Group => ({
  id: row.id,
  name: row.name,
  description: row.description,
  memberCount,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/**
 * Every user by id, through the accounts service (users are its tables). A help desk has
 * hundreds of users at most, so one read beats a query per member. Call it outside a
 * transaction: on SQLite the transaction holds the only connection.
 */
async function usersById(deps: Deps): Promise<Map<string, User>> {
  return new Map((await allUsers(deps)).map((u) => [u.id, u]));
}

/** Lists groups by name with their member counts. */
export async function listGroups(deps: Deps, filter: ListGroupsFilter): Promise<{ items: Group[]; nextCursor: string | null }> {
  const after = filter.cursor ? decodeKeyset(filter.cursor) : undefined;
  const rows = await findGroupRows(deps.db.kysely, { q: filter.q, limit: filter.limit + 1, after });
  const counts = await memberCounts(deps.db.kysely, rows.slice(0, filter.limit).map((r) => r.id));
  return toPage(rows, filter.limit, (r) => r.name, (r) => toGroup(r, counts.get(r.id) ?? 0));
}

/** One group with its members (id, name, email, role), by name. */
export async function getGroup(deps: Deps, id: string): Promise<GroupDetail> {
  const row = await findGroupRow(deps.db.kysely, id);
  if (!row) throw notFound('Group');
  const [memberIds, users] = await Promise.all([memberIdsOf(deps.db.kysely, id), usersById(deps)]);
  const members = memberIds
    .map((userId) => users.get(userId))
    .filter((u): u is User => u !== undefined)
    .map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { ...toGroup(row, memberIds.length), members };
}

async function assertNameFree(trx: Kysely<Database>, name: string, selfId?: string): Promise<void> {
  const other = await findGroupByName(trx, name);
  if (other && other.id !== selfId) throw new AppError('already_exists', `A group named ${other.name} already exists`, { fields: [{ path: 'name', message: 'is taken' }] });
}

/** Creates a group (a team tickets can be assigned to). */
export async function createGroup(deps: Deps, actor: Actor, input: CreateGroupInput): Promise<GroupDetail> {
  const now = deps.clock.now().toISOString();
  const row: GroupRow = { id: newId(), name: input.name, description: input.description ?? null, created_at: now, updated_at: now };
  await inTransaction(deps, async (trx) => {
    await assertNameFree(trx, row.name);
    await insertGroup(trx, row);
    await recordAudit(trx, deps.clock, { actor, action: 'group.created', entityType: 'group', entityId: row.id, changes: { after: { name: row.name, description: row.description } } });
  });
  return getGroup(deps, row.id);
}

/** Renames a group or changes its description. */
export async function updateGroup(deps: Deps, actor: Actor, id: string, input: UpdateGroupInput): Promise<GroupDetail> {
  await inTransaction(deps, async (trx) => {
    const current = await findGroupRow(trx, id);
    if (!current) throw notFound('Group');
    const next = { name: input.name ?? current.name, description: input.description === undefined ? current.description : input.description };
    const changes = diff({ name: current.name, description: current.description }, next);
    if (!changes) return;
    if (next.name !== current.name) await assertNameFree(trx, next.name, id);
    await updateGroupRow(trx, id, { ...next, updated_at: deps.clock.now().toISOString() });
    await recordAudit(trx, deps.clock, { actor, action: 'group.updated', entityType: 'group', entityId: id, changes });
  });
  return getGroup(deps, id);
}

/** Deletes a group; its tickets stay, with no group. */
export async function deleteGroup(deps: Deps, actor: Actor, id: string): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const row = await findGroupRow(trx, id);
    if (!row) throw notFound('Group');
    const memberIds = await memberIdsOf(trx, id);
    const ticketsUnassigned = await groupTicketCount(trx, id);
    await deleteGroupRow(trx, id);
    await recordAudit(trx, deps.clock, {
      actor,
      action: 'group.deleted',
      entityType: 'group',
      entityId: id,
      changes: { before: { name: row.name, description: row.description, memberIds, ticketsUnassigned } },
    });
  });
}

/** Only active users who work tickets may join a group: 400 naming each one who may not. */
function assertEligible(users: Map<string, User>, userIds: string[], path: (index: number) => string): void {
  const errors: FieldError[] = [];
  userIds.forEach((userId, index) => {
    const user = users.get(userId);
    if (!user) errors.push({ path: path(index), message: 'is not a user' });
    else if (!user.active) errors.push({ path: path(index), message: 'is not an active user' });
    else if (user.role === 'viewer') errors.push({ path: path(index), message: 'is a viewer; viewers cannot be group members' });
  });
  if (errors.length > 0) throw new AppError('validation_failed', errors.map((e) => `${e.path} ${e.message}`).join('; '), { fields: errors });
}

/** Applies a change to the member set in one transaction, auditing before and after. */
async function changeMembers(deps: Deps, actor: Actor, id: string, action: string, compute: (current: string[]) => string[]): Promise<GroupDetail> {
  await inTransaction(deps, async (trx) => {
    if (!(await findGroupRow(trx, id))) throw notFound('Group');
    const current = await memberIdsOf(trx, id);
    const next = [...new Set(compute(current))].sort();
    const changes = diff({ memberIds: current }, { memberIds: next });
    if (!changes) return;
    await removeMembers(trx, id, current.filter((u) => !next.includes(u)));
    await addMembers(trx, id, next.filter((u) => !current.includes(u)));
    await updateGroupRow(trx, id, { updated_at: deps.clock.now().toISOString() });
    await recordAudit(trx, deps.clock, { actor, action, entityType: 'group', entityId: id, changes });
  });
  return getGroup(deps, id);
}

/** Makes the group's members exactly these users. */
export async function replaceMembers(deps: Deps, actor: Actor, id: string, userIds: string[]): Promise<GroupDetail> {
  assertEligible(await usersById(deps), userIds, (i) => `userIds.${i}`);
  return changeMembers(deps, actor, id, 'group.members_replaced', () => userIds);
}

/** Adds one member; adding a member twice changes nothing. */
export async function addMember(deps: Deps, actor: Actor, id: string, userId: string): Promise<GroupDetail> {
  assertEligible(await usersById(deps), [userId], () => 'userId');
  return changeMembers(deps, actor, id, 'group.member_added', (current) => [...current, userId]);
}

/** Removes one member; 404 when the user is not a member. */
export async function removeMember(deps: Deps, actor: Actor, id: string, userId: string): Promise<GroupDetail> {
  return changeMembers(deps, actor, id, 'group.member_removed', (current) => {
    if (!current.includes(userId)) throw new AppError('not_found', 'The user is not a member of this group');
    return current.filter((u) => u !== userId);
  });
}
