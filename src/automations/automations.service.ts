import { diff, recordAudit } from '../audit/audit.service.js';
import { getMacro } from '../macros/macros.service.js';
import { unknownPlaceholders } from '../macros/templates.js';
import { assertNoCurrentUser, TICKET_CHANGE_TYPES, type TicketChange } from '../macros/ticket-changes.js';
import type { Actor } from '../platform/auth/principal.js';
import { inTransaction, type Deps } from '../platform/context.js';
import { AppError, notFound, type FieldError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { getWebhook } from '../webhooks/webhooks.service.js';
import type { Action, Automation, Conditions, CreateAutomationInput, Trigger, UpdateAutomationInput } from './automations.schema.js';
import { toAutomation } from './automations.view.js';
import {
  deleteAutomationRow,
  findAutomationByName,
  findAutomationRow,
  findAutomationRows,
  insertAutomation,
  nextPosition,
  shiftPositions,
  updateAutomationRow,
} from './automations.store.js';
import type { AutomationRow } from './automations.tables.js';
import { forgetActiveTriggers as forgetTriggers } from './active-rules.js';
import { checkConditions } from './conditions.js';
import { scheduleSweep } from './sweep.js';

const audited = (a: Automation) => ({ name: a.name, description: a.description, trigger: a.trigger, conditions: a.conditions, actions: a.actions, active: a.active });

/** Field errors of actions: unknown placeholders, `current_user`, webhooks and macros that do not exist. */
async function checkActions(deps: Deps, actions: Action[]): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const changes = actions.map((a, i) => ({ a, i })).filter(({ a }) => TICKET_CHANGE_TYPES.has(a.type));
  errors.push(...changes.flatMap(({ a, i }) => assertNoCurrentUser([a as TicketChange], () => `actions.${i}`)));
  for (const [i, action] of actions.entries()) {
    const exists = (lookup: Promise<unknown>, what: string, field: string) =>
      lookup.then(
        () => undefined,
        (error) => {
          if (!(error instanceof AppError && error.code === 'not_found')) throw error;
          errors.push({ path: `actions.${i}.${field}`, message: `is not a ${what}` });
        },
      );
    if (action.type === 'add_note') errors.push(...unknownPlaceholders(action.body, `actions.${i}.body`));
    if (action.type === 'send_email') errors.push(...unknownPlaceholders(action.subject, `actions.${i}.subject`), ...unknownPlaceholders(action.body, `actions.${i}.body`));
    if (action.type === 'call_webhook') await exists(getWebhook(deps, action.webhookId), 'webhook', 'webhookId');
    if (action.type === 'apply_macro') await exists(getMacro(deps, action.macroId), 'macro', 'macroId');
  }
  return errors;
}

async function validate(deps: Deps, trigger: Trigger, conditions: Conditions, actions: Action[]): Promise<void> {
  const errors = [...checkConditions(conditions, trigger), ...(await checkActions(deps, actions))];
  if (errors.length > 0) throw new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { fields: errors });
}

async function assertNameFree(deps: Deps, name: string, selfId?: string): Promise<void> {
  const other = await findAutomationByName(deps.db.kysely, name);
  if (other && other.id !== selfId) throw new AppError('already_exists', `An automation named ${other.name} already exists`, { fields: [{ path: 'name', message: 'is taken' }] });
}

/** Every automation in run order. */
export async function listAutomations(deps: Deps, trigger?: Trigger): Promise<{ items: Automation[] }> {
  return { items: (await findAutomationRows(deps.db.kysely, trigger)).map(toAutomation) };
}

export async function getAutomation(deps: Deps, id: string): Promise<Automation> {
  const row = await findAutomationRow(deps.db.kysely, id);
  if (!row) throw notFound('Automation');
  return toAutomation(row);
}

