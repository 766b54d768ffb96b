// Frozen once shipped: later changes go in a new migration. Imports nothing from the app.
import type { Kysely } from 'kysely';

/** Email in and out (src/channels/email/): inbound mail, threading ids, attachments, IMAP state, deliveries. */
export async function up(db: Kysely<any>): Promise<void> {
  // Every message we accepted, written before it is processed, so nothing accepted is ever lost.
  await db.schema
    .createTable('inbound_emails')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // smtp | imap:<mailbox key> — with source_ref (SMTP: own id; IMAP: uidvalidity:uid) unique, so a re-poll cannot double a message.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text', (c) => c.notNull())
    .addColumn('raw_sha256', 'text', (c) => c.notNull())
    .addColumn('raw_size', 'integer', (c) => c.notNull())
    .addColumn('envelope_from', 'text')
    .addColumn('from_address', 'text')
    .addColumn('subject', 'text')
    .addColumn('message_id', 'text')
    // received → processed | quarantined | duplicate | failed (retried) ; quarantined → released (processed) or deleted.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('ticket_id', 'text')
    .addColumn('ticket_message_id', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text')
    .execute();
  await db.schema.createIndex('inbound_emails_source_ref').unique().on('inbound_emails').columns(['source', 'source_ref']).execute();
  await db.schema.createIndex('inbound_emails_status').on('inbound_emails').columns(['status', 'received_at']).execute();
  // The per-sender rate limit counts recent mail from one address.
  await db.schema.createIndex('inbound_emails_sender').on('inbound_emails').columns(['from_address', 'received_at']).execute();

  // Message-IDs we have seen (in) or written (out), each tied to its ticket: the threading index.
  await db.schema
    .createTable('email_message_ids')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('ticket_message_id', 'text')
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('email_message_ids_ticket').on('email_message_ids').columns(['ticket_id', 'created_at']).execute();

  await db.schema
    .createTable('email_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inbound_email_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text')
    .addColumn('ticket_message_id', 'text')
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    // Null when the attachment was over the size cap and not kept (status too_large).
    .addColumn('sha256', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('email_attachments_inbound').on('email_attachments').columns(['inbound_email_id']).execute();
  await db.schema.createIndex('email_attachments_ticket').on('email_attachments').columns(['ticket_id']).execute();

  // Where each polled IMAP mailbox stands: a new UIDVALIDITY starts over from UID 0.
  await db.schema
    .createTable('imap_mailbox_state')
    .addColumn('mailbox', 'text', (c) => c.primaryKey())
    .addColumn('uid_validity', 'text', (c) => c.notNull())
    .addColumn('last_uid', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // One row per outbound mail (id = the email.send job's id): queued → sent | failed.
  await db.schema
    .createTable('email_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text')
    .addColumn('ticket_message_id', 'text')
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('smtp_message_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('email_deliveries_ticket').on('email_deliveries').columns(['ticket_id', 'created_at']).execute();
  await db.schema.createIndex('email_deliveries_message').on('email_deliveries').columns(['ticket_message_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['email_deliveries', 'imap_mailbox_state', 'email_attachments', 'email_message_ids', 'inbound_emails']) {
    await db.schema.dropTable(table).execute();
  }
}
