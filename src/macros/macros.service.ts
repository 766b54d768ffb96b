import { diff, recordAudit } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/principal.js';
import { inTransaction, type Deps } from '../platform/context.js';
import { AppError, notFound, type FieldError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { addMessage } from '../tickets/messages.service.js';
import { getOrganisation } from '../tickets/organisations.service.js';
import type { Message, Ticket } from '../tickets/tickets.schema.js';
import { assertTransition } from '../tickets/status.js';
import { getTicket, updateTicket } from '../tickets/tickets.service.js';
import type { CreateMacroInput, Macro, MacroDraft, Preview, UpdateMacroInput } from './macros.schema.js';
import { countMacroUse, deleteMacroRow, findMacroByName, findMacroRow, findMacroRows, insertMacro, updateMacroRow } from './macros.store.js';
import type { MacroRow } from './macros.tables.js';
import { renderTemplate, unknownPlaceholders, type TemplateContext } from './templates.js';
import { describeUpdate, planTicketChanges, type TicketChange } from './ticket-changes.js';

const toMacro = (row: MacroRow): Macro => ({
  id: row.id,
  name: row.name,
  description: row.description,
  body: row.body,
  visibility: row.visibility as Macro['visibility'],
  actions: JSON.parse(row.actions) as TicketChange[],
  active: row.active === 1,
  usageCount: Number(row.usage_count),
  lastUsedAt: row.last_used_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const audited = (m: Macro) => ({ name: m.name, description: m.description, body: m.body, visibility: m.visibility, actions: m.actions, active: m.active });

/** Who applies a macro: an agent (whose name fills {{agent.*}} and who writes the reply) or an automation. */
export interface MacroApplier {
  actor: Actor;
  agent: { id: string; name: string; email: string } | null;
}

/** 400 naming each unknown placeholder; a macro must also do something. */
function validate(body: string | null, actions: TicketChange[]): void {
  const errors: FieldError[] = body ? unknownPlaceholders(body, 'body') : [];
  if (!body && actions.length === 0) errors.push({ path: 'body', message: 'a macro needs a body or at least one action' });
  if (errors.length > 0) throw new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { fields: errors });
}

export async function listMacros(deps: Deps, active?: boolean): Promise<{ items: Macro[] }> {
  return { items: (await findMacroRows(deps.db.kysely, active)).map(toMacro) };
}

export async function getMacro(deps: Deps, id: string): Promise<Macro> {
  const row = await findMacroRow(deps.db.kysely, id);
  if (!row) throw notFound('Macro');
  return toMacro(row);
}

async function assertNameFree(deps: Deps, name: string, selfId?: string): Promise<void> {
  const other = await findMacroByName(deps.db.kysely, name);
  if (other && other.id !== selfId) throw new AppError('already_exists', `A macro named ${other.name} already exists`, { fields: [{ path: 'name', message: 'is taken' }] });
}

export async function createMacro(deps: Deps, actor: Actor, input: CreateMacroInput): Promise<Macro> {
  const actions = input.actions ?? [];
  validate(input.body ?? null, actions);
  await assertNameFree(deps, input.name);
  const now = deps.clock.now().toISOString();
  const row: MacroRow = {
    id: newId(),
    name: input.name,
    description: input.description ?? null,
    body: input.body ?? null,
    visibility: input.visibility ?? 'public',
    actions: JSON.stringify(actions),
    active: input.active === false ? 0 : 1,
    usage_count: 0,
    last_used_at: null,
    created_at: now,
    updated_at: now,
  };
  await inTransaction(deps, async (trx) => {
    await insertMacro(trx, row);
    await recordAudit(trx, deps.clock, { actor, action: 'macro.created', entityType: 'macro', entityId: row.id, changes: { after: audited(toMacro(row)) } });
  });
  return toMacro(row);
}

export async function updateMacro(deps: Deps, actor: Actor, id: string, input: UpdateMacroInput): Promise<Macro> {
  const current = await getMacro(deps, id);
  const next: Macro = {
    ...current,
    name: input.name ?? current.name,
    description: input.description === undefined ? current.description : input.description,
    body: input.body === undefined ? current.body : input.body,
    visibility: input.visibility ?? current.visibility,
    actions: input.actions ?? current.actions,
    active: input.active ?? current.active,
  };
  validate(next.body, next.actions);
  if (next.name !== current.name) await assertNameFree(deps, next.name, id);
  const changes = diff(audited(current), audited(next));
  if (!changes) return current;
  await inTransaction(deps, async (trx) => {
    if (!(await findMacroRow(trx, id))) throw notFound('Macro');
    await updateMacroRow(trx, id, {
      name: next.name,
      description: next.description,
      body: next.body,
      visibility: next.visibility,
      actions: JSON.stringify(next.actions),
      active: next.active ? 1 : 0,
      updated_at: deps.clock.now().toISOString(),
    });
    await recordAudit(trx, deps.clock, { actor, action: 'macro.updated', entityType: 'macro', entityId: id, changes });
  });
  return getMacro(deps, id);
}

export async function deleteMacro(deps: Deps, actor: Actor, id: string): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const row = await findMacroRow(trx, id);
    if (!row) throw notFound('Macro');
    await deleteMacroRow(trx, id);
    await recordAudit(trx, deps.clock, { actor, action: 'macro.deleted', entityType: 'macro', entityId: id, changes: { before: audited(toMacro(row)) } });
  });
}

