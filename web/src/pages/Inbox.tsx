import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, type Ticket, type User } from '../api';
import { navigate } from '../router';

interface View {
  id: string;
  label: string;
  query: Record<string, string>;
}

const VIEWS: View[] = [
  { id: 'mine', label: 'My tickets', query: { assignee: 'me', status: 'new,open,pending,on_hold' } },
  { id: 'unassigned', label: 'Unassigned', query: { assignee: 'none', status: 'new,open' } },
  { id: 'tier1', label: 'Tier 1', query: { priority: '1', status: 'new,open,pending,on_hold' } },
  { id: 'open', label: 'All open', query: { status: 'new,open,pending,on_hold' } },
  { id: 'all', label: 'All', query: {} },
];

const ROW_HEIGHT = 44;
const PAGE = 100;
const TIER_LABEL = ['', 'Tier 1', 'Tier 2', 'Tier 3', 'Tier 4'];

/** The ticket list: views, search, a windowed list (thousands of rows stay smooth) and j/k/o keys. */
export function Inbox({ user }: { user: User }) {
  const [viewId, setViewId] = useState(() => sessionStorage.getItem('fl.view') ?? 'mine');
  const [q, setQ] = useState('');
  const [tickets, setTickets] = useState<Ticket[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const view = VIEWS.find((v) => v.id === viewId) ?? VIEWS[0]!;

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      setError(null);
      try {
        const params = new URLSearchParams({ ...view.query, limit: String(PAGE), ...(q ? { q } : {}), ...(after ? { cursor: after } : {}) });
        const page = await api<{ items: Ticket[]; nextCursor: string | null }>(`/api/v1/tickets?${params}`);
        setTickets((current) => (after ? [...current, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError(e instanceof Error ? e.message : 'Cannot load tickets');
      } finally {
        setLoading(false);
      }
    },
    [view, q],
  );

  useEffect(() => {
    sessionStorage.setItem('fl.view', viewId);
    setSelected(0);
    void load(null);
  }, [viewId, load]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
      if (e.key === 'j') setSelected((s) => Math.min(s + 1, tickets.length - 1));
      else if (e.key === 'k') setSelected((s) => Math.max(s - 1, 0));
      else if (e.key === 'o' || e.key === 'Enter') {
        const ticket = tickets[selected];
        if (ticket) navigate(`/tickets/${ticket.id}`);
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tickets, selected]);

  // Keep the selected row in sight.
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const top = selected * ROW_HEIGHT;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + ROW_HEIGHT > list.scrollTop + list.clientHeight) list.scrollTop = top + ROW_HEIGHT - list.clientHeight;
  }, [selected]);

  const height = listRef.current?.clientHeight ?? 600;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - 10);
  const last = Math.min(tickets.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + 10);
  const visible = useMemo(() => tickets.slice(first, last), [tickets, first, last]);

  const onScroll = () => {
    const list = listRef.current!;
    setScrollTop(list.scrollTop);
    if (cursor && !loading && list.scrollTop + list.clientHeight > list.scrollHeight - ROW_HEIGHT * 20) void load(cursor);
  };

  return (
    <div className="inbox">
      <nav className="views" aria-label="Views">
        <h2>Views</h2>
        <ul>
          {VIEWS.map((v) => (
            <li key={v.id}>
              <button type="button" aria-current={v.id === viewId ? 'page' : undefined} onClick={() => setViewId(v.id)}>
                {v.label}
              </button>
            </li>
          ))}
        </ul>
        <p className="hint">j / k to move, o to open, ? for shortcuts</p>
      </nav>
      <section className="list" aria-labelledby="inbox-title">
        <div className="list-head">
          <h1 id="inbox-title">{view.label}</h1>
          <form
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              void load(null);
            }}
          >
            <label htmlFor="ticket-search" className="visually-hidden">
              Search tickets
            </label>
            <input id="ticket-search" type="search" placeholder="Search tickets" value={q} onChange={(e) => setQ(e.target.value)} />
          </form>
        </div>
        {error && <p role="alert" className="error">{error}</p>}
        {!loading && tickets.length === 0 && !error && <p className="empty">No tickets in this view{user.role === 'viewer' ? '' : ' — nice work'}.</p>}
        <div className="rows" ref={listRef} onScroll={onScroll} role="list" aria-busy={loading} data-testid="ticket-list">
          <div style={{ height: tickets.length * ROW_HEIGHT, position: 'relative' }}>
            {visible.map((t, i) => {
              const index = first + i;
              return (
                <a
                  key={t.id}
                  role="listitem"
                  href={`/app/tickets/${t.id}`}
                  className={`row${index === selected ? ' selected' : ''}`}
                  style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(`/tickets/${t.id}`);
                  }}
                >
                  <span className={`tier tier-${t.priority}`}>{TIER_LABEL[t.priority]}</span>
                  <span className="number">#{t.number}</span>
                  <span className="subject">{t.subject}</span>
                  <span className="requester">{t.requester.name ?? t.requester.email}</span>
                  <span className={`status status-${t.status}`}>{t.status.replace('_', ' ')}</span>
                </a>
              );
            })}
          </div>
        </div>
      </section>
    </div>
  );
}
