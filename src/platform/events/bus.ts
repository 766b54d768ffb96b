import { EventEmitter } from 'node:events';

/** Domain events that features publish after their transaction commits. */
export interface DomainEvents {
  'ticket.created': { ticketId: string; number: number };
  'ticket.updated': { ticketId: string; number: number; changed: string[] };
  'message.created': { ticketId: string; messageId: string; visibility: string; authorType: string };
  /** A monitor raised a new alert (not repeated while the alert stays unresolved). */
  'alert.raised': { alertId: string; monitor: string; key: string; severity: string; title: string; link: string };
  /** A burst of look-alike tickets opened an incident (parent) ticket; `ticketIds` were linked to it. */
  'incident.created': { incidentId: string; ticketIds: string[] };
  /** Tickets were linked to an existing incident (by burst detection or by an agent). */
  'incident.joined': { incidentId: string; ticketIds: string[] };
  /** A customer rated a solved ticket (or changed their rating). */
  'csat.received': { ticketId: string; rating: number; comment: string | null; changed: boolean };
  /** A running SLA target reached its warning share (default 75%); `metric` is firstResponse, nextReply or resolution. */
  'sla.warning': { ticketId: string; metric: string; dueAt: string };
  /** A running SLA target passed its due time without being met. */
  'sla.breached': { ticketId: string; metric: string; dueAt: string };
}

type Listener<K extends keyof DomainEvents> = (payload: DomainEvents[K]) => void | Promise<void>;

/**
 * In-process event bus (one machine). Listeners run after the publisher returns and their
 * failures are logged, never thrown back at the request that caused them.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();
  constructor(private readonly onError: (error: unknown, event: string) => void) {
    this.emitter.setMaxListeners(100);
  }

  publish<K extends keyof DomainEvents>(event: K, payload: DomainEvents[K]): void {
    for (const listener of this.emitter.listeners(event) as Listener<K>[]) {
      queueMicrotask(() => {
        Promise.resolve()
          .then(() => listener(payload))
          .catch((error) => this.onError(error, event));
      });
    }
  }

  subscribe<K extends keyof DomainEvents>(event: K, listener: Listener<K>): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
}