/** Creates a rule, last in order unless a position is given (the rules from there move down one). */
export async function createAutomation(deps: Deps, actor: Actor, input: CreateAutomationInput): Promise<Automation> {
  await validate(deps, input.trigger, input.conditions, input.actions);
  await assertNameFree(deps, input.name);
  const now = deps.clock.now().toISOString();
  const row: AutomationRow = {
    id: newId(),
    name: input.name,
    description: input.description ?? null,
    active: input.active === false ? 0 : 1,
    position: 0,
    trigger: input.trigger,
    conditions: JSON.stringify(input.conditions),
    actions: JSON.stringify(input.actions),
    run_count: 0,
    last_run_at: null,
    last_error: null,
    created_at: now,
    updated_at: now,
  };
  await inTransaction(deps, async (trx) => {
    const last = await nextPosition(trx);
    row.position = input.position === undefined ? last : Math.min(input.position, last);
    if (row.position < last) await shiftPositions(trx, row.position);
    await insertAutomation(trx, row);
    await recordAudit(trx, deps.clock, { actor, action: 'automation.created', entityType: 'automation', entityId: row.id, changes: { after: { ...audited(toAutomation(row)), position: row.position } } });
  });
  forgetTriggers(deps);
  if (row.trigger === 'time' && row.active === 1) await scheduleSweep(deps);
  return toAutomation(row);
}

/** Changes a rule; the whole rule is validated again. */
export async function updateAutomation(deps: Deps, actor: Actor, id: string, input: UpdateAutomationInput): Promise<Automation> {
  const current = await getAutomation(deps, id);
  const next: Automation = {
    ...current,
    name: input.name ?? current.name,
    description: input.description === undefined ? current.description : input.description,
    trigger: input.trigger ?? current.trigger,
    conditions: input.conditions ?? current.conditions,
    actions: input.actions ?? current.actions,
    active: input.active ?? current.active,
  };
  await validate(deps, next.trigger, next.conditions, next.actions);
  if (next.name !== current.name) await assertNameFree(deps, next.name, id);
  const changes = diff(audited(current), audited(next));
  if (!changes) return current;
  await inTransaction(deps, async (trx) => {
    if (!(await findAutomationRow(trx, id))) throw notFound('Automation');
    await updateAutomationRow(trx, id, {
      name: next.name,
      description: next.description,
      trigger: next.trigger,
      conditions: JSON.stringify(next.conditions),
      actions: JSON.stringify(next.actions),
      active: next.active ? 1 : 0,
      last_error: null,
      updated_at: deps.clock.now().toISOString(),
    });
    await recordAudit(trx, deps.clock, { actor, action: 'automation.updated', entityType: 'automation', entityId: id, changes });
  });
  forgetTriggers(deps);
  if (next.trigger === 'time' && next.active) await scheduleSweep(deps);
  return getAutomation(deps, id);
}

export async function deleteAutomation(deps: Deps, actor: Actor, id: string): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const row = await findAutomationRow(trx, id);
    if (!row) throw notFound('Automation');
    await deleteAutomationRow(trx, id);
    await recordAudit(trx, deps.clock, { actor, action: 'automation.deleted', entityType: 'automation', entityId: id, changes: { before: audited(toAutomation(row)) } });
  });
  forgetTriggers(deps);
}

/** Sets the run order: `ids` must name every automation exactly once. */
export async function reorderAutomations(deps: Deps, actor: Actor, ids: string[]): Promise<{ items: Automation[] }> {
  await inTransaction(deps, async (trx) => {
    const rows = await findAutomationRows(trx);
    const known = new Set(rows.map((r) => r.id));
    const errors: FieldError[] = ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: `ids.${i}`, message: 'is not an automation' }]));
    const missing = rows.filter((r) => !ids.includes(r.id));
    if (missing.length > 0) errors.push({ path: 'ids', message: `must list every automation; missing: ${missing.map((r) => r.name).join(', ')}` });
    if (errors.length > 0) throw new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { fields: errors });
    const before = rows.map((r) => r.id);
    if (JSON.stringify(before) === JSON.stringify(ids)) return;
    for (const [position, id] of ids.entries()) await updateAutomationRow(trx, id, { position });
    await recordAudit(trx, deps.clock, { actor, action: 'automation.reordered', entityType: 'automation', entityId: 'order', changes: { before: { ids: before }, after: { ids } } });
  });
  return listAutomations(deps);
}
