import type { Actor } from '../../platform/auth/principal.js';
import { inTransaction, type Deps } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { createTicket } from '../../tickets/tickets.service.js';
import { appendMessage, findSession, idleSessionIds, insertSession, messagesAfter, updateSession } from './chat.store.js';
import type { ChatMessageRow, ChatSender, ChatSessionRow } from './chat.tables.js';

export const MESSAGE_MAX_CHARS = 5_000;
const SYSTEM: Actor = { type: 'system', id: null, label: 'live chat' };

export interface VisitorInfo {
  visitorId: string;
  name?: string | null;
  email?: string | null;
  pageUrl?: string | null;
  groupId?: string | null;
}

export async function startChat(deps: Deps, visitor: VisitorInfo): Promise<ChatSessionRow> {
  const row: ChatSessionRow = {
    id: newId(),
    visitor_id: visitor.visitorId,
    visitor_name: visitor.name ?? null,
    visitor_email: visitor.email ?? null,
    status: 'waiting',
    group_id: visitor.groupId ?? null,
    agent_id: null,
    ticket_id: null,
    page_url: visitor.pageUrl ?? null,
    last_seq: 0,
    started_at: deps.clock.now().toISOString(),
    ended_at: null,
  };
  await insertSession(deps.db.kysely, row);
  return row;
}

export async function postChatMessage(deps: Deps, sessionId: string, message: { sender: ChatSender; authorId: string | null; clientId: string; body: string }) {
  const body = message.body.trim();
  if (!body) throw new AppError('validation_failed', 'A chat message needs text');
  if (body.length > MESSAGE_MAX_CHARS) throw new AppError('payload_too_large', `A chat message may have at most ${MESSAGE_MAX_CHARS} characters`);
  return inTransaction(deps, async (trx) => {
    const session = await findSession(trx, sessionId);
    if (!session) throw notFound('Chat');
    if (session.status === 'ended') throw new AppError('conflict', 'This chat has ended');
    return appendMessage(trx, sessionId, { ...message, body, at: deps.clock.now().toISOString() });
  });
}

export const chatMessagesAfter = (deps: Deps, sessionId: string, afterSeq: number): Promise<ChatMessageRow[]> => messagesAfter(deps.db.kysely, sessionId, afterSeq);
export const getChat = (deps: Deps, sessionId: string) => findSession(deps.db.kysely, sessionId);
export const assignChat = (deps: Deps, sessionId: string, agentId: string) => updateSession(deps.db.kysely, sessionId, { agent_id: agentId, status: 'active' });
export const markChatOffline = (deps: Deps, sessionId: string) => updateSession(deps.db.kysely, sessionId, { status: 'offline' });
export const setVisitorContact = (deps: Deps, sessionId: string, contact: { name?: string | null; email?: string | null }) =>
  updateSession(deps.db.kysely, sessionId, { ...(contact.name ? { visitor_name: contact.name } : {}), ...(contact.email ? { visitor_email: contact.email } : {}) });

function transcript(session: ChatSessionRow, messages: ChatMessageRow[], agentName: string | null): string {
  const who = (m: ChatMessageRow) => (m.sender === 'visitor' ? session.visitor_name ?? 'Visitor' : m.sender === 'agent' ? agentName ?? 'Agent' : 'System');
  const lines = messages.map((m) => `[${m.created_at.slice(11, 16)}] ${who(m)}: ${m.body}`);
  const header = `Live chat started ${session.started_at.slice(0, 16).replace('T', ' ')} UTC${session.page_url ? ` on ${session.page_url}` : ''}.`;
  return [header, '', ...lines].join('\n');
}

/**
 * Ends a chat and files it as a ticket with its transcript: solved when an agent answered,
 * a new ticket when nobody did (the visitor left a message). Ending twice files one ticket.
 */
export async function endChat(deps: Deps, sessionId: string): Promise<{ ticketId: string | null }> {
  const session = await findSession(deps.db.kysely, sessionId);
  if (!session) throw notFound('Chat');
  if (session.status === 'ended') return { ticketId: session.ticket_id };
  const claimed = await deps.db.kysely
    .updateTable('chat_sessions')
    .set({ status: 'ended', ended_at: deps.clock.now().toISOString() })
    .where('id', '=', sessionId)
    .where('status', '!=', 'ended')
    .executeTakeFirst();
  // Another node or request ended it at the same moment: it files the ticket.
  if (Number(claimed.numUpdatedRows) === 0) return { ticketId: null };
  const messages = await messagesAfter(deps.db.kysely, sessionId, 0);
  if (!messages.some((m) => m.sender === 'visitor')) return { ticketId: null };
  const agent = session.agent_id ? await deps.db.kysely.selectFrom('users').select(['name', 'active', 'role']).where('id', '=', session.agent_id).executeTakeFirst() : undefined;
  const answered = messages.some((m) => m.sender === 'agent');
  const firstVisitorLine = messages.find((m) => m.sender === 'visitor')!.body.replace(/\s+/g, ' ');
  const ticket = await createTicket(
    deps,
    SYSTEM,
    {
      subject: `Chat: ${firstVisitorLine.slice(0, 80)}${firstVisitorLine.length > 80 ? '…' : ''}`,
      body: transcript(session, messages, agent?.name ?? null),
      // `.invalid` (RFC 2606) never receives mail: an anonymous visitor gets no e-mails.
      requester: { email: session.visitor_email ?? `visitor-${session.visitor_id.slice(0, 24).toLowerCase().replace(/[^a-z0-9-]/g, '')}@chat.invalid`, ...(session.visitor_name ? { name: session.visitor_name } : {}) },
      channel: 'chat',
      ...(agent && agent.active === 1 && agent.role !== 'viewer' && session.agent_id ? { assigneeId: session.agent_id } : {}),
      ...(session.group_id ? { groupId: session.group_id } : {}),
    },
    answered ? { status: 'solved' } : {},
  );
  await updateSession(deps.db.kysely, sessionId, { ticket_id: ticket.id });
  return { ticketId: ticket.id };
}

/** Ends chats idle for longer than `idleMs` (the visitor closed the page), filing their tickets. */
export async function endIdleChats(deps: Deps, idleMs: number): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - idleMs).toISOString();
  const ids = await idleSessionIds(deps.db.kysely, before, 500);
  for (const id of ids) await endChat(deps, id);
  return ids.length;
}
