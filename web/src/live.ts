import { useEffect, useSyncExternalStore } from 'react';
import { ReconnectingSocket } from './socket';

/** A frame from /api/v1/stream (see docs/console.md). */
export type LiveFrame =
  | { type: 'welcome'; userId: string }
  | { type: 'ticket.created'; ticketId: string; number: number }
  | { type: 'ticket.updated'; ticketId: string; number: number; changed: string[] }
  | { type: 'message.created'; ticketId: string; messageId: string; visibility: string; authorType: string }
  | { type: 'presence'; ticketId: string; viewers: { userId: string; name: string; typing: boolean }[] }
  | { type: 'alert.raised'; alertId: string; monitor: string; key: string; severity: string; title: string; link: string }
  | { type: 'error'; code: string; message: string };

export type ConnectionState = 'connecting' | 'open' | 'lost';

/**
 * One WebSocket to the server's live stream for the whole console, reconnecting by itself with
 * back-off (1 s … 15 s). What the page is viewing is said again after each reconnect.
 */
class LiveStream {
  state: ConnectionState = 'connecting';
  private viewing: string | null = null;
  private readonly listeners = new Set<(frame: LiveFrame) => void>();
  private readonly stateListeners = new Set<() => void>();
  private readonly socket = new ReconnectingSocket('/api/v1/stream', {
    open: () => {
      this.setState('open');
      if (this.viewing) this.send({ type: 'viewing', ticketId: this.viewing });
    },
    frame: (frame) => {
      for (const l of this.listeners) l(frame as LiveFrame);
    },
    lost: () => this.setState('lost'),
  });

  start(): void {
    this.socket.start();
  }

  stop(): void {
    this.socket.stop();
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const l of this.stateListeners) l();
  }

  send(frame: object): void {
    this.socket.send(frame);
  }

  view(ticketId: string | null): void {
    this.viewing = ticketId;
    this.send({ type: 'viewing', ticketId });
  }

  subscribe(listener: (frame: LiveFrame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }
}

export const live = new LiveStream();

/** Calls the listener with every live frame while the component is mounted. */
export function useLive(listener: (frame: LiveFrame) => void): void {
  useEffect(() => live.subscribe(listener), [listener]);
}

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(
    (cb) => live.onState(cb),
    () => live.state,
  );
}
