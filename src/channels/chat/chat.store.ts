import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/tables.js';
import { newId } from '../../platform/ids.js';
import type { ChatMessageRow, ChatSender, ChatSessionRow } from './chat.tables.js';

export const findSession = (db: Kysely<Database>, id: string): Promise<ChatSessionRow | undefined> =>
  db.selectFrom('chat_sessions').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertSession(db: Kysely<Database>, row: ChatSessionRow): Promise<void> {
  await db.insertInto('chat_sessions').values(row).execute();
}

export async function updateSession(db: Kysely<Database>, id: string, changes: Partial<Omit<ChatSessionRow, 'id'>>): Promise<void> {
  await db.updateTable('chat_sessions').set(changes).where('id', '=', id).execute();
}

/**
 * Appends a message with the session's next sequence number, unless the sender already sent one
 * with this client id (a resend after a reconnect): then the stored one is returned as it was.
 */
export async function appendMessage(
  trx: Kysely<Database>,
  sessionId: string,
  message: { sender: ChatSender; authorId: string | null; clientId: string; body: string; at: string },
): Promise<{ row: ChatMessageRow; duplicate: boolean }> {
  const existing = await trx
    .selectFrom('chat_messages')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('sender', '=', message.sender)
    .where('client_id', '=', message.clientId)
    .executeTakeFirst();
  if (existing) return { row: existing, duplicate: true };
  const { last_seq } = await trx
    .updateTable('chat_sessions')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', sessionId)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  const row: ChatMessageRow = {
    id: newId(),
    session_id: sessionId,
    seq: Number(last_seq),
    sender: message.sender,
    author_id: message.authorId,
    client_id: message.clientId,
    body: message.body,
    created_at: message.at,
  };
  await trx.insertInto('chat_messages').values(row).execute();
  return { row, duplicate: false };
}

export const messagesAfter = (db: Kysely<Database>, sessionId: string, afterSeq: number): Promise<ChatMessageRow[]> =>
  db.selectFrom('chat_messages').selectAll().where('session_id', '=', sessionId).where('seq', '>', afterSeq).orderBy('seq').execute();

/** Agents' open chats (after a reconnect, the agent gets them back). */
export const openSessionsOf = (db: Kysely<Database>, agentId: string): Promise<ChatSessionRow[]> =>
  db.selectFrom('chat_sessions').selectAll().where('agent_id', '=', agentId).where('status', '=', 'active').orderBy('started_at').execute();

/** Chats not ended whose last message (or start) is older than `before`. */
export async function idleSessionIds(db: Kysely<Database>, before: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('chat_sessions as s')
    .select('s.id')
    .where('s.status', 'in', ['waiting', 'active', 'offline'])
    .where((eb) =>
      eb(
        eb.fn.coalesce(
          eb.selectFrom('chat_messages as m').select((m) => m.fn.max('m.created_at').as('last')).whereRef('m.session_id', '=', 's.id'),
          's.started_at',
        ),
        '<',
        before,
      ),
    )
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
