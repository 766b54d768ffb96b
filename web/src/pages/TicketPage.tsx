import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, type Message, type Ticket, type User } from '../api';
import { navigate } from '../router';

const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];

/** A reason from triage, whatever its shape: a sentence, or an object with one. */
function reasonText(reason: unknown): string {
  if (typeof reason === 'string') return reason;
  if (reason && typeof reason === 'object') {
    const r = reason as Record<string, unknown>;
    return String(r.text ?? r.message ?? r.reason ?? r.label ?? JSON.stringify(r));
  }
  return String(reason);
}

function timeLeft(due: string | undefined | null): string | null {
  if (!due) return null;
  const ms = Date.parse(due) - Date.now();
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  return `${ms < 0 ? 'overdue by ' : ''}${h}h ${m}m${ms < 0 ? '' : ' left'}`;
}

interface Suggestion {
  id: string;
  title: string;
  url?: string;
  score?: number;
}

/** One ticket: conversation, reply composer, triage panel with corrections, SLA, similar tickets. */
export function TicketPage({ id, user }: { id: string; user: User }) {
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [similar, setSimilar] = useState<{ id: string; number: number; score: number }[]>([]);
  const [articles, setArticles] = useState<Suggestion[]>([]);
  const [error, setError] = useState<string | null>(null);
  const draftKey = `fl.draft.${id}`;
  const [body, setBody] = useState(() => localStorage.getItem(draftKey) ?? '');
  const [visibility, setVisibility] = useState<'public' | 'internal'>('public');
  const [sendStatus, setSendStatus] = useState('pending');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [, tick] = useState(0);
  const composer = useRef<HTMLTextAreaElement>(null);
  const canWrite = user.role !== 'viewer';

  const load = useCallback(async () => {
    try {
      const [t, m] = await Promise.all([api<Ticket>(`/api/v1/tickets/${id}`), api<{ items: Message[] }>(`/api/v1/tickets/${id}/messages?limit=200`)]);
      setTicket(t);
      setMessages(m.items);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Cannot load the ticket');
    }
    api<{ items: { id: string; number: number; score: number }[] }>(`/api/v1/tickets/${id}/similar?limit=5`).then((s) => setSimilar(s.items), () => setSimilar([]));
    api<{ articles?: Suggestion[] }>(`/api/v1/tickets/${id}/suggestions`).then((s) => setArticles(s.articles ?? []), () => setArticles([]));
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    localStorage.setItem(draftKey, body);
  }, [draftKey, body]);
  // SLA timers count down live.
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
      if (e.key === 'r' || e.key === 'n') {
        e.preventDefault();
        setVisibility(e.key === 'r' ? 'public' : 'internal');
        composer.current?.focus();
      } else if (e.key === 'u') navigate('/');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    setFieldErrors({});
    try {
      await api(`/api/v1/tickets/${id}/messages`, { method: 'POST', body: { body, visibility, ...(visibility === 'public' && sendStatus ? { status: sendStatus } : {}) } });
      setBody('');
      localStorage.removeItem(draftKey);
      await load();
    } catch (e) {
      if (e instanceof ApiError) setFieldErrors(Object.fromEntries([['body', e.message], ...e.errors.map((f) => [f.path.replace(/^body\./, ''), f.message])]));
    }
  };

  const update = async (changes: Record<string, unknown>) => {
    if (!ticket) return;
    try {
      setTicket(await api<Ticket>(`/api/v1/tickets/${id}`, { method: 'PATCH', body: changes, headers: { 'if-match': String(ticket.version) } }));
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Cannot save');
      await load();
    }
  };

  const insertArticle = (article: Suggestion) => {
    const link = article.url ?? `${window.location.origin}/help/articles/${article.id}`;
    setBody((b) => `${b}${b && !b.endsWith('\n') ? '\n\n' : ''}${article.title}: ${link}`);
    composer.current?.focus();
  };

  if (error && !ticket) return <p role="alert" className="error">{error}</p>;
  if (!ticket) return <div className="loading" aria-busy="true" />;
  const triage = ticket.triage ?? null;
  const sla = (ticket.sla ?? null) as Record<string, string | null> | null;

  return (
    <div className="ticket">
      <section className="conversation" aria-labelledby="ticket-title">
        <p>
          <a href="/app/" onClick={(e) => (e.preventDefault(), navigate('/'))}>
            ← Inbox
          </a>
        </p>
        <h1 id="ticket-title">
          #{ticket.number} {ticket.subject}
        </h1>
        <p className="meta">
          {ticket.requester.name ?? ticket.requester.email} · {ticket.channel} · opened {new Date(ticket.createdAt).toLocaleString()}
        </p>
        {error && <p role="alert" className="error">{error}</p>}
        <ol className="messages">
          {messages.map((m) => (
            <li key={m.id} className={`message ${m.visibility} ${m.author.type}`}>
              <p className="meta">
                {m.visibility === 'internal' ? 'Internal note' : m.author.type === 'customer' ? 'Customer' : 'Reply'} · {new Date(m.createdAt).toLocaleString()}
              </p>
              <div className="body">{m.body}</div>
            </li>
          ))}
        </ol>
        {canWrite && ticket.status !== 'closed' && (
          <form className="composer" onSubmit={send} aria-label="Reply">
            <div className="tabs" role="radiogroup" aria-label="Reply or note">
              <label>
                <input type="radio" name="visibility" checked={visibility === 'public'} onChange={() => setVisibility('public')} /> Public reply (r)
              </label>
              <label>
                <input type="radio" name="visibility" checked={visibility === 'internal'} onChange={() => setVisibility('internal')} /> Internal note (n)
              </label>
            </div>
            <label htmlFor="composer" className="visually-hidden">
              Message
            </label>
            <textarea id="composer" ref={composer} value={body} onChange={(e) => setBody(e.target.value)} rows={6} aria-invalid={fieldErrors.body ? true : undefined} aria-describedby={fieldErrors.body ? 'composer-error' : undefined} />
            {fieldErrors.body && <p id="composer-error" className="error">{fieldErrors.body}</p>}
            <div className="composer-actions">
              {visibility === 'public' && (
                <label>
                  After sending, set{' '}
                  <select value={sendStatus} onChange={(e) => setSendStatus(e.target.value)}>
                    <option value="">unchanged</option>
                    <option value="pending">pending</option>
                    <option value="solved">solved</option>
                    <option value="on_hold">on hold</option>
                  </select>
                </label>
              )}
              <button type="submit" className="primary">
                {visibility === 'public' ? 'Send reply' : 'Add note'}
              </button>
            </div>
          </form>
        )}
      </section>
      <aside className="side" aria-label="Ticket details">
        <section aria-labelledby="fields-title">
          <h2 id="fields-title">Ticket</h2>
          <label htmlFor="ticket-status">Status</label>
          <select id="ticket-status" value={ticket.status} disabled={!canWrite} onChange={(e) => void update({ status: e.target.value })}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s.replace('_', ' ')}
                </option>
              ))}
            </select>
          <p>Tags: {ticket.tags.join(', ') || '—'}</p>
        </section>
        <section aria-labelledby="triage-title" className="triage">
          <h2 id="triage-title">Triage</h2>
          <label htmlFor="ticket-tier">Tier</label>
          <select id="ticket-tier" value={ticket.priority} disabled={!canWrite} onChange={(e) => void update({ priority: Number(e.target.value) })} aria-describedby="triage-reasons">
              {[1, 2, 3, 4].map((p) => (
                <option key={p} value={p}>
                  Tier {p}
                </option>
              ))}
            </select>
          <label htmlFor="ticket-category">Category</label>
            <input
              id="ticket-category"
              defaultValue={ticket.category ?? ''}
              key={ticket.category ?? ''}
              disabled={!canWrite}
              onBlur={(e) => e.target.value !== (ticket.category ?? '') && void update({ category: e.target.value || null })}
            />
          {triage?.confidence !== undefined && <p>Confidence {(triage.confidence * 100).toFixed(0)}%{triage.outOfScope ? ' · out of scope' : ''}</p>}
          <ul id="triage-reasons" className="reasons">
            {(triage?.reasons ?? []).map((r, i) => (
              <li key={i}>{reasonText(r)}</li>
            ))}
            {!triage && <li>Set by hand</li>}
          </ul>
        </section>
        {sla && (
          <section aria-labelledby="sla-title" className="sla">
            <h2 id="sla-title">SLA</h2>
            {sla.firstResponseDueAt && <p>First response: {timeLeft(sla.firstResponseDueAt)}</p>}
            {sla.resolutionDueAt && <p>Resolution: {timeLeft(sla.resolutionDueAt)}</p>}
          </section>
        )}
        {articles.length > 0 && (
          <section aria-labelledby="articles-title">
            <h2 id="articles-title">Suggested articles</h2>
            <ul>
              {articles.map((a) => (
                <li key={a.id}>
                  {a.title}{' '}
                  {canWrite && (
                    <button type="button" className="link" onClick={() => insertArticle(a)}>
                      Insert
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}
        {similar.length > 0 && (
          <section aria-labelledby="similar-title">
            <h2 id="similar-title">Similar tickets</h2>
            <ul>
              {similar.map((s) => (
                <li key={s.id}>
                  <a href={`/app/tickets/${s.id}`} onClick={(e) => (e.preventDefault(), navigate(`/tickets/${s.id}`))}>
                    #{s.number}
                  </a>{' '}
                  <span className="meta">{(s.score * 100).toFixed(0)}%</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </aside>
    </div>
  );
}
