import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { CompiledStatements } from '../../platform/db/compiled.js';
import type { Database } from '../../platform/db/tables.js';
import type { EmailAttachmentsTable, EmailDeliveriesTable, EmailMessageIdsTable, InboundEmailsTable } from './email.tables.js';

type Db = Kysely<Database>;

// The statements every inbound mail runs are compiled once, then only bound.
const statements = new CompiledStatements();
/** Lookups of up to this many Message-IDs (a mail's own, In-Reply-To and a short References chain) use a compiled statement. */
const COMPILED_LOOKUP_MAX = 8;

/** Inserts an accepted message; false when the same (source, source_ref) is already stored. */
export async function insertInbound(db: Db, row: Insertable<InboundEmailsTable>): Promise<boolean> {
  const result = await statements.insertRow(db, 'insert-inbound', 'inbound_emails', row, (insert) => insert.onConflict((oc) => oc.columns(['source', 'source_ref']).doNothing()));
  return Number(result.numAffectedRows ?? 0) > 0;
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
  const [row] = await statements.run<{ n: number | string }>(
    db,
    'count-recent-from',
    (k: Db) => k.selectFrom('inbound_emails').select((eb) => eb.fn.countAll().as('n')).where('from_address', '=', '').where('received_at', '>=', '').where('id', '!=', ''),
    [address, since, exceptId],
  );
  return Number(row?.n ?? 0);
}

/** Records the final facts of a mail turned into a ticket or reply, unless another run finished it first (false then). */
export async function markInboundProcessed(
  db: Db,
  id: string,
  done: { from_address: string; subject: string; message_id: string | null; ticket_id: string; ticket_message_id: string; processed_at: string },
  fromStatuses: string[],
): Promise<boolean> {
  const set = {
    from_address: done.from_address,
    subject: done.subject,
    message_id: done.message_id,
    status: 'processed',
    reason: null,
    last_error: null,
    ticket_id: done.ticket_id,
    ticket_message_id: done.ticket_message_id,
    processed_at: done.processed_at,
  };
  const result = await statements.execute(
    db,
    `mark-inbound-processed-${fromStatuses.length}`,
    (k: Db) => k.updateTable('inbound_emails').set(set).where('id', '=', id).where('status', 'in', fromStatuses),
    // Kysely binds SET values in the object's key order, then the WHERE values: the same object
    // gives the statement its shape and, in that order, every call's values.
    [...Object.values(set), id, ...fromStatuses],
  );
  return Number(result.numAffectedRows ?? 0) > 0;
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

type KnownMessageIdRow = Selectable<EmailMessageIdsTable>;

export function findMessageIds(db: Db, ids: string[]): Promise<KnownMessageIdRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  if (ids.length > COMPILED_LOOKUP_MAX) return db.selectFrom('email_message_ids').selectAll().where('message_id', 'in', ids).execute();
  return statements.run<KnownMessageIdRow>(db, `find-message-ids-${ids.length}`, (k: Db) => k.selectFrom('email_message_ids').selectAll().where('message_id', 'in', ids), ids);
}

export async function insertMessageId(db: Db, row: { message_id: string; ticket_id: string; ticket_message_id: string | null; direction: 'in' | 'out'; created_at: string }): Promise<void> {
  await statements.insertRow(db, 'insert-message-id', 'email_message_ids', row, (insert) => insert.onConflict((oc) => oc.column('message_id').doNothing()));
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
