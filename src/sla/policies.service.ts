import type { Kysely } from 'kysely';
import { diff, recordAudit } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/principal.js';
import { inTransaction, type Deps } from '../platform/context.js';
import type { Database } from '../platform/db/tables.js';
import { AppError, notFound, type FieldError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { DEFAULT_WARN_PERCENT, scheduleRecompute, slaSettingsChanged } from './sla.settings.js';
import type { CreatePolicyInput, Policy, UpdatePolicyInput } from './sla.schema.js';
import type { SlaPolicyRow } from './sla.tables.js';
import {
  deletePolicyRow,
  findCalendarRow,
  findPolicyByName,
  findPolicyRow,
  groupExists,
  insertPolicy,
  listPolicyRows,
  nextPolicyPosition,
  updatePolicyRow,
} from './sla.store.js';

function toPolicy(row: SlaPolicyRow): Policy {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    active: row.active === 1,
    conditions: JSON.parse(row.conditions),
    targets: JSON.parse(row.targets),
    calendarId: row.calendar_id,
    warnPercent: row.warn_percent,
    escalation: JSON.parse(row.escalation),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  } as Policy;
}

type PolicyFields = Omit<Policy, 'id' | 'createdAt' | 'updatedAt'>;

/** References that must exist: the calendar, groups in conditions and escalations. */
async function referenceProblems(db: Kysely<Database>, p: PolicyFields): Promise<FieldError[]> {
  const problems: FieldError[] = [];
  if (p.calendarId && !(await findCalendarRow(db, p.calendarId))) problems.push({ path: 'calendarId', message: 'is not a calendar' });
  for (const [i, id] of (p.conditions.groupIds ?? []).entries()) {
    if (!(await groupExists(db, id))) problems.push({ path: `conditions.groupIds.${i}`, message: 'is not a group' });
  }
  for (const when of ['onWarning', 'onBreach'] as const) {
    for (const [i, action] of p.escalation[when].entries()) {
      if (action.type === 'assign_group' && !(await groupExists(db, action.groupId))) {
        problems.push({ path: `escalation.${when}.${i}.groupId`, message: 'is not a group' });
      }
    }
  }
  for (const [tier, t] of Object.entries(p.targets)) {
    if (t.resolutionMinutes < t.firstResponseMinutes) problems.push({ path: `targets.${tier}.resolutionMinutes`, message: 'must not be shorter than firstResponseMinutes' });
  }
  return problems;
}

async function assertValid(db: Kysely<Database>, p: PolicyFields, selfId?: string): Promise<void> {
  const problems = await referenceProblems(db, p);
  const other = await findPolicyByName(db, p.name);
  if (other && other.id !== selfId) throw new AppError('already_exists', `A policy named ${p.name} already exists`, { fields: [{ path: 'name', message: 'is taken' }] });
  if (problems.length > 0) throw new AppError('validation_failed', problems.map((x) => `${x.path}: ${x.message}`).join('; '), { fields: problems });
}

function toRowFields(p: PolicyFields) {
  return {
    name: p.name,
    position: p.position,
    active: p.active ? 1 : 0,
    conditions: JSON.stringify(p.conditions),
    targets: JSON.stringify(p.targets),
    calendar_id: p.calendarId,
    warn_percent: p.warnPercent,
    escalation: JSON.stringify(p.escalation),
  };
}

export async function listPolicies(deps: Deps): Promise<{ items: Policy[] }> {
  return { items: (await listPolicyRows(deps.db.kysely)).map(toPolicy) };
}

export async function getPolicy(deps: Deps, id: string): Promise<Policy> {
  const row = await findPolicyRow(deps.db.kysely, id);
  if (!row) throw notFound('Policy');
  return toPolicy(row);
}

