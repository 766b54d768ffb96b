import { useSyncExternalStore } from 'react';
import { api } from './api';
import { ReconnectingSocket } from './socket';

export interface ChatMessage {
  seq: number;
  sender: 'visitor' | 'agent' | 'system';
  body: string;
  at: string;
  pending?: boolean;
  clientId?: string;
}
export interface Chat {
  sessionId: string;
  visitorName: string | null;
  visitorEmail: string | null;
  pageUrl: string | null;
  messages: ChatMessage[];
  visitorTyping: boolean;
  ended: boolean;
  ticketId: string | null;
}
interface State {
  connected: boolean;
  status: 'online' | 'away';
  chats: Chat[];
  error: string | null;
}

type Session = { sessionId: string; visitorName: string | null; visitorEmail: string | null; pageUrl: string | null; lastSeq: number };

/**
 * The agent side of live chat (/chat/ws?role=agent, docs/chat.md), kept for the whole console so
 * chats are routed to an agent wherever they are in it. Unacknowledged messages are sent again
 * after a reconnect (the server drops duplicates by clientId); `resume` fetches what was missed.
 */
class ChatAgent {
  private state: State = { connected: false, status: 'online', chats: [], error: null };
  private readonly listeners = new Set<() => void>();
  private readonly socket = new ReconnectingSocket('/chat/ws?role=agent', {
    open: () => {
      this.set({ connected: true, error: null });
      if (this.state.status !== 'online') this.send({ type: 'presence', status: this.state.status });
      const open = this.state.chats.filter((c) => !c.ended);
      if (open.length) this.send({ type: 'resume', sessions: open.map((c) => ({ sessionId: c.sessionId, lastSeq: Math.max(0, ...c.messages.filter((m) => !m.pending).map((m) => m.seq)) })) });
      for (const chat of open) for (const m of chat.messages) if (m.pending) this.send({ type: 'message', sessionId: chat.sessionId, clientId: m.clientId, body: m.body });
    },
    frame: (frame) => this.onFrame(frame as Record<string, unknown> & { type: string }),
    lost: () => this.set({ connected: false }),
  });

  get = () => this.state;
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  private set(next: Partial<State>): void {
    this.state = { ...this.state, ...next };
    for (const l of this.listeners) l();
  }
  private patchChat(sessionId: string, patch: (chat: Chat) => Chat): void {
    this.set({ chats: this.state.chats.map((c) => (c.sessionId === sessionId ? patch(c) : c)) });
  }

  start(): void {
    this.socket.start();
  }
  stop(): void {
    this.socket.stop();
    this.set({ connected: false, chats: [] });
  }

  private send(frame: object): void {
    this.socket.send(frame);
  }

  private async add(session: Session): Promise<void> {
    if (!this.state.chats.some((c) => c.sessionId === session.sessionId)) {
      this.set({ chats: [...this.state.chats, { ...session, messages: [], visitorTyping: false, ended: false, ticketId: null }] });
    }
    // The history so far (a chat is assigned after its first message).
    const full = await api<{ messages: ChatMessage[] }>(`/api/v1/chats/${session.sessionId}`).catch(() => null);
    if (full) this.patchChat(session.sessionId, (c) => ({ ...c, messages: merge(c.messages, full.messages) }));
  }

  private onFrame(frame: Record<string, unknown> & { type: string }): void {
    const sessionId = frame.sessionId as string;
    switch (frame.type) {
      case 'welcome':
        for (const s of frame.chats as Session[]) void this.add(s);
        break;
      case 'assigned':
        void this.add(frame.session as Session);
        break;
      case 'message':
        this.patchChat(sessionId, (c) => ({ ...c, visitorTyping: frame.sender === 'visitor' ? false : c.visitorTyping, messages: merge(c.messages, [frame as unknown as ChatMessage]) }));
        break;
      case 'ack':
        this.patchChat(sessionId, (c) => ({ ...c, messages: c.messages.map((m) => (m.clientId === frame.clientId ? { ...m, pending: false, seq: frame.seq as number } : m)) }));
        break;
      case 'typing':
        if (frame.sender === 'visitor') this.patchChat(sessionId, (c) => ({ ...c, visitorTyping: Boolean(frame.on) }));
        break;
      case 'ended':
        this.patchChat(sessionId, (c) => ({ ...c, ended: true, visitorTyping: false, ticketId: (frame.ticketId as string) ?? null }));
        break;
      case 'error':
        this.set({ error: String(frame.message) });
        break;
    }
  }

  reply(sessionId: string, body: string): void {
    const clientId = `a${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    this.patchChat(sessionId, (c) => ({ ...c, messages: [...c.messages, { seq: Number.MAX_SAFE_INTEGER, sender: 'agent', body, at: new Date().toISOString(), pending: true, clientId }] }));
    this.send({ type: 'message', sessionId, clientId, body });
  }
  typing(sessionId: string, on: boolean): void {
    this.send({ type: 'typing', sessionId, on });
  }
  end(sessionId: string): void {
    this.send({ type: 'end', sessionId });
  }
  presence(status: 'online' | 'away'): void {
    this.set({ status });
    this.send({ type: 'presence', status });
  }
  dismiss(sessionId: string): void {
    this.set({ chats: this.state.chats.filter((c) => c.sessionId !== sessionId) });
  }
}

/** Adds messages by sequence number; our own acknowledged messages are not doubled. */
function merge(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const out = [...current];
  for (const m of incoming) {
    if (out.some((o) => !o.pending && o.seq === m.seq)) continue;
    const mine = m.clientId ? out.findIndex((o) => o.clientId === m.clientId) : -1;
    if (mine >= 0) out[mine] = { ...m, pending: false };
    else out.push({ seq: m.seq, sender: m.sender, body: m.body, at: m.at, clientId: m.clientId });
  }
  return out.sort((a, b) => a.seq - b.seq);
}

export const chatAgent = new ChatAgent();

export function useChats(): State {
  return useSyncExternalStore(chatAgent.subscribe, chatAgent.get);
}
