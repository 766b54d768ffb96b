import { z } from 'zod';
import { Limit, Timestamp } from '../platform/http/schemas.js';

/** Event types a subscription can ask for; `*` means all of them. */
export const WEBHOOK_EVENTS = ['ticket.created', 'ticket.updated', 'message.created', 'sla.warning', 'sla.breached', 'csat.received'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
/** Sent only to the subscription an automation's "call webhook" action names. */
export const AUTOMATION_EVENT = 'automation.triggered';

const HttpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL');

const Events = z
  .array(z.enum([...WEBHOOK_EVENTS, '*']))
  .min(1)
  .max(WEBHOOK_EVENTS.length + 1)
  .refine((events) => new Set(events).size === events.length, 'must not repeat an event')
  .describe('Event types to receive, or ["*"] for all');

export const CreateWebhookBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    url: HttpUrl,
    events: Events,
    active: z.boolean().optional(),
    timeoutMs: z.number().int().min(100).max(30_000).optional().describe('Per-attempt timeout; default 10,000'),
    disableAfter: z.number().int().min(1).max(1000).optional().describe('Consecutive failed attempts before the subscription is disabled; default 15'),
  })
  .strict();
export type CreateWebhookInput = z.infer<typeof CreateWebhookBody>;

export const UpdateWebhookBody = CreateWebhookBody.partial().strict().describe('`active: true` re-enables a disabled subscription');
export type UpdateWebhookInput = z.infer<typeof UpdateWebhookBody>;

export const WebhookSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  disabledReason: z.string().nullable(),
  disabledAt: Timestamp.nullable(),
  consecutiveFailures: z.number(),
  disableAfter: z.number(),
  timeoutMs: z.number(),
  lastDeliveryAt: Timestamp.nullable(),
  lastSuccessAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Webhook = z.infer<typeof WebhookSchema>;

export const WebhookWithSecretSchema = WebhookSchema.extend({
  secret: z.string().describe('The signing secret; shown only in this response'),
});
export const WebhookListResponse = z.object({ items: z.array(WebhookSchema) });

export const DeliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  attempt: z.number(),
  ok: z.boolean(),
  statusCode: z.number().nullable(),
  durationMs: z.number(),
  error: z.string().nullable(),
  createdAt: Timestamp,
});
export type Delivery = z.infer<typeof DeliverySchema>;

export const DeliveryListQuery = z.object({ limit: Limit(200, 50), cursor: z.string().max(200).optional() });
export const DeliveryListResponse = z.object({ items: z.array(DeliverySchema), nextCursor: z.string().nullable() });