/** Creates a policy; open tickets are re-matched in the background. */
export async function createPolicy(deps: Deps, actor: Actor, input: CreatePolicyInput): Promise<Policy> {
  const now = deps.clock.now().toISOString();
  const policy = await inTransaction(deps, async (trx) => {
    const fields: PolicyFields = {
      name: input.name,
      position: input.position ?? (await nextPolicyPosition(trx)),
      active: input.active ?? true,
      conditions: input.conditions ?? {},
      targets: (input.targets ?? {}) as Policy['targets'],
      calendarId: input.calendarId ?? null,
      warnPercent: input.warnPercent ?? DEFAULT_WARN_PERCENT,
      escalation: input.escalation ?? { onWarning: [], onBreach: [] },
    };
    await assertValid(trx, fields);
    const row: SlaPolicyRow = { id: newId(), ...toRowFields(fields), created_at: now, updated_at: now };
    await insertPolicy(trx, row);
    await recordAudit(trx, deps.clock, { actor, action: 'sla_policy.created', entityType: 'sla_policy', entityId: row.id, changes: { after: fields } });
    await scheduleRecompute(deps, trx);
    return toPolicy(row);
  });
  slaSettingsChanged(deps);
  return policy;
}

/** Changes a policy (targets, conditions, order, calendar …); open tickets are recomputed in the background. */
export async function updatePolicy(deps: Deps, actor: Actor, id: string, input: UpdatePolicyInput): Promise<Policy> {
  const policy = await inTransaction(deps, async (trx) => {
    const current = await findPolicyRow(trx, id);
    if (!current) throw notFound('Policy');
    const before = toPolicy(current);
    const { id: _id, createdAt: _c, updatedAt: _u, ...beforeFields } = before;
    const fields: PolicyFields = {
      ...beforeFields,
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    } as PolicyFields;
    const changes = diff(beforeFields as Record<string, unknown>, fields as Record<string, unknown>);
    if (!changes) return before;
    await assertValid(trx, fields, id);
    const updatedAt = deps.clock.now().toISOString();
    await updatePolicyRow(trx, id, { ...toRowFields(fields), updated_at: updatedAt });
    await recordAudit(trx, deps.clock, { actor, action: 'sla_policy.updated', entityType: 'sla_policy', entityId: id, changes });
    await scheduleRecompute(deps, trx);
    return toPolicy({ ...current, ...toRowFields(fields), updated_at: updatedAt });
  });
  slaSettingsChanged(deps);
  return policy;
}

/** Deletes a policy; its tickets fall to the next matching policy or the defaults. */
export async function deletePolicy(deps: Deps, actor: Actor, id: string): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const current = await findPolicyRow(trx, id);
    if (!current) throw notFound('Policy');
    await deletePolicyRow(trx, id);
    await recordAudit(trx, deps.clock, { actor, action: 'sla_policy.deleted', entityType: 'sla_policy', entityId: id, changes: { before: toPolicy(current) } });
    await scheduleRecompute(deps, trx);
  });
  slaSettingsChanged(deps);
}

/** Sets the matching order: `ids` must name every policy once; positions become 0, 1, 2 … */
export async function reorderPolicies(deps: Deps, actor: Actor, ids: string[]): Promise<{ items: Policy[] }> {
  await inTransaction(deps, async (trx) => {
    const rows = await listPolicyRows(trx);
    const known = new Set(rows.map((r) => r.id));
    const problems: FieldError[] = ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: `ids.${i}`, message: 'is not a policy' }]));
    const missing = rows.filter((r) => !ids.includes(r.id));
    if (missing.length > 0) problems.push({ path: 'ids', message: `must list every policy; missing: ${missing.map((r) => r.name).join(', ')}` });
    if (problems.length > 0) throw new AppError('validation_failed', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { fields: problems });
    const before = rows.map((r) => r.id);
    const unchanged = JSON.stringify(before) === JSON.stringify(ids) && rows.every((r, i) => r.position === i);
    if (unchanged) return;
    const updatedAt = deps.clock.now().toISOString();
    for (const [position, id] of ids.entries()) {
      if (rows.find((r) => r.id === id)!.position !== position) await updatePolicyRow(trx, id, { position, updated_at: updatedAt });
    }
    await recordAudit(trx, deps.clock, { actor, action: 'sla_policy.reordered', entityType: 'sla_policy', entityId: 'order', changes: { before: { ids: before }, after: { ids } } });
    // Which policy matches first changed: open tickets are matched again.
    await scheduleRecompute(deps, trx);
  });
  slaSettingsChanged(deps);
  return listPolicies(deps);
}
