import { useCallback, useEffect, useState } from 'react';
import { api, type Message, type Ticket, type User } from '../api';
import { cachedTicket, fetchTicket, rememberTicket } from '../cache';
import { Presence } from '../components/Presence';
import { Composer, useComposer } from '../components/ticket/Composer';
import { CsatPanel } from '../components/ticket/CsatPanel';
import { GuidePanel } from '../components/ticket/GuidePanel';
import { HistoryPanel } from '../components/ticket/HistoryPanel';
import { IncidentPanel } from '../components/ticket/IncidentPanel';
import { Related } from '../components/ticket/Related';
import { TriagePanel } from '../components/ticket/TriagePanel';
import { link, statusLabel, timeLeft, when } from '../format';
import { useLive, type LiveFrame } from '../live';
import { navigate } from '../router';

const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];

/**
 * One ticket: the conversation and composer first (from the tab's cache when it has the ticket),
 * then the side panels, each fetching its own data after the first render in space kept for it.
 */
export function TicketPage({ id, user }: { id: string; user: User }) {
  const [ticket, setTicket] = useState<Ticket | null>(() => cachedTicket(id)?.ticket ?? null);
  const [messages, setMessages] = useState<Message[]>(() => cachedTicket(id)?.messages ?? []);
  const [error, setError] = useState<string | null>(null);
  const [, tick] = useState(0);
  const composer = useComposer(id);
  const canWrite = user.role !== 'viewer';
  // The side panels mount once the conversation is on screen, in space kept for them.
  const [panels, setPanels] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setPanels(true), 0);
    return () => clearTimeout(timer);
  }, []);

  const load = useCallback(async () => {
    try {
      const fresh = await fetchTicket(id);
      setTicket(fresh.ticket);
      setMessages(fresh.messages);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Cannot load the ticket');
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);
  // Someone else replied or changed the ticket: show it without a reload.
  useLive(
    useCallback(
      (frame: LiveFrame) => {
        if (frame.type === 'welcome' || ((frame.type === 'ticket.updated' || frame.type === 'message.created') && frame.ticketId === id)) void load();
      },
      [id, load],
    ),
  );
  // SLA timers count down live.
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  const { setVisibility, setMacrosOpen, ref } = composer;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'r' || e.key === 'n') {
        e.preventDefault();
        setVisibility(e.key === 'r' ? 'public' : 'internal');
        ref.current?.focus();
      } else if (e.key === 'm' && canWrite) {
        e.preventDefault();
        setMacrosOpen(true);
      } else if (e.key === 'u') navigate('/');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setVisibility, setMacrosOpen, ref, canWrite]);

  /** A ticket the server sent back after a change (PATCH, macro): shown and cached at once. */
  const showTicket = useCallback(
    (next: Ticket) => {
      setTicket(next);
      rememberTicket(id, { ticket: next, messages });
    },
    [id, messages],
  );
  const update = async (changes: Record<string, unknown>) => {
    if (!ticket) return;
    try {
      showTicket(await api<Ticket>(`/api/v1/tickets/${id}`, { method: 'PATCH', body: changes, headers: { 'if-match': String(ticket.version) } }));
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Cannot save');
      await load();
    }
  };

  if (error && !ticket) return <p role="alert" className="error">{error}</p>;
  if (!ticket) return <div className="loading" aria-busy="true" />;
  const sla = (ticket.sla ?? null) as Record<string, string | null> | null;
  // Panels refetch when the ticket or its conversation changes.
  const stamp = `${ticket.version}:${messages.length}`;

  return (
    <div className="ticket">
      <section className="conversation" aria-labelledby="ticket-title">
        <p>
          <a {...link('/')}>← Inbox</a>
        </p>
        <h1 id="ticket-title">
          #{ticket.number} {ticket.subject}
        </h1>
        <Presence ticketId={id} selfId={user.id} />
        <p className="meta">
          <a {...link(`/customers/${ticket.requester.id}`)} title={ticket.requester.email}>
            {ticket.requester.name ?? ticket.requester.email}
          </a>{' '}
          · {ticket.channel} · opened {when(ticket.createdAt)}
        </p>
        {error && <p role="alert" className="error">{error}</p>}
        <ol className="messages">
          {messages.map((m) => (
            <li key={m.id} className={`message ${m.visibility} ${m.author.type}`}>
              <p className="meta">
                {m.visibility === 'internal' ? 'Internal note' : m.author.type === 'customer' ? 'Customer' : 'Reply'} · {when(m.createdAt)}
              </p>
              <div className="body">{m.body}</div>
            </li>
          ))}
        </ol>
        {canWrite && ticket.status !== 'closed' && <Composer ticket={ticket} state={composer} onSent={load} onTicket={showTicket} />}
      </section>
      <aside className="side" aria-label="Ticket details">
        <section aria-labelledby="fields-title">
          <h2 id="fields-title">Ticket</h2>
          <label htmlFor="ticket-status">Status</label>
          <select id="ticket-status" value={ticket.status} disabled={!canWrite} onChange={(e) => void update({ status: e.target.value })}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
          <p>Tags: {ticket.tags.join(', ') || '—'}</p>
        </section>
        <TriagePanel ticket={ticket} canWrite={canWrite} update={(c) => void update(c)} />
        {sla && (
          <section aria-labelledby="sla-title" className="sla">
            <h2 id="sla-title">SLA</h2>
            {sla.firstResponseDueAt && <p>First response: {timeLeft(sla.firstResponseDueAt)}</p>}
            {sla.resolutionDueAt && <p>Resolution: {timeLeft(sla.resolutionDueAt)}</p>}
          </section>
        )}
        {panels ? (
          <>
            <IncidentPanel ticketId={id} stamp={stamp} />
            <CsatPanel ticketId={id} stamp={stamp} />
            <GuidePanel ticketId={id} canWrite={canWrite} stamp={stamp} onRunEnded={() => void load()} />
            <Related ticketId={id} canWrite={canWrite} insert={composer.append} />
            <HistoryPanel ticketId={id} stamp={stamp} />
          </>
        ) : (
          <div className="panels-pending" aria-busy="true" />
        )}
      </aside>
    </div>
  );
}
