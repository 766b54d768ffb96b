import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { principalFromUpgrade } from '../accounts/upgrade-auth.js';
import { WebSocket, WebSocketServer } from 'ws';
import type { Principal } from '../platform/auth/principal.js';
import { can } from '../platform/auth/roles.js';
import type { Deps } from '../platform/context.js';
import type { DomainEvents } from '../platform/events/bus.js';
import { StreamFrame, type PresenceOut } from './live.protocol.js';

export const STREAM_PATH = '/api/v1/stream';
const MAX_FRAME_BYTES = 4 * 1024;
/** A typing notice lapses when the typist goes quiet this long. */
export const TYPING_TTL_MS = 6_000;
const HEARTBEAT_MS = 30_000;
/** The events staff consoles receive (ticket ids and what changed; clients fetch what they show). */
const FORWARDED = ['ticket.created', 'ticket.updated', 'message.created'] as const;
/** Monitor alerts go only to those who may read them (`GET /alerts` needs analytics:read: leads and admins). */
const ALERT_PERMISSION = 'analytics:read';

interface Conn {
  ws: WebSocket;
  principal: Principal;
  viewing: string | null;
  typingUntil: number;
  alive: boolean;
}

/**
 * The console's live stream: domain events about tickets for every signed-in staff member, new
 * monitor alerts for leads and admins, and collision presence (who has a ticket open, who is typing on it). One node: presence lives in
 * memory and events come from this process's bus.
 */
export class LiveHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly conns = new Set<Conn>();
  private readonly unsubscribe: (() => void)[] = [];
  private readonly heartbeat: NodeJS.Timeout;
  private readonly expiry = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: Deps) {
    for (const event of FORWARDED) {
      this.unsubscribe.push(deps.events.subscribe(event, (payload: DomainEvents[typeof event]) => this.broadcast({ type: event, ...payload })));
    }
    this.unsubscribe.push(
      deps.events.subscribe('alert.raised', (payload) => this.broadcast({ type: 'alert.raised', ...payload }, (c) => can(c.principal.role, ALERT_PERMISSION))),
    );
    this.heartbeat = setInterval(() => {
      for (const conn of this.conns) {
        if (!conn.alive) {
          conn.ws.terminate();
          continue;
        }
        conn.alive = false;
        conn.ws.ping();
      }
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Takes over WebSocket upgrades to STREAM_PATH; other paths are left to their owners. */
  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname !== STREAM_PATH) return;
      void this.upgrade(request, socket, head);
    });
  }

  /** Open connections (for tests and metrics). */
  connections(): number {
    return this.conns.size;
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const timer of this.expiry.values()) clearTimeout(timer);
    for (const off of this.unsubscribe) off();
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const principal = await principalFromUpgrade(this.deps, request).catch(() => null);
    if (!principal || !can(principal.role, 'tickets:read')) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.onConnection(ws, principal));
  }


  private send(ws: WebSocket, frame: object): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
  }

  private broadcast(frame: object, to: (conn: Conn) => boolean = () => true): void {
    const text = JSON.stringify(frame);
    for (const conn of this.conns) if (conn.ws.readyState === WebSocket.OPEN && to(conn)) conn.ws.send(text);
  }

  private onConnection(ws: WebSocket, principal: Principal): void {
    const conn: Conn = { ws, principal, viewing: null, typingUntil: 0, alive: true };
    this.conns.add(conn);
    ws.on('pong', () => (conn.alive = true));
    ws.on('close', () => {
      this.conns.delete(conn);
      if (conn.viewing) this.presence(conn.viewing);
    });
    this.send(ws, { type: 'welcome', userId: principal.userId });
    ws.on('message', (data) => {
      let value: unknown;
      try {
        value = JSON.parse(data.toString());
      } catch {
        return this.send(ws, { type: 'error', code: 'malformed_json', message: 'Frames are JSON objects' });
      }
      const parsed = StreamFrame.safeParse(value);
      if (!parsed.success) return this.send(ws, { type: 'error', code: 'validation_failed', message: parsed.error.issues[0]?.message ?? 'invalid frame' });
      const frame = parsed.data;
      if (frame.type === 'ping') return this.send(ws, { type: 'pong' });
      if (frame.type === 'viewing') {
        const before = conn.viewing;
        conn.viewing = frame.ticketId;
        conn.typingUntil = 0;
        if (before && before !== frame.ticketId) this.presence(before);
        if (frame.ticketId) this.presence(frame.ticketId);
        return;
      }
      // Typing implies viewing.
      const before = conn.viewing;
      conn.viewing = frame.ticketId;
      if (before && before !== frame.ticketId) this.presence(before);
      const wasTyping = conn.typingUntil > Date.now();
      conn.typingUntil = frame.on ? Date.now() + TYPING_TTL_MS : 0;
      if (frame.on) this.expireTyping(frame.ticketId);
      if (wasTyping !== frame.on || before !== frame.ticketId) this.presence(frame.ticketId);
    });
  }

  /** Re-announces a ticket's viewers once the last typing notice on it may have lapsed. */
  private expireTyping(ticketId: string): void {
    clearTimeout(this.expiry.get(ticketId));
    const timer = setTimeout(() => {
      this.expiry.delete(ticketId);
      this.presence(ticketId);
    }, TYPING_TTL_MS + 50);
    timer.unref();
    this.expiry.set(ticketId, timer);
  }

  /** Tells everyone on a ticket who is there (one entry per person, however many tabs). */
  private presence(ticketId: string): void {
    const now = Date.now();
    const here = [...this.conns].filter((c) => c.viewing === ticketId);
    const people = new Map<string, PresenceOut['viewers'][number]>();
    for (const c of here) {
      const seen = people.get(c.principal.userId);
      const typing = c.typingUntil > now;
      people.set(c.principal.userId, { userId: c.principal.userId, name: c.principal.name, typing: typing || (seen?.typing ?? false) });
    }
    const frame: PresenceOut = { type: 'presence', ticketId, viewers: [...people.values()] };
    for (const c of here) this.send(c.ws, frame);
  }
}
