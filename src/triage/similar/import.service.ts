import type { Kysely } from 'kysely';
import { toRow } from '../../audit/audit.service.js';
import type { Actor } from '../../platform/auth/principal.js';
import type { Deps } from '../../platform/context.js';
import { inTransaction } from '../../platform/context.js';
import { takeSequenceNumbers } from '../../platform/db/dialect.js';
import type { FullTextDocument } from '../../platform/db/fulltext.js';
import type { AuditEventRow, CustomersTable, Database, MessageRow } from '../../platform/db/tables.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { DEFAULT_PRIORITY, TICKET_NUMBERS, ticketIndex } from '../../tickets/tickets.service.js';
import { TicketImportRecord, type TicketImportCounts } from './import.schema.js';
import { auditInsert, customersByEmail, type ImportedTicketRow, customersInsert, existingExternalIds, messagesInsert, organisationsByDomain, ticketsInsert } from './import.store.js';
import type { JsonLine } from '../../platform/files/json-lines.js';

/** The audit actor of imported tickets and their new requesters. */
export const IMPORT_ACTOR: Actor = { type: 'system', id: null, label: 'import' };

/** Tickets per transaction: large enough that commits are rare, small enough to keep memory flat. */
const BATCH = 5_000;
/** Bad lines named in the error; the count says how many more there were. */
const ERRORS_SHOWN = 5;
const CHANNEL = 'other';

/**
 * Imports tickets from JSON lines, all or nothing for bad input: a first pass validates every
 * line and, when any is bad, throws one `validation_failed` error naming the first few bad lines
 * by number before anything is written. The second pass writes batches of BATCH tickets, each in
 * one transaction with its requesters, first messages, audit events and full-text entries.
 * An externalId that is already a ticket (an earlier import, or earlier in the same file) is
 * skipped, never duplicated or overwritten: agents may have worked the ticket since.
 * `read` is called once per pass and must yield the same lines each time.
 */
export async function importTickets(deps: Deps, read: () => AsyncIterable<JsonLine>, options: { source?: string; actor?: Actor } = {}): Promise<TicketImportCounts> {
  const source = options.source ?? 'input';
  const lines = await validateAll(deps, read(), source);
  if (lines === 0) throw new AppError('validation_failed', `${source} has no ticket lines`);
  const counts: TicketImportCounts = { lines, created: 0, skipped: 0 };
  let batch: TicketImportRecord[] = [];
  const flush = async () => {
    const created = await importBatch(deps, options.actor ?? IMPORT_ACTOR, batch);
    counts.created += created;
    counts.skipped += batch.length - created;
    batch = [];
  };
  for await (const item of read()) {
    batch.push(parseRecord(deps, item));
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  return counts;
}

/** Checks every line; throws one error listing the first bad ones. Returns the number of lines. */
async function validateAll(deps: Deps, lines: AsyncIterable<JsonLine>, source: string): Promise<number> {
  const problems: string[] = [];
  let bad = 0;
  let count = 0;
  for await (const item of lines) {
    count++;
    try {
      parseRecord(deps, item);
    } catch (error) {
      bad++;
      if (problems.length < ERRORS_SHOWN) problems.push((error as AppError).detail ?? String(error));
    }
  }
  if (bad > 0) {
    const more = bad > problems.length ? `; and ${bad - problems.length} more` : '';
    throw new AppError('validation_failed', `${bad} bad line${bad === 1 ? '' : 's'} in ${source}, nothing imported: ${problems.join('; ')}${more}`);
  }
  return count;
}

/** One line as a record, or an error naming its line and field. */
function parseRecord(deps: Deps, item: JsonLine): TicketImportRecord {
  if (item.error !== undefined) throw new AppError('validation_failed', `line ${item.line}: ${item.error}`);
  if (item.value === null || typeof item.value !== 'object' || Array.isArray(item.value)) {
    throw new AppError('validation_failed', `line ${item.line}: expected an object {"externalId", "subject", "body", "requester": {"email"}}`);
  }
  const parsed = TicketImportRecord.safeParse(item.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || 'line';
    const message = valueAt(item.value, issue.path) === undefined ? 'is missing' : issue.message;
    throw new AppError('validation_failed', `line ${item.line}: ${field} ${message}`);
  }
  if (parsed.data.body.length > deps.config.messageMaxChars) {
    throw new AppError('validation_failed', `line ${item.line}: body has more than ${deps.config.messageMaxChars} characters`);
  }
  return parsed.data;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) at = at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined;
  return at;
}

