import type { Kysely } from 'kysely';
import { diff, recordAudit } from '../audit/audit.service.js';
import type { Actor, Principal } from '../platform/auth/principal.js';
import { can } from '../platform/auth/roles.js';
import { inTransaction, type Deps } from '../platform/context.js';
import type { Database, TicketRow } from '../platform/db/tables.js';
import { AppError, notFound, type FieldError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { chooseAssignee, type AssignmentMode } from './assign.js';
import type { AgentRouting, AvailabilityInput, RoutingConfig, RoutingRuleInput } from './routing.schema.js';
import {
  findCandidates,
  findGroupMode,
  findGroupModes,
  findOnCallGroupId,
  findRules,
  findSkills,
  findStatus,
  replaceRuleRows,
  replaceSkills,
  saveGroupMode,
  saveLastAssignee,
  saveOnCallGroupId,
  saveStatus,
} from './routing.store.js';

export async function getRoutingConfig(deps: Deps): Promise<RoutingConfig> {
  const db = deps.db.kysely;
  const [rules, onCallGroupId, modes] = await Promise.all([findRules(db), findOnCallGroupId(db), findGroupModes(db)]);
  return {
    rules: rules.map((r) => ({ category: r.category, groupId: r.group_id, skill: r.skill })),
    onCallGroupId,
    groups: modes.map((m) => ({ groupId: m.group_id, mode: m.mode })),
  };
}

async function missingGroups(db: Kysely<Database>, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await db.selectFrom('groups').select('id').where('id', 'in', [...new Set(ids)]).execute();
  const known = new Set(found.map((g) => g.id));
  return new Set(ids.filter((id) => !known.has(id)));
}

/** Replaces the ordered category → group rules. */
export async function replaceRules(deps: Deps, actor: Actor, rules: RoutingRuleInput[]): Promise<RoutingConfig> {
  await inTransaction(deps, async (trx) => {
    const missing = await missingGroups(trx, rules.map((r) => r.groupId));
    const fields: FieldError[] = rules.flatMap((r, i) => (missing.has(r.groupId) ? [{ path: `rules.${i}.groupId`, message: 'is not a group' }] : []));
    if (fields.length > 0) throw new AppError('validation_failed', 'A routing rule names a group that does not exist', { fields });
    const before = (await findRules(trx)).map((r) => ({ category: r.category, groupId: r.group_id, skill: r.skill }));
    const now = deps.clock.now().toISOString();
    await replaceRuleRows(trx, rules.map((r, position) => ({ id: newId(), position, category: r.category, group_id: r.groupId, skill: r.skill ?? null, created_at: now })));
    const after = rules.map((r) => ({ category: r.category, groupId: r.groupId, skill: r.skill ?? null }));
    await recordAudit(trx, deps.clock, { actor, action: 'routing.rules_replaced', entityType: 'routing', entityId: 'rules', changes: { before: { rules: before }, after: { rules: after } } });
  });
  return getRoutingConfig(deps);
}

/** Sets (or clears) the group that takes every Tier 1 ticket. */
export async function setOnCallGroup(deps: Deps, actor: Actor, groupId: string | null): Promise<RoutingConfig> {
  await inTransaction(deps, async (trx) => {
    if (groupId && (await missingGroups(trx, [groupId])).size > 0) {
      throw new AppError('validation_failed', 'groupId does not name a group', { fields: [{ path: 'groupId', message: 'is not a group' }] });
    }
    const before = await findOnCallGroupId(trx);
    if (before === groupId) return;
    await saveOnCallGroupId(trx, groupId);
    await recordAudit(trx, deps.clock, { actor, action: 'routing.on_call_changed', entityType: 'routing', entityId: 'on_call', changes: { before: { groupId: before }, after: { groupId } } });
  });
  return getRoutingConfig(deps);
}

/** Sets how a group assigns its new tickets. */
export async function setGroupMode(deps: Deps, actor: Actor, groupId: string, mode: AssignmentMode): Promise<{ groupId: string; mode: AssignmentMode }> {
  await inTransaction(deps, async (trx) => {
    if ((await missingGroups(trx, [groupId])).size > 0) throw notFound('Group');
    const before = (await findGroupMode(trx, groupId))?.mode ?? 'manual';
    if (before === mode) return;
    await saveGroupMode(trx, groupId, mode, deps.clock.now().toISOString());
    await recordAudit(trx, deps.clock, { actor, action: 'group.routing_changed', entityType: 'group', entityId: groupId, changes: diff({ mode: before }, { mode }) ?? {} });
  });
  return { groupId, mode };
}

async function assertUser(db: Kysely<Database>, userId: string): Promise<void> {
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('User');
}

export async function getAgentRouting(deps: Deps, userId: string): Promise<AgentRouting> {
  const db = deps.db.kysely;
  await assertUser(db, userId);
  const [status, skills] = await Promise.all([findStatus(db, userId), findSkills(db, userId)]);
  return { userId, available: status ? status.available === 1 : true, maxOpen: status?.max_open ?? null, skills, updatedAt: status?.updated_at ?? null };
}

/** Replaces an agent's skills. */
export async function setSkills(deps: Deps, actor: Actor, userId: string, skills: string[]): Promise<AgentRouting> {
  await inTransaction(deps, async (trx) => {
    await assertUser(trx, userId);
    const before = await findSkills(trx, userId);
    const after = [...skills].sort();
    const changes = diff({ skills: before }, { skills: after });
    if (!changes) return;
    await replaceSkills(trx, userId, after);
    await recordAudit(trx, deps.clock, { actor, action: 'user.skills_changed', entityType: 'user', entityId: userId, changes });
  });
  return getAgentRouting(deps, userId);
}

/** Agents set their own availability; leads and admins anyone's. */
export async function setAvailability(deps: Deps, principal: Principal, actor: Actor, userId: string, input: AvailabilityInput): Promise<AgentRouting> {
  if (principal.userId !== userId && !can(principal.role, 'groups:manage')) {
    throw new AppError('forbidden', 'Only leads and admins may change another agent\'s availability');
  }
  await inTransaction(deps, async (trx) => {
    await assertUser(trx, userId);
    const current = await findStatus(trx, userId);
    const before = { available: current ? current.available === 1 : true, maxOpen: current?.max_open ?? null };
    const after = { available: input.available, maxOpen: input.maxOpen === undefined ? before.maxOpen : input.maxOpen };
    const changes = diff(before, after);
    if (!changes) return;
    await saveStatus(trx, userId, after.available, after.maxOpen, deps.clock.now().toISOString());
    await recordAudit(trx, deps.clock, { actor, action: 'user.availability_changed', entityType: 'user', entityId: userId, changes });
  });
  return getAgentRouting(deps, userId);
}

export interface RoutingDecision {
  groupId: string | null;
  assigneeId: string | null;
  /** Why, in words, for the audit trail. */
  reason: string;
}

/**
 * Where a new ticket goes: Tier 1 to the on-call group when one is set, else the first rule for
 * its category; then, inside the group, an agent by the group's mode. Fields the caller set
 * explicitly are kept. Returns null when routing has nothing to add.
 */
export async function routeNewTicket(trx: Kysely<Database>, row: TicketRow, explicit: { groupId: boolean; assigneeId: boolean }): Promise<RoutingDecision | null> {
  if (explicit.assigneeId || row.assignee_id) return null;
  let groupId = row.group_id;
  let skill: string | null = null;
  let reason = 'group set by the caller';
  if (!explicit.groupId && !groupId) {
    const onCall = row.priority === 1 ? await findOnCallGroupId(trx) : null;
    if (onCall) {
      groupId = onCall;
      reason = 'Tier 1 goes to the on-call group';
    } else if (row.category) {
      const rule = (await findRules(trx)).find((r) => r.category === row.category);
      if (rule) {
        groupId = rule.group_id;
        skill = rule.skill;
        reason = `category ${row.category} routes to this group${skill ? ` (skill ${skill})` : ''}`;
      }
    }
  }
  if (!groupId) return null;
  const setting = await findGroupMode(trx, groupId);
  const mode = setting?.mode ?? 'manual';
  const assigneeId = chooseAssignee(mode, await findCandidates(trx, groupId, skill), setting?.last_assignee_id ?? null);
  if (assigneeId) {
    await saveLastAssignee(trx, groupId, assigneeId);
    reason += `; ${mode.replace('_', '-')} assignment`;
  } else if (mode !== 'manual') {
    reason += '; no available agent, left with the group';
  }
  if (groupId === row.group_id && !assigneeId) return null;
  return { groupId, assigneeId, reason };
}
