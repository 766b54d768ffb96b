import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { principalFromUpgrade } from '../../accounts/upgrade-auth.js';
import { WebSocket, WebSocketServer } from 'ws';
import type { Principal } from '../../platform/auth/principal.js';
import { can } from '../../platform/auth/roles.js';
import type { Deps } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { AgentFrame, VisitorFrame, type MessageOut } from './chat.protocol.js';
import { openSessionsOf } from './chat.store.js';
import type { ChatMessageRow } from './chat.tables.js';
import { assignChat, chatMessagesAfter, endChat, getChat, markChatOffline, postChatMessage, setVisitorContact, startChat } from './chat.service.js';

export const CHAT_PATH = '/chat/ws';
/** Frames larger than this are refused by the socket itself. */
const MAX_FRAME_BYTES = 64 * 1024;
/** Messages per socket per window: a runaway or hostile client cannot flood an agent. */
const RATE = { messages: 20, windowMs: 10_000 };

interface AgentState {
  id: string;
  name: string;
  status: 'online' | 'away';
  sockets: Set<WebSocket>;
  /** When they were last given a chat: ties in load go to whoever waited longest. */
  lastAssignedAt: number;
}

const toOut = (row: ChatMessageRow): MessageOut => ({ type: 'message', sessionId: row.session_id, seq: row.seq, sender: row.sender, clientId: row.client_id, body: row.body, at: row.created_at });

/** A per-socket message budget over a sliding window. */
function rateLimiter() {
  const sent: number[] = [];
  return () => {
    const now = Date.now();
    while (sent.length && now - sent[0]! > RATE.windowMs) sent.shift();
    if (sent.length >= RATE.messages) return false;
    sent.push(now);
    return true;
  };
}

/**
 * Live chat over WebSocket on one node: visitors' and agents' sockets, agent presence, routing
 * of new chats, typing indicators and message delivery. Every message is stored (with its
 * sequence number) before it is acknowledged or delivered, so a client that reconnects asks
 * for what it missed by number and nothing is lost or doubled.
 */
