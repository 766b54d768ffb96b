import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.service.js';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import { inTransaction, type Deps } from '../platform/context.js';
import type { Database } from '../platform/db/tables.js';
import { AppError, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import type { JobContext } from '../platform/jobs/queue.js';
import { VERSION } from '../platform/version.js';
import { getTicket } from '../tickets/tickets.service.js';
import { openSecret } from './secret-box.js';
import { signatureHeader } from './signature.js';
import { AUTOMATION_EVENT } from './webhooks.schema.js';
import { forgetSubscriptions, hasSubscribers } from './webhooks.service.js';
import { findActiveWebhookRows, findWebhookRow, insertDelivery, purgeDeliveriesBefore, updateWebhookRow } from './webhooks.store.js';
import type { WebhookRow } from './webhooks.tables.js';

export const DISPATCH_JOB = 'webhooks.dispatch';
export const DELIVER_JOB = 'webhooks.deliver';
/** Attempts per delivery: with a 30 s base, retries come after 30 s, 1, 2, 4, 8, 16 and 32 min. */
export const DELIVERY_ATTEMPTS = 8;
export const DELIVERY_BACKOFF_MS = 30_000;

interface DispatchPayload {
  eventId: string;
  type: string;
  occurredAt: string;
  ticketId: string;
  data: Record<string, unknown>;
}

interface DeliverPayload {
  webhookId: string;
  eventId: string;
  type: string;
  /** The exact JSON sent, built once so that every attempt sends the same bytes. */
  body: string;
}

interface Outcome {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/**
 * Queues an event for its subscribers. Called with the open transaction from ticket hooks, so
 * the delivery exists if and only if the change commits; costs nothing when nobody subscribes.
 */
export async function enqueueWebhookEvent(deps: Deps, type: string, ticketId: string, data: Record<string, unknown>, trx?: Kysely<Database>): Promise<void> {
  if (!(await hasSubscribers(deps, type, trx))) return;
  const payload: DispatchPayload = { eventId: newId(), type, occurredAt: deps.clock.now().toISOString(), ticketId, data };
  await deps.jobs.enqueue(DISPATCH_JOB, payload, { trx });
}

/** The JSON document a receiver gets: `{id, type, createdAt, data: {ticket, …}}`. */
async function envelope(deps: Deps, eventId: string, type: string, occurredAt: string, ticketId: string, data: Record<string, unknown>): Promise<string> {
  const ticket = await getTicket(deps, ticketId).catch((error) => {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  });
  return JSON.stringify({ id: eventId, type, createdAt: occurredAt, data: { ...data, ticket } });
}

/** Fans one event out into one delivery job per matching active subscription. */
async function dispatch(deps: Deps, payload: DispatchPayload): Promise<void> {
  const targets = (await findActiveWebhookRows(deps.db.kysely)).filter((w) => {
    const events = JSON.parse(w.events) as string[];
    return events.includes(payload.type) || events.includes('*');
  });
  if (targets.length === 0) return;
  const body = await envelope(deps, payload.eventId, payload.type, payload.occurredAt, payload.ticketId, payload.data);
  for (const hook of targets) {
    const job: DeliverPayload = { webhookId: hook.id, eventId: payload.eventId, type: payload.type, body };
    await deps.jobs.enqueue(DELIVER_JOB, job, { key: `${hook.id}:${payload.eventId}`, maxAttempts: DELIVERY_ATTEMPTS });
  }
}

/**
 * One delivery to one subscription regardless of its event types (an automation's "call
 * webhook" action); signed, retried and logged like any other. `dedupeKey` keeps a retried
 * caller from queueing it twice while the first is still waiting. Returns the event id.
 */
export async function enqueueOneOffDelivery(deps: Deps, webhookId: string, ticketId: string, data: Record<string, unknown>, dedupeKey?: string): Promise<string> {
  const hook = await findWebhookRow(deps.db.kysely, webhookId);
  if (!hook) throw notFound('Webhook');
  const eventId = newId();
  const key = `${webhookId}:${dedupeKey ?? eventId}`;
  const body = await envelope(deps, eventId, AUTOMATION_EVENT, deps.clock.now().toISOString(), ticketId, data);
  const job: DeliverPayload = { webhookId, eventId, type: AUTOMATION_EVENT, body };
  await deps.jobs.enqueue(DELIVER_JOB, job, { key, maxAttempts: DELIVERY_ATTEMPTS });
  return eventId;
}

/** POSTs the body with its signature; never throws, never waits longer than the subscription's timeout. */
async function post(deps: Deps, hook: WebhookRow, secret: string, payload: DeliverPayload): Promise<Outcome> {
  const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': `Frontline-Webhooks/${VERSION}`,
        'x-frontline-event': payload.type,
        'x-frontline-delivery': payload.eventId,
        'x-frontline-signature': signatureHeader(secret, timestamp, payload.body),
      },
      body: payload.body,
      // A redirect is a failure: following one would send signed data somewhere not configured.
      redirect: 'manual',
      signal: AbortSignal.timeout(hook.timeout_ms),
    });
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, durationMs: elapsed(), error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    const name = (error as Error).name;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const message = name === 'TimeoutError' || name === 'AbortError' ? `timed out after ${hook.timeout_ms} ms` : (cause?.code ?? cause?.message ?? (error as Error).message);
    return { ok: false, statusCode: null, durationMs: elapsed(), error: message.slice(0, 500) };
  }
}

