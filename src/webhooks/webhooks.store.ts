import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../platform/db/tables.js';
import type { WebhookDeliveryRow, WebhookRow, WebhooksTable } from './webhooks.tables.js';

export const findWebhookRow = (db: Kysely<Database>, id: string) => db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();

export const findWebhookRows = (db: Kysely<Database>) => db.selectFrom('webhooks').selectAll().orderBy('name').orderBy('id').execute();

/** Active subscriptions (few: a help desk has a handful), for fan-out. */
export const findActiveWebhookRows = (db: Kysely<Database>) => db.selectFrom('webhooks').selectAll().where('active', '=', 1).execute();

export async function insertWebhook(db: Kysely<Database>, row: WebhookRow): Promise<void> {
  await db.insertInto('webhooks').values(row).execute();
}

export async function updateWebhookRow(db: Kysely<Database>, id: string, changes: Updateable<WebhooksTable>): Promise<void> {
  await db.updateTable('webhooks').set(changes).where('id', '=', id).execute();
}

export async function deleteWebhookRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('webhooks').where('id', '=', id).execute();
}

export async function insertDelivery(db: Kysely<Database>, row: WebhookDeliveryRow): Promise<void> {
  await db.insertInto('webhook_deliveries').values(row).execute();
}

/** A subscription's deliveries, newest first, before an optional `(created_at, id)` keyset. */
export function findDeliveries(db: Kysely<Database>, webhookId: string, limit: number, before?: { createdAt: string; id: string }) {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId);
  if (before) {
    query = query.where((eb) =>
      eb.or([eb('created_at', '<', before.createdAt), eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)])]),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Deletes log entries older than `before`. */
export async function purgeDeliveriesBefore(db: Kysely<Database>, before: string): Promise<number> {
  const result = await db.deleteFrom('webhook_deliveries').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