/** Writes one batch in one transaction; returns how many tickets it created. */
async function importBatch(deps: Deps, actor: Actor, records: TicketImportRecord[]): Promise<number> {
  const now = deps.clock.now().toISOString();
  return inTransaction(deps, async (trx) => {
    const firstOfEach = new Map<string, TicketImportRecord>();
    for (const r of records) if (!firstOfEach.has(r.externalId)) firstOfEach.set(r.externalId, r);
    const existing = await existingExternalIds(trx, [...firstOfEach.keys()]);
    const fresh = [...firstOfEach.values()].filter((r) => !existing.has(r.externalId));
    if (fresh.length === 0) return 0;
    const requesters = await ensureRequesters(trx, actor, fresh, now);
    const numbers = await takeSequenceNumbers(trx, TICKET_NUMBERS, fresh.length);
    const tickets: ImportedTicketRow[] = [];
    const messages: MessageRow[] = [];
    const audit: Omit<AuditEventRow, 'id'>[] = [];
    const documents: FullTextDocument[] = [];
    fresh.forEach((r, i) => {
      const createdAt = r.createdAt ?? now;
      const createdMs = Date.parse(createdAt);
      const requester = requesters.get(r.requester.email)!;
      const status = r.status ?? 'new';
      const priority = r.priority ?? DEFAULT_PRIORITY;
      const id = newId(createdMs);
      const number = numbers[i]!;
      tickets.push({
        id, number, external_id: r.externalId, subject: r.subject, status, priority, category: r.category ?? null, channel: CHANNEL,
        requester_id: requester.id, organisation_id: requester.organisation_id, tags: '[]', custom_fields: '{}', version: 1,
        created_at: createdAt, updated_at: createdAt,
        solved_at: status === 'solved' || status === 'closed' ? createdAt : null, closed_at: status === 'closed' ? createdAt : null,
      });
      messages.push({ id: newId(createdMs), ticket_id: id, visibility: 'public', author_type: 'customer', author_id: requester.id, body_text: r.body, body_html: null, channel: CHANNEL, created_at: createdAt });
      const after = { externalId: r.externalId, subject: r.subject, status, priority, category: r.category ?? null, channel: CHANNEL, createdAt };
      audit.push(toRow(now, { actor, action: 'ticket.imported', entityType: 'ticket', entityId: id, ticketId: id, changes: { after } }));
      documents.push({ key: number, title: r.subject, body: r.body });
    });
    await ticketsInsert.insert(trx, tickets);
    await messagesInsert.insert(trx, messages);
    await auditInsert.insert(trx, audit);
    await ticketIndex(deps).replaceMany(trx, documents);
    return fresh.length;
  });
}

/**
 * Finds or creates the requester of every record by email. A new customer joins the
 * organisation that claims their email domain, and dates from their earliest imported ticket.
 */
async function ensureRequesters(
  trx: Kysely<Database>,
  actor: Actor,
  records: readonly TicketImportRecord[],
  now: string,
): Promise<Map<string, { id: string; organisation_id: string | null }>> {
  const earliest = new Map<string, { at: string; name: string | null }>();
  for (const r of records) {
    const at = r.createdAt ?? now;
    const seen = earliest.get(r.requester.email);
    if (!seen || at < seen.at) earliest.set(r.requester.email, { at, name: seen?.name ?? r.requester.name ?? null });
  }
  const found = await customersByEmail(trx, [...earliest.keys()]);
  const missing = [...earliest.keys()].filter((email) => !found.has(email));
  if (missing.length === 0) return found;
  const domains = await organisationsByDomain(trx, [...new Set(missing.map((e) => e.slice(e.lastIndexOf('@') + 1)))]);
  const customers: CustomersTable[] = [];
  const audit: Omit<AuditEventRow, 'id'>[] = [];
  for (const email of missing) {
    const { at, name } = earliest.get(email)!;
    const row = { id: newId(Date.parse(at)), email, name, organisation_id: domains.get(email.slice(email.lastIndexOf('@') + 1)) ?? null, created_at: at, updated_at: at };
    customers.push(row);
    audit.push(toRow(now, { actor, action: 'customer.created', entityType: 'customer', entityId: row.id, changes: { after: { email, name, organisationId: row.organisation_id } } }));
    found.set(email, row);
  }
  await customersInsert.insert(trx, customers);
  await auditInsert.insert(trx, audit);
  return found;
}
