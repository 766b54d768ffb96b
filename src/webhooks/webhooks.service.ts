import type { Kysely } from 'kysely';
import { diff, recordAudit } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/principal.js';
import { inTransaction, type Deps } from '../platform/context.js';
import type { Db } from '../platform/db/database.js';
import type { Database } from '../platform/db/tables.js';
import { AppError, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { randomToken } from '../platform/secrets.js';
import { sealSecret } from './secret-box.js';
import type { CreateWebhookInput, Delivery, UpdateWebhookInput, Webhook } from './webhooks.schema.js';
import { deleteWebhookRow, findDeliveries, findWebhookRow, findWebhookRows, insertWebhook, updateWebhookRow } from './webhooks.store.js';
import type { WebhookDeliveryRow, WebhookRow } from './webhooks.tables.js';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_DISABLE_AFTER = 15;

export const toWebhook = (row: WebhookRow): Webhook => ({
  id: row.id,
  name: row.name,
  url: row.url,
  events: JSON.parse(row.events) as string[],
  active: row.active === 1,
  disabledReason: row.disabled_reason,
  disabledAt: row.disabled_at,
  consecutiveFailures: row.consecutive_failures,
  disableAfter: row.disable_after,
  timeoutMs: row.timeout_ms,
  lastDeliveryAt: row.last_delivery_at,
  lastSuccessAt: row.last_success_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toDelivery = (row: WebhookDeliveryRow): Delivery => ({
  id: row.id,
  eventId: row.event_id,
  eventType: row.event_type,
  attempt: row.attempt,
  ok: row.ok === 1,
  statusCode: row.status_code,
  durationMs: row.duration_ms,
  error: row.error,
  createdAt: row.created_at,
});

/** The fields the audit trail compares (never the secret). */
const audited = (w: Webhook) => ({ name: w.name, url: w.url, events: w.events, active: w.active, timeoutMs: w.timeoutMs, disableAfter: w.disableAfter });

// Which event types have an active subscription, per database, for a few seconds: every ticket
// write asks, and a query per write would cost more than the rare stale answer on another node.
const SUBSCRIBED_TTL_MS = 5_000;
const subscribed = new WeakMap<Db, { at: number; events: Set<string> }>();

/** Forgets the cached subscription set (after a local change). */
export const forgetSubscriptions = (deps: Deps): void => void subscribed.delete(deps.db);

/** True when an active subscription wants this event type. Pass the open transaction when inside one. */
export async function hasSubscribers(deps: Deps, type: string, db: Kysely<Database> = deps.db.kysely): Promise<boolean> {
  let entry = subscribed.get(deps.db);
  if (!entry || performance.now() - entry.at > SUBSCRIBED_TTL_MS) {
    const rows = await db.selectFrom('webhooks').select('events').where('active', '=', 1).execute();
    entry = { at: performance.now(), events: new Set(rows.flatMap((r) => JSON.parse(r.events) as string[])) };
    subscribed.set(deps.db, entry);
  }
  return entry.events.has(type) || entry.events.has('*');
}

export async function listWebhooks(deps: Deps): Promise<{ items: Webhook[] }> {
  return { items: (await findWebhookRows(deps.db.kysely)).map(toWebhook) };
}

export async function getWebhook(deps: Deps, id: string): Promise<Webhook> {
  const row = await findWebhookRow(deps.db.kysely, id);
  if (!row) throw notFound('Webhook');
  return toWebhook(row);
}

const newSecret = () => `whsec_${randomToken(32)}`;

/** Creates a subscription; the answer carries its signing secret, which is never shown again. */
export async function createWebhook(deps: Deps, actor: Actor, input: CreateWebhookInput): Promise<Webhook & { secret: string }> {
  const now = deps.clock.now().toISOString();
  const secret = newSecret();
  const row: WebhookRow = {
    id: newId(),
    name: input.name,
    url: input.url,
    events: JSON.stringify(input.events),
    secret: await sealSecret(deps, secret),
    active: input.active === false ? 0 : 1,
    disabled_reason: null,
    disabled_at: null,
    consecutive_failures: 0,
    disable_after: input.disableAfter ?? DEFAULT_DISABLE_AFTER,
    timeout_ms: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    last_delivery_at: null,
    last_success_at: null,
    created_at: now,
    updated_at: now,
  };
  await inTransaction(deps, async (trx) => {
    await insertWebhook(trx, row);
    await recordAudit(trx, deps.clock, { actor, action: 'webhook.created', entityType: 'webhook', entityId: row.id, changes: { after: audited(toWebhook(row)) } });
  });
  forgetSubscriptions(deps);
  return { ...toWebhook(row), secret };
}

/** Changes a subscription; `active: true` re-enables one that was disabled and clears the failure count. */
export async function updateWebhook(deps: Deps, actor: Actor, id: string, input: UpdateWebhookInput): Promise<Webhook> {
  await inTransaction(deps, async (trx) => {
    const current = await findWebhookRow(trx, id);
    if (!current) throw notFound('Webhook');
    const reenable = input.active === true && current.active === 0;
    const next: WebhookRow = {
      ...current,
      name: input.name ?? current.name,
      url: input.url ?? current.url,
      events: input.events ? JSON.stringify(input.events) : current.events,
      active: input.active === undefined ? current.active : input.active ? 1 : 0,
      timeout_ms: input.timeoutMs ?? current.timeout_ms,
      disable_after: input.disableAfter ?? current.disable_after,
      ...(reenable ? { disabled_reason: null, disabled_at: null, consecutive_failures: 0 } : {}),
    };
    const changes = diff(audited(toWebhook(current)), audited(toWebhook(next)));
    if (!changes) return;
    await updateWebhookRow(trx, id, { ...next, id: undefined, updated_at: deps.clock.now().toISOString() });
    await recordAudit(trx, deps.clock, { actor, action: 'webhook.updated', entityType: 'webhook', entityId: id, changes });
  });
  forgetSubscriptions(deps);
  return getWebhook(deps, id);
}

/** Replaces the signing secret; the new one is in the answer only. */
export async function rotateWebhookSecret(deps: Deps, actor: Actor, id: string): Promise<Webhook & { secret: string }> {
  const secret = newSecret();
  const sealed = await sealSecret(deps, secret);
  await inTransaction(deps, async (trx) => {
    if (!(await findWebhookRow(trx, id))) throw notFound('Webhook');
    await updateWebhookRow(trx, id, { secret: sealed, updated_at: deps.clock.now().toISOString() });
    await recordAudit(trx, deps.clock, { actor, action: 'webhook.secret_rotated', entityType: 'webhook', entityId: id });
  });
  return { ...(await getWebhook(deps, id)), secret };
}

/** Deletes a subscription and its delivery log; deliveries still queued for it are dropped when they run. */
export async function deleteWebhook(deps: Deps, actor: Actor, id: string): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const row = await findWebhookRow(trx, id);
    if (!row) throw notFound('Webhook');
    await deleteWebhookRow(trx, id);
    await recordAudit(trx, deps.clock, { actor, action: 'webhook.deleted', entityType: 'webhook', entityId: id, changes: { before: audited(toWebhook(row)) } });
  });
  forgetSubscriptions(deps);
}

/** A page of a subscription's delivery attempts, newest first. */
export async function listDeliveries(deps: Deps, id: string, limit: number, cursor?: string): Promise<{ items: Delivery[]; nextCursor: string | null }> {
  await getWebhook(deps, id);
  let before: { createdAt: string; id: string } | undefined;
  if (cursor) {
    const [createdAt, rowId] = Buffer.from(cursor, 'base64url').toString().split('|');
    if (!createdAt || !rowId) throw new AppError('invalid_cursor');
    before = { createdAt, id: rowId };
  }
  const rows = await findDeliveries(deps.db.kysely, id, limit + 1, before);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? Buffer.from(`${last.created_at}|${last.id}`).toString('base64url') : null;
  return { items: page.map(toDelivery), nextCursor };
}