/** The ticket, its organisation and the agent, for rendering. */
async function templateContext(deps: Deps, ticketId: string, agent: MacroApplier['agent']): Promise<TemplateContext> {
  const ticket = await getTicket(deps, ticketId);
  const organisation = ticket.organisationId ? await getOrganisation(deps, ticket.organisationId).catch(() => null) : null;
  return { ticket, organisation, agent };
}

/** What applying the macro would do, computed against the ticket as it is now: nothing is written. */
export async function previewMacro(deps: Deps, applier: MacroApplier, id: string, ticketId: string): Promise<Preview> {
  const macro = await getMacro(deps, id);
  const ctx = await templateContext(deps, ticketId, applier.agent);
  const update = planTicketChanges(ctx.ticket, macro.actions, applier.agent?.id ?? null);
  return { body: macro.body ? renderTemplate(macro.body, ctx) : null, visibility: macro.visibility, changes: describeUpdate(ctx.ticket, update) };
}

/**
 * Applies the macro: field changes through the ticket service, then the rendered reply or note
 * (carrying a status change, so a reply "submitted as pending" moves the ticket with it), then
 * the use is counted and audited. Each step is audited by the service that does it.
 *
 * With `send: false` (the console's composer) the text is returned as a draft instead of being
 * added, and a status change stays in a reply's draft to travel with the reply the agent sends.
 */
export async function applyMacro(
  deps: Deps,
  applier: MacroApplier,
  id: string,
  ticketId: string,
  options: { send?: boolean } = {},
): Promise<{ ticket: Ticket; message: Message | null; draft: MacroDraft | null }> {
  const send = options.send ?? true;
  const macro = await getMacro(deps, id);
  if (!macro.active) throw new AppError('macro_inactive', `The macro ${macro.name} is inactive`);
  const ctx = await templateContext(deps, ticketId, applier.agent);
  const update = planTicketChanges(ctx.ticket, macro.actions, applier.agent?.id ?? null);
  const text = macro.body ? renderTemplate(macro.body, ctx).trim() : '';
  // Refused before anything is written, rather than after the other fields changed.
  if (update.status) assertTransition(ctx.ticket.status, update.status);
  // The status travels with the text: the message added now, or the reply the agent will send
  // (a draft note's status applies at once, as the console sends no status with notes).
  const holdStatus = text !== '' && (send || macro.visibility === 'public');
  const status = holdStatus ? update.status : undefined;
  if (holdStatus) delete update.status;
  if (Object.keys(update).length > 0) await updateTicket(deps, applier.actor, ticketId, update);
  const author = applier.agent ? { type: 'agent' as const, id: applier.agent.id } : { type: 'system' as const, id: null };
  const message = text && send ? await addMessage(deps, applier.actor, author, ticketId, { body: text, visibility: macro.visibility, status }) : null;
  const draft = text && !send ? { body: text, visibility: macro.visibility, status: status ?? null } : null;
  await inTransaction(deps, async (trx) => {
    await countMacroUse(trx, id, deps.clock.now().toISOString());
    await recordAudit(trx, deps.clock, {
      actor: applier.actor,
      action: 'macro.applied',
      entityType: 'macro',
      entityId: id,
      ticketId,
      changes: { after: { macro: macro.name, fields: Object.keys(update).concat(status && send ? ['status'] : []), messageId: message?.id ?? null, ...(draft ? { draft: true } : {}) } },
    });
  });
  return { ticket: await getTicket(deps, ticketId), message, draft };
}
