import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/tables.js';
import type { Random } from './random.js';

/** Who can take tickets: groups (by name) with their members, and every assignable user. */
export interface Staff {
  groups: Map<string, StaffGroup>;
  allGroups: StaffGroup[];
  agents: string[];
}

export interface StaffGroup {
  id: string;
  members: string[];
}

/** Reads the help desk's groups and the active users who may be assigned tickets. */
export async function loadStaff(db: Kysely<Database>): Promise<Staff> {
  const users = await db.selectFrom('users').select('id').where('active', '=', 1).where('role', 'in', ['agent', 'lead', 'admin']).orderBy('email').execute();
  const agents = users.map((u) => u.id);
  const assignable = new Set(agents);
  const rows = await db
    .selectFrom('groups')
    .leftJoin('group_members', 'group_members.group_id', 'groups.id')
    .select(['groups.id', 'groups.name', 'group_members.user_id'])
    .orderBy('groups.name')
    .orderBy('group_members.user_id')
    .execute();
  const groups = new Map<string, StaffGroup>();
  for (const row of rows) {
    const group = groups.get(row.name) ?? { id: row.id, members: [] };
    if (row.user_id && assignable.has(row.user_id)) group.members.push(row.user_id);
    groups.set(row.name, group);
  }
  return { groups, allGroups: [...groups.values()], agents };
}

/**
 * A group and an assignee for a ticket of a sub-type's team: that group when it exists (else
 * any), and one of its members (else any agent). Nothing when the help desk has no staff yet.
 */
export function assign(r: Random, staff: Staff, groupName: string, withAssignee: boolean): { groupId: string | null; assigneeId: string | null } {
  const group = staff.groups.get(groupName) ?? (staff.allGroups.length > 0 ? r.pick(staff.allGroups) : undefined);
  const candidates = group && group.members.length > 0 ? group.members : staff.agents;
  const assigneeId = withAssignee && candidates.length > 0 ? r.pick(candidates) : null;
  return { groupId: group?.id ?? null, assigneeId };
}
