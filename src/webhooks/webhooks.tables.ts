import type { Selectable } from 'kysely';

// Tables of migration 2026_11_26_0400_automations, merged into the Database interface.
declare module '../platform/db/tables.js' {
  interface Database {
    webhooks: WebhooksTable;
    webhook_deliveries: WebhookDeliveriesTable;
  }
}

export interface WebhooksTable {
  id: string;
  name: string;
  url: string;
  /** JSON array of event types (or `["*"]`). */
  events: string;
  /** The signing secret, encrypted (see secret-box.ts). */
  secret: string;
  active: number;
  disabled_reason: string | null;
  disabled_at: string | null;
  consecutive_failures: number;
  disable_after: number;
  timeout_ms: number;
  last_delivery_at: string | null;
  last_success_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  ok: number;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  created_at: string;
}

export type WebhookRow = Selectable<WebhooksTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
