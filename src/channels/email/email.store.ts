import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../../platform/db/tables.js';
import type { EmailAttachmentsTable, EmailDeliveriesTable, InboundEmailsTable } from './email.tables.js';

type Db = Kysely<Database>;

/** Inserts an accepted message; false when the same (source, source_ref) is already stored. */
export async function insertInbound(db: Db, row: Insertable<InboundEmailsTable>): Promise<boolean> {
  const result = await db.insertInto('inbound_emails').values(row).onConflict((oc) => oc.columns(['source', 'source_ref']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export const findInbound = (db: Db, id: string) => db.selectFrom('inbound_emails').selectAll().where('id', '=', id).executeTakeFirst();

/** Updates the row only while it is in one of `from` statuses; false when another run got there first. */
export async function updateInbound(db: Db, id: string, changes: Updateable<InboundEmailsTable>, from?: string[]): Promise<boolean> {
  let query = db.updateTable('inbound_emails').set(changes).where('id', '=', id);
  if (from) query = query.where('status', 'in', from);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export const deleteInboundRow = (db: Db, id: string) => db.deleteFrom('inbound_emails').where('id', '=', id).execute();

/** Other rows still pointing at a raw file (it is content-addressed, so shared). */
export const rawReferences = async (db: Db, sha256: string) =>
  Number((await db.selectFrom('inbound_emails').select((eb) => eb.fn.countAll().as('n')).where('raw_sha256', '=', sha256).executeTakeFirstOrThrow()).n);

/** Mail from the address received since `since`, not counting `exceptId`. */
export async function countRecentFrom(db: Db, address: string, since: string, exceptId: string): Promise<number> {
  const row = await db
    .selectFrom('inbound_emails')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('from_address', '=', address)
    .where('received_at', '>=', since)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listInbound(db: Db, filter: { status?: string; limit: number; after?: { receivedAt: string; id: string } }) {
  let query = db.selectFrom('inbound_emails').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.after) {
    const { receivedAt, id } = filter.after;
    query = query.where((eb) => eb.or([eb('received_at', '<', receivedAt), eb.and([eb('received_at', '=', receivedAt), eb('id', '<', id)])]));
  }
  return query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

/** Inbound rows stuck in `received` since before `before` (their process died): the sweep retries them. */
export const staleReceived = (db: Db, before: string, limit: number) =>
  db.selectFrom('inbound_emails').select('id').where('status', '=', 'received').where('received_at', '<', before).orderBy('received_at').limit(limit).execute();

export const findMessageIds = (db: Db, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('email_message_ids').selectAll().where('message_id', 'in', ids).execute();

export async function insertMessageId(db: Db, row: { message_id: string; ticket_id: string; ticket_message_id: string | null; direction: 'in' | 'out'; created_at: string }): Promise<void> {
  await db.insertInto('email_message_ids').values(row).onConflict((oc) => oc.column('message_id').doNothing()).execute();
}

/** A ticket's Message-IDs, oldest first (References of an outbound reply). */
export const ticketMessageIds = (db: Db, ticketId: string) =>
  db.selectFrom('email_message_ids').select(['message_id', 'direction']).where('ticket_id', '=', ticketId).orderBy('created_at').orderBy('message_id').execute();

// The few ticket and customer facts threading and replies need. Read-only, and kept here rather than
// reaching into the tickets store's internals; tickets own these tables.
export const ticketByNumber = (db: Db, number: number) =>
  db.selectFrom('tickets').select(['id', 'number', 'status', 'requester_id', 'organisation_id']).where('number', '=', number).executeTakeFirst();

export const ticketById = (db: Db, id: string) =>
  db.selectFrom('tickets').select(['id', 'number', 'subject', 'status', 'channel', 'requester_id', 'organisation_id']).where('id', '=', id).executeTakeFirst();

export const customerEmail = async (db: Db, customerId: string) =>
  (await db.selectFrom('customers').select('email').where('id', '=', customerId).executeTakeFirst())?.email ?? null;

export const firstMessageId = async (db: Db, ticketId: string) =>
  (await db.selectFrom('messages').select('id').where('ticket_id', '=', ticketId).orderBy('created_at').orderBy('id').limit(1).executeTakeFirst())?.id ?? null;

export async function insertAttachments(db: Db, rows: Insertable<EmailAttachmentsTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('email_attachments').values(rows).execute();
}

export const findAttachment = (db: Db, id: string) => db.selectFrom('email_attachments').selectAll().where('id', '=', id).executeTakeFirst();

export const attachmentsOf = (db: Db, where: { inboundEmailId?: string; ticketId?: string }) => {
  let query = db.selectFrom('email_attachments').selectAll();
  if (where.inboundEmailId) query = query.where('inbound_email_id', '=', where.inboundEmailId);
  if (where.ticketId) query = query.where('ticket_id', '=', where.ticketId);
  return query.orderBy('created_at').orderBy('id').execute();
};

export const deleteAttachmentsOf = (db: Db, inboundEmailId: string) => db.deleteFrom('email_attachments').where('inbound_email_id', '=', inboundEmailId).execute();

export const mailboxState = (db: Db, mailbox: string) => db.selectFrom('imap_mailbox_state').selectAll().where('mailbox', '=', mailbox).executeTakeFirst();

export async function saveMailboxState(db: Db, mailbox: string, uidValidity: string, lastUid: number, now: string): Promise<void> {
  await db
    .insertInto('imap_mailbox_state')
    .values({ mailbox, uid_validity: uidValidity, last_uid: lastUid, updated_at: now })
    .onConflict((oc) => oc.column('mailbox').doUpdateSet({ uid_validity: uidValidity, last_uid: lastUid, updated_at: now }))
    .execute();
}

export async function upsertDelivery(db: Db, row: Insertable<EmailDeliveriesTable>): Promise<void> {
  await db.insertInto('email_deliveries').values(row).onConflict((oc) => oc.column('id').doNothing()).execute();
}

export const updateDelivery = (db: Db, id: string, changes: Updateable<EmailDeliveriesTable>) => db.updateTable('email_deliveries').set(changes).where('id', '=', id).execute();

export const findDelivery = (db: Db, id: string) => db.selectFrom('email_deliveries').selectAll().where('id', '=', id).executeTakeFirst();

export function listDeliveries(db: Db, filter: { ticketId?: string; messageId?: string; status?: EmailDeliveriesTable['status']; limit: number }) {
  let query = db.selectFrom('email_deliveries').selectAll();
  if (filter.ticketId) query = query.where('ticket_id', '=', filter.ticketId);
  if (filter.messageId) query = query.where('ticket_message_id', '=', filter.messageId);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}
