import { z } from 'zod';
import { Limit, Timestamp } from '../../platform/http/schemas.js';

export const INBOUND_STATUSES = ['received', 'processed', 'quarantined', 'duplicate', 'failed'] as const;

export const ListInboundQuery = z.object({
  status: z.enum(INBOUND_STATUSES).optional().describe('quarantined: the admin review list'),
  limit: Limit(200, 50),
  cursor: z.string().max(200).optional(),
});

export const AttachmentSchema = z.object({
  id: z.string(),
  inboundEmailId: z.string(),
  ticketId: z.string().nullable(),
  messageId: z.string().nullable(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string().nullable(),
  status: z.enum(['stored', 'too_large']).describe('too_large: over FRONTLINE_ATTACHMENT_MAX_BYTES, not kept'),
  createdAt: Timestamp,
});

export const InboundEmailSchema = z.object({
  id: z.string(),
  source: z.string(),
  status: z.enum(INBOUND_STATUSES),
  reason: z.string().nullable().describe('why it was quarantined or marked duplicate'),
  from: z.string().nullable(),
  envelopeFrom: z.string().nullable(),
  subject: z.string().nullable(),
  messageId: z.string().nullable(),
  size: z.number(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  ticketId: z.string().nullable(),
  ticketMessageId: z.string().nullable(),
  receivedAt: Timestamp,
  processedAt: Timestamp.nullable(),
});

export const InboundEmailDetailSchema = InboundEmailSchema.extend({
  text: z.string().describe('the full text, quoted history and signature included'),
  newText: z.string().describe('the part the ticket shows'),
  html: z.string().nullable().describe('sanitised HTML'),
  headers: z.record(z.string(), z.string()),
  attachments: z.array(AttachmentSchema),
});

export const InboundListResponse = z.object({ items: z.array(InboundEmailSchema), nextCursor: z.string().nullable() });

export const TicketFilterQuery = z.object({ ticketId: z.string().max(100).optional(), messageId: z.string().max(100).optional(), limit: Limit(200, 50) });

export const DeliverySchema = z.object({
  id: z.string(),
  ticketId: z.string().nullable(),
  messageId: z.string().nullable(),
  to: z.string(),
  subject: z.string(),
  smtpMessageId: z.string().nullable(),
  status: z.enum(['queued', 'sent', 'failed']),
  attempts: z.number(),
  error: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  sentAt: Timestamp.nullable(),
});

export const DeliveryListResponse = z.object({ items: z.array(DeliverySchema) });
export const AttachmentListResponse = z.object({ items: z.array(AttachmentSchema) });

export type InboundEmail = z.infer<typeof InboundEmailSchema>;
export type InboundEmailDetail = z.infer<typeof InboundEmailDetailSchema>;
export type Attachment = z.infer<typeof AttachmentSchema>;
export type Delivery = z.infer<typeof DeliverySchema>;

/** What the server is configured to do with mail, for the admin console. No secret is ever part of it. */
export const EmailSettingsSchema = z.object({
  inbound: z.object({
    smtp: z.object({ enabled: z.boolean(), host: z.string(), port: z.number().nullable().describe('0: a free port chosen at start'), maxMessageBytes: z.number() }),
    imap: z.object({ enabled: z.boolean(), host: z.string().nullable(), port: z.number().nullable(), tls: z.boolean().nullable(), mailbox: z.string().nullable().describe('the login name'), folder: z.string().nullable(), pollSeconds: z.number().nullable() }),
    senderRateLimitPerHour: z.number(),
    attachmentMaxBytes: z.number(),
  }),
  outbound: z.object({
    configured: z.boolean().describe('false: replies are recorded as failed'),
    host: z.string().nullable(),
    port: z.number().nullable(),
    secure: z.boolean().nullable().describe('smtps:// (TLS from the start)'),
    authenticated: z.boolean().describe('whether SMTP_URL carries credentials (never shown)'),
    from: z.string(),
    replyTo: z.string().nullable(),
  }),
});
export type EmailSettings = z.infer<typeof EmailSettingsSchema>;