/** Logs the attempt and keeps the failure count; disables the subscription at its limit. Returns true when it did. */
async function recordOutcome(deps: Deps, hook: WebhookRow, payload: DeliverPayload, attempt: number, outcome: Outcome): Promise<boolean> {
  const now = deps.clock.now().toISOString();
  const disabled = await inTransaction(deps, async (trx) => {
    await insertDelivery(trx, {
      id: newId(),
      webhook_id: hook.id,
      event_id: payload.eventId,
      event_type: payload.type,
      attempt,
      ok: outcome.ok ? 1 : 0,
      status_code: outcome.statusCode,
      duration_ms: outcome.durationMs,
      error: outcome.error,
      created_at: now,
    });
    if (outcome.ok) {
      await updateWebhookRow(trx, hook.id, { consecutive_failures: 0, last_delivery_at: now, last_success_at: now });
      return false;
    }
    const after = await trx
      .updateTable('webhooks')
      .set({ consecutive_failures: sql<number>`consecutive_failures + 1`, last_delivery_at: now })
      .where('id', '=', hook.id)
      .returning(['consecutive_failures', 'disable_after', 'active'])
      .executeTakeFirst();
    if (!after || after.active !== 1 || after.consecutive_failures < after.disable_after) return false;
    const reason = `Disabled after ${after.consecutive_failures} consecutive failed deliveries; the last: ${outcome.error}`;
    await updateWebhookRow(trx, hook.id, { active: 0, disabled_reason: reason, disabled_at: now, updated_at: now });
    await recordAudit(trx, deps.clock, { actor: SYSTEM_ACTOR, action: 'webhook.disabled', entityType: 'webhook', entityId: hook.id, changes: { before: { active: true }, after: { active: false, reason } } });
    return true;
  });
  if (disabled) {
    forgetSubscriptions(deps);
    deps.logger.warn({ webhookId: hook.id, url: hook.url }, 'webhook disabled after repeated failures');
  }
  return disabled;
}

/** The delivery job: throws on failure so the queue retries it with back-off. */
async function deliver(deps: Deps, payload: DeliverPayload, job: JobContext): Promise<void> {
  const hook = await findWebhookRow(deps.db.kysely, payload.webhookId);
  // Deleted or disabled since: the delivery is dropped (re-enabling does not replay old events).
  if (!hook || hook.active !== 1) return;
  const secret = await openSecret(deps, hook.secret).catch(() => null);
  const outcome: Outcome = secret
    ? await post(deps, hook, secret, payload)
    : { ok: false, statusCode: null, durationMs: 0, error: 'the signing secret cannot be read (was FRONTLINE_SECRET changed?): rotate it' };
  const disabled = await recordOutcome(deps, hook, payload, job.attempt, outcome);
  if (!outcome.ok && !disabled) throw new Error(`webhook delivery failed: ${outcome.error}`);
}

/** Registers the dispatch and delivery jobs. */
export function registerWebhookJobs(deps: Deps): void {
  deps.jobs.register<DispatchPayload>(DISPATCH_JOB, (payload) => dispatch(deps, payload), { concurrency: 2 });
  // Several at once per node, so one slow receiver does not hold up the others.
  deps.jobs.register<DeliverPayload>(DELIVER_JOB, (payload, job) => deliver(deps, payload, job), { concurrency: 4, backoffMs: DELIVERY_BACKOFF_MS });
}

/** The delivery log keeps 30 days. */
export const purgeOldDeliveries = (deps: Deps): Promise<number> =>
  purgeDeliveriesBefore(deps.db.kysely, new Date(deps.clock.now().getTime() - 30 * 24 * 3_600_000).toISOString());
