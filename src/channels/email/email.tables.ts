import type { Selectable } from 'kysely';

/** Row types of the email tables (migration 2026_11_26_0600_email), added to the shared Database type. */
export interface InboundEmailsTable {
  id: string;
  source: string;
  source_ref: string;
  raw_sha256: string;
  raw_size: number;
  envelope_from: string | null;
  from_address: string | null;
  subject: string | null;
  message_id: string | null;
  status: string;
  reason: string | null;
  attempts: number;
  last_error: string | null;
  ticket_id: string | null;
  ticket_message_id: string | null;
  received_at: string;
  processed_at: string | null;
}

export interface EmailMessageIdsTable {
  message_id: string;
  ticket_id: string;
  ticket_message_id: string | null;
  direction: 'in' | 'out';
  created_at: string;
}

export interface EmailAttachmentsTable {
  id: string;
  inbound_email_id: string;
  ticket_id: string | null;
  ticket_message_id: string | null;
  filename: string;
  content_type: string;
  size: number;
  sha256: string | null;
  status: 'stored' | 'too_large';
  content_id: string | null;
  created_at: string;
}

export interface ImapMailboxStateTable {
  mailbox: string;
  uid_validity: string;
  last_uid: number;
  updated_at: string;
}

export interface EmailDeliveriesTable {
  id: string;
  ticket_id: string | null;
  ticket_message_id: string | null;
  to_address: string;
  subject: string;
  smtp_message_id: string | null;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  error: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export type InboundEmailRow = Selectable<InboundEmailsTable>;
export type EmailAttachmentRow = Selectable<EmailAttachmentsTable>;
export type EmailDeliveryRow = Selectable<EmailDeliveriesTable>;

declare module '../../platform/db/tables.js' {
  interface Database {
    inbound_emails: InboundEmailsTable;
    email_message_ids: EmailMessageIdsTable;
    email_attachments: EmailAttachmentsTable;
    imap_mailbox_state: ImapMailboxStateTable;
    email_deliveries: EmailDeliveriesTable;
  }
}