export class ChatHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly visitors = new Map<string, Set<WebSocket>>();
  private readonly agents = new Map<string, AgentState>();
  /** Open chat → its agent, for load counting and delivery. */
  private readonly chatAgent = new Map<string, string>();

  constructor(private readonly deps: Deps) {}

  /** Takes over WebSocket upgrades to CHAT_PATH on the HTTP server; other paths are left alone. */
  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname !== CHAT_PATH) return;
      void this.upgrade(request, socket, head, url.searchParams.get('role') === 'agent');
    });
  }

  /** Agents online now (and not away). */
  agentsOnline(): number {
    return [...this.agents.values()].filter((a) => a.status === 'online' && a.sockets.size > 0).length;
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, asAgent: boolean): Promise<void> {
    let principal: Principal | null = null;
    if (asAgent) {
      principal = await principalFromUpgrade(this.deps, request).catch(() => null);
      if (!principal || !can(principal.role, 'tickets:write')) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
        return;
      }
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => (principal ? this.onAgent(ws, principal) : this.onVisitor(ws)));
  }


  private send(ws: WebSocket, frame: object): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
  }

  private toChat(sessionId: string, frame: object): void {
    for (const ws of this.visitors.get(sessionId) ?? []) this.send(ws, frame);
    const agentId = this.chatAgent.get(sessionId);
    const agent = agentId ? this.agents.get(agentId) : undefined;
    for (const ws of agent?.sockets ?? []) this.send(ws, frame);
  }

  private fail(ws: WebSocket, error: unknown, clientId?: string): void {
    if (error instanceof AppError) {
      this.send(ws, { type: 'error', code: error.code, message: error.detail ?? error.message, ...(clientId ? { clientId } : {}) });
      return;
    }
    this.deps.logger.error({ err: error }, 'chat frame failed');
    this.send(ws, { type: 'error', code: 'internal_error', message: 'Something went wrong; try again', ...(clientId ? { clientId } : {}) });
  }

  private parse<T>(ws: WebSocket, data: WebSocket.RawData, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }): T | null {
    let value: unknown;
    try {
      value = JSON.parse(data.toString());
    } catch {
      this.send(ws, { type: 'error', code: 'malformed_json', message: 'Frames are JSON objects' });
      return null;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      this.send(ws, { type: 'error', code: 'validation_failed', message: parsed.error.issues[0]?.message ?? 'invalid frame' });
      return null;
    }
    return parsed.data;
  }

  // ---- visitors ----

  private onVisitor(ws: WebSocket): void {
    let sessionId: string | null = null;
    let hello: Extract<VisitorFrame, { type: 'hello' }> | null = null;
    const allowed = rateLimiter();
    // One frame at a time per socket: a first message must create the chat before the second lands.
    let queue: Promise<void> = Promise.resolve();
    const join = (id: string) => {
      sessionId = id;
      const sockets = this.visitors.get(id) ?? new Set();
      sockets.add(ws);
      this.visitors.set(id, sockets);
    };
    ws.on('close', () => {
      if (sessionId) this.visitors.get(sessionId)?.delete(ws);
    });
    ws.on('message', (data) => {
      const frame = this.parse(ws, data, VisitorFrame);
      if (!frame) return;
      queue = queue.then(async () => {
        if (frame.type === 'hello') {
          hello = frame;
          const resumed = frame.sessionId ? await getChat(this.deps, frame.sessionId) : undefined;
          if (resumed && resumed.visitor_id === frame.visitorId && resumed.status !== 'ended') {
            join(resumed.id);
            if (resumed.agent_id) this.chatAgent.set(resumed.id, resumed.agent_id);
            this.send(ws, { type: 'welcome', sessionId: resumed.id, status: resumed.status, lastSeq: resumed.last_seq, agentsOnline: this.agentsOnline() });
            for (const row of await chatMessagesAfter(this.deps, resumed.id, frame.lastSeq)) this.send(ws, toOut(row));
          } else {
            this.send(ws, { type: 'welcome', sessionId: null, status: null, lastSeq: 0, agentsOnline: this.agentsOnline() });
          }
          return;
        }
        if (!hello) return this.send(ws, { type: 'error', code: 'validation_failed', message: 'Say hello first' });
        if (frame.type === 'message') {
          if (!allowed()) return this.send(ws, { type: 'error', code: 'rate_limited', message: 'Too many messages; slow down', clientId: frame.clientId });
          if (!sessionId) {
            const session = await startChat(this.deps, { visitorId: hello.visitorId, name: hello.name, email: hello.email, pageUrl: hello.pageUrl, groupId: hello.groupId });
            join(session.id);
            await this.route(session.id, session.group_id);
          }
          const { row, duplicate } = await postChatMessage(this.deps, sessionId!, { sender: 'visitor', authorId: null, clientId: frame.clientId, body: frame.body });
          this.send(ws, { type: 'ack', sessionId, clientId: frame.clientId, seq: row.seq });
          if (!duplicate) this.toChat(sessionId!, toOut(row));
        } else if (frame.type === 'typing' && sessionId) {
          const agent = this.agents.get(this.chatAgent.get(sessionId) ?? '');
          for (const socket of agent?.sockets ?? []) this.send(socket, { type: 'typing', sessionId, sender: 'visitor', on: frame.on });
        } else if (frame.type === 'contact' && sessionId) {
          await setVisitorContact(this.deps, sessionId, { name: frame.name, email: frame.email });
          this.send(ws, { type: 'contact_saved' });
        } else if (frame.type === 'end' && sessionId) {
          await this.end(sessionId);
        }
      }).catch((error) => this.fail(ws, error, frame.type === 'message' ? frame.clientId : undefined));
    });
  }

  /**
   * Gives a new chat to the online agent (of the chat's group, when it names one) with the fewest
   * open chats; ties go to whoever was given one longest ago. Nobody online: the visitor is told,
   * and what they write is kept and filed as a ticket when the chat ends.
   */
  private async route(sessionId: string, groupId: string | null): Promise<void> {
    let candidates = [...this.agents.values()].filter((a) => a.status === 'online' && a.sockets.size > 0);
    if (candidates.length > 0) {
      const away = await this.deps.db.kysely.selectFrom('agent_status').select('user_id').where('available', '=', 0).where('user_id', 'in', candidates.map((a) => a.id)).execute();
      const unavailable = new Set(away.map((r) => r.user_id));
      candidates = candidates.filter((a) => !unavailable.has(a.id));
    }
    if (groupId && candidates.length > 0) {
      const members = await this.deps.db.kysely.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).execute();
      const inGroup = new Set(members.map((m) => m.user_id));
      candidates = candidates.filter((a) => inGroup.has(a.id));
    }
    if (candidates.length === 0) {
      await markChatOffline(this.deps, sessionId);
      this.toChat(sessionId, { type: 'offline', sessionId, message: 'Nobody is online right now. Leave a message and your e-mail address; we will answer by e-mail.' });
      return;
    }
    const load = (agentId: string) => [...this.chatAgent.values()].filter((id) => id === agentId).length;
    const chosen = candidates.sort((a, b) => load(a.id) - load(b.id) || a.lastAssignedAt - b.lastAssignedAt)[0]!;
    chosen.lastAssignedAt = Date.now();
    await assignChat(this.deps, sessionId, chosen.id);
    this.chatAgent.set(sessionId, chosen.id);
    const session = await getChat(this.deps, sessionId);
    for (const ws of chosen.sockets) this.send(ws, { type: 'assigned', session: this.describe(session!) });
    for (const ws of this.visitors.get(sessionId) ?? []) this.send(ws, { type: 'joined', sessionId, agentName: chosen.name });
  }

  private describe(session: NonNullable<Awaited<ReturnType<typeof getChat>>>) {
    return { sessionId: session.id, visitorName: session.visitor_name, visitorEmail: session.visitor_email, pageUrl: session.page_url, startedAt: session.started_at, lastSeq: session.last_seq };
  }

  private async end(sessionId: string): Promise<void> {
    const { ticketId } = await endChat(this.deps, sessionId);
    this.toChat(sessionId, { type: 'ended', sessionId, ticketId });
    this.chatAgent.delete(sessionId);
  }

  // ---- agents ----

  private onAgent(ws: WebSocket, principal: Principal): void {
    const state = this.agents.get(principal.userId) ?? { id: principal.userId, name: principal.name, status: 'online' as const, sockets: new Set<WebSocket>(), lastAssignedAt: 0 };
    state.sockets.add(ws);
    this.agents.set(principal.userId, state);
    const allowed = rateLimiter();
    ws.on('close', () => state.sockets.delete(ws));
    let queue: Promise<void> = (async () => {
      const open = await openSessionsOf(this.deps.db.kysely, principal.userId);
      for (const session of open) this.chatAgent.set(session.id, principal.userId);
      this.send(ws, { type: 'welcome', agentId: principal.userId, status: state.status, chats: open.map((s) => this.describe(s)) });
    })().catch((error) => this.fail(ws, error));

    ws.on('message', (data) => {
      const frame = this.parse(ws, data, AgentFrame);
      if (!frame) return;
      queue = queue.then(async () => {
        if (frame.type === 'presence') {
          state.status = frame.status;
          this.send(ws, { type: 'presence', status: state.status });
          return;
        }
        if (frame.type === 'resume') {
          for (const { sessionId, lastSeq } of frame.sessions) {
            if (this.chatAgent.get(sessionId) !== principal.userId) continue;
            for (const row of await chatMessagesAfter(this.deps, sessionId, lastSeq)) this.send(ws, toOut(row));
          }
          return;
        }
        if (this.chatAgent.get(frame.sessionId) !== principal.userId) {
          const session = await getChat(this.deps, frame.sessionId);
          if (session?.agent_id !== principal.userId) throw new AppError('forbidden', 'This chat is not yours');
          this.chatAgent.set(frame.sessionId, principal.userId);
        }
        if (frame.type === 'message') {
          if (!allowed()) return this.send(ws, { type: 'error', code: 'rate_limited', message: 'Too many messages; slow down', clientId: frame.clientId });
          const { row, duplicate } = await postChatMessage(this.deps, frame.sessionId, { sender: 'agent', authorId: principal.userId, clientId: frame.clientId, body: frame.body });
          this.send(ws, { type: 'ack', sessionId: frame.sessionId, clientId: frame.clientId, seq: row.seq });
          if (!duplicate) this.toChat(frame.sessionId, toOut(row));
        } else if (frame.type === 'typing') {
          for (const socket of this.visitors.get(frame.sessionId) ?? []) this.send(socket, { type: 'typing', sessionId: frame.sessionId, sender: 'agent', on: frame.on });
        } else if (frame.type === 'end') {
          await this.end(frame.sessionId);
        }
      }).catch((error) => this.fail(ws, error, frame.type === 'message' ? frame.clientId : undefined));
    });
  }
}
