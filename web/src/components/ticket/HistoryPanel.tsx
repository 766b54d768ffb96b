import { useEffect, useState } from 'react';
import { api } from '../../api';
import { when } from '../../format';

interface AuditEvent {
  id: number;
  at: string;
  actor: { type: 'user' | 'token' | 'customer' | 'automation' | 'system'; id: string | null; label: string | null };
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const ACTIONS: Record<string, string> = {
  'ticket.created': 'created the ticket',
  'ticket.updated': 'changed',
  'ticket.triaged': 'triaged',
  'ticket.routed': 'routed',
  'ticket.incident_linked': 'linked to an incident',
  'ticket.incident_unlinked': 'unlinked from the incident',
  'message.reply_added': 'replied',
  'message.note_added': 'added a note',
  'macro.applied': 'applied a macro',
  'csat.answered': 'rated the support',
  'csat.changed': 'changed the rating',
};

/** Who did it: people by their label, automations marked as such. */
function actorText(actor: AuditEvent['actor']): string {
  // Automation rules label themselves `automation:Name`; the prefix says nothing new here.
  if (actor.type === 'automation') return `Automation: ${actor.label?.replace(/^automation:/, '') || 'rule'}`;
  if (actor.type === 'system') return 'System';
  if (actor.type === 'customer') return `Customer${actor.label ? ` (${actor.label})` : ''}`;
  return actor.label ?? actor.type;
}

const short = (value: unknown): string => {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length ? value.map(short).join(', ') : '—';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
};

/** "status: new → open" for each field the event changed (or set, when there is no before). */
function changesOf(event: AuditEvent): string[] {
  const after = event.after ?? {};
  return Object.keys(after)
    .filter((k) => !['messageId', 'ticketId', 'body'].includes(k))
    .slice(0, 8)
    .map((k) => (event.before && k in event.before ? `${k}: ${short(event.before[k])} → ${short(after[k])}` : `${k}: ${short(after[k])}`));
}

const PAGE = 100;

/** The ticket's audit trail, oldest first, fetched when the panel is first opened (and kept current while open). */
export function HistoryPanel({ ticketId, stamp }: { ticketId: string; stamp: unknown }) {
  const [open, setOpen] = useState(false);
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fetchPage = async (after: string | null) => {
    try {
      const page = await api<{ items: AuditEvent[]; nextCursor: string | null }>(`/api/v1/tickets/${ticketId}/events?limit=${PAGE}${after ? `&cursor=${after}` : ''}`);
      setEvents((old) => (after && old ? [...old, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Cannot load the history');
    }
  };
  useEffect(() => {
    if (open) void fetchPage(null);
    // Refetched when the ticket changes while the panel is open.
  }, [open, ticketId, stamp]);

  return (
    <section aria-labelledby="history-title" className="panel-history">
      <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>
          <h2 id="history-title">History</h2>
        </summary>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {events === null && !error && <p className="meta" aria-busy="true">Loading…</p>}
        {events && events.length === 0 && <p className="meta">Nothing recorded yet.</p>}
        <ol className="history">
          {(events ?? []).map((e) => (
            <li key={e.id} className={`history-${e.actor.type}`}>
              <p className="meta">{when(e.at)}</p>
              <p>
                <strong>{actorText(e.actor)}</strong> {ACTIONS[e.action] ?? e.action}
              </p>
              {changesOf(e).length > 0 && (
                <ul className="history-changes">
                  {changesOf(e).map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
        {cursor && (
          <button type="button" onClick={() => void fetchPage(cursor)}>
            Show more
          </button>
        )}
      </details>
    </section>
  );
}
