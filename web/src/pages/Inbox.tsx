import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, type Ticket, type User } from '../api';
import { prefetchTicket, takeBootList } from '../cache';
import { useLive, type LiveFrame } from '../live';
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
  // Waiting on us, soonest SLA deadline first (pending and on-hold clocks are paused).
  { id: 'at-risk', label: 'SLA at risk', query: { status: 'new,open', sort: 'sla', order: 'asc' } },
  { id: 'open', label: 'All open', query: { status: 'new,open,pending,on_hold' } },
  { id: 'all', label: 'All', query: {} },
];

const SAVED_KEY = 'fl.views';
/** The agent's own views (filters, sort and search saved under a name), kept in this browser. */
function savedViews(): View[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(SAVED_KEY) ?? '[]') as View[];
    return Array.isArray(parsed) ? parsed.filter((v) => typeof v.id === 'string' && typeof v.label === 'string' && v.query && typeof v.query === 'object') : [];
  } catch {
    return [];
  }
}
const allViews = () => [...VIEWS, ...savedViews()];

const SORTS = [
  { value: '', label: "The view's order" },
  { value: 'sla', label: 'SLA due time' },
  { value: 'priority', label: 'Priority' },
  { value: 'updated', label: 'Last updated' },
  { value: 'created', label: 'Created' },
];
const STATUS_FILTERS = [
  { value: '', label: 'Any status' },
  { value: 'new', label: 'New' },
  { value: 'open', label: 'Open' },
  { value: 'pending', label: 'Pending' },
  { value: 'on_hold', label: 'On hold' },
  { value: 'solved', label: 'Solved' },
  { value: 'closed', label: 'Closed' },
];

/** Sort and filters chosen on top of a view. */
interface Refinement {
  sort: string;
  status: string;
  priority: string;
}
const NO_REFINEMENT: Refinement = { sort: '', status: '', priority: '' };

function queryOf(view: View, r: Refinement): Record<string, string> {
  const query = { ...view.query };
  // Soonest deadline and most urgent first; the newest first otherwise.
  if (r.sort) Object.assign(query, { sort: r.sort, order: r.sort === 'sla' || r.sort === 'priority' ? 'asc' : 'desc' });
  if (r.status) query.status = r.status;
  if (r.priority) query.priority = r.priority;
  return query;
}

/** The first page of a view, as the inbox asks for it. */
export function listUrl(viewId: string, q: string, after: string | null = null, refinement: Refinement = NO_REFINEMENT): string {
  const views = allViews();
  const view = views.find((v) => v.id === viewId) ?? views[0]!;
  return `/api/v1/tickets?${new URLSearchParams({ ...queryOf(view, refinement), limit: String(PAGE), ...(q ? { q } : {}), ...(after ? { cursor: after } : {}) })}`;
}

const ROW_HEIGHT = 44;
const PAGE = 100;
const TIER_LABEL = ['', 'Tier 1', 'Tier 2', 'Tier 3', 'Tier 4'];
const TIER_FILTERS = [{ value: '', label: 'Any tier' }, ...[1, 2, 3, 4].map((p) => ({ value: String(p), label: TIER_LABEL[p]! }))];

/** A labelled drop-down of the inbox's sort and filters. */
function Choice({ label, value, options, onChange }: { label: string; value: string; options: { value: string; label: string }[]; onChange: (value: string) => void }) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The ticket list: views, search, a windowed list (thousands of rows stay smooth) and j/k/o keys. */
export function Inbox({ user }: { user: User }) {
  const [viewId, setViewId] = useState(() => sessionStorage.getItem('fl.view') ?? 'mine');
  const [custom, setCustom] = useState<View[]>(savedViews);
  const [refinement, setRefinement] = useState<Refinement>(NO_REFINEMENT);
  const [newViewName, setNewViewName] = useState('');
  const [q, setQ] = useState('');
  const [tickets, setTickets] = useState<Ticket[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const views = [...VIEWS, ...custom];
  const view = views.find((v) => v.id === viewId) ?? views[0]!;
  const refine = (change: Partial<Refinement>) => setRefinement((r) => ({ ...r, ...change }));
  const saveView = () => {
    const label = newViewName.trim();
    if (!label) return;
    // What is on screen now becomes the view: its base query with the sort, filters and search.
    const saved: View = { id: `custom-${Date.now().toString(36)}`, label, query: { ...queryOf(view, refinement), ...(q ? { q } : {}) } };
    const next = [...custom, saved];
    localStorage.setItem(SAVED_KEY, JSON.stringify(next));
    setCustom(next);
    setNewViewName('');
    setRefinement(NO_REFINEMENT);
    setQ('');
    setViewId(saved.id);
  };
  const deleteView = () => {
    const next = custom.filter((v) => v.id !== view.id);
    localStorage.setItem(SAVED_KEY, JSON.stringify(next));
    setCustom(next);
    setViewId('mine');
  };

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      setError(null);
      try {
        const url = listUrl(view.id, q, after, refinement);
        const page = (await takeBootList(url)) ?? (await api<{ items: Ticket[]; nextCursor: string | null }>(url));
        setTickets((current) => (after ? [...current, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError(e instanceof Error ? e.message : 'Cannot load tickets');
      } finally {
        setLoading(false);
      }
    },
    [view, q, refinement],
  );

  // New and changed tickets: refetch the top of the view (so filters and order stay the server's) and merge.
  const refresh = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useLive(
    useCallback(
      (frame: LiveFrame) => {
        // `welcome`: (re)connected — catch up on whatever happened while the stream was not there.
        if (frame.type !== 'welcome' && frame.type !== 'ticket.created' && frame.type !== 'ticket.updated' && frame.type !== 'message.created') return;
        clearTimeout(refresh.current);
        refresh.current = setTimeout(() => {
          api<{ items: Ticket[]; nextCursor: string | null }>(listUrl(view.id, q, null, refinement)).then(
            (page) =>
              setTickets((current) => {
                const fresh = new Set(page.items.map((t) => t.id));
                return [...page.items, ...current.slice(page.items.length).filter((t) => !fresh.has(t.id))];
              }),
            () => undefined,
          );
        }, 250);
      },
      [view, q, refinement],
    ),
  );
  useEffect(() => () => clearTimeout(refresh.current), []);

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

  // The selected ticket is the likely next one: fetch it ahead so opening it is instant.
  const selectedId = tickets[selected]?.id;
  useEffect(() => {
    if (!selectedId) return;
    const timer = setTimeout(() => prefetchTicket(selectedId), 150);
    return () => clearTimeout(timer);
  }, [selectedId]);

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
          {views.map((v) => (
            <li key={v.id}>
              <button
                type="button"
                aria-current={v.id === viewId ? 'page' : undefined}
                onClick={() => {
                  setRefinement(NO_REFINEMENT);
                  setViewId(v.id);
                }}
              >
                {v.label}
              </button>
            </li>
          ))}
        </ul>
        <form
          className="save-view"
          aria-label="Save as a view"
          onSubmit={(e) => {
            e.preventDefault();
            saveView();
          }}
        >
          <label htmlFor="new-view-name">Save what is shown as a view</label>
          <input id="new-view-name" value={newViewName} maxLength={40} placeholder="View name" onChange={(e) => setNewViewName(e.target.value)} />
          <button type="submit" disabled={!newViewName.trim()}>
            Save view
          </button>
          {view.id.startsWith('custom-') && (
            <button type="button" onClick={deleteView}>
              Delete “{view.label}”
            </button>
          )}
        </form>
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
        <div className="refine" role="group" aria-label="Sort and filter">
          <Choice label="Sort by" value={refinement.sort} options={SORTS} onChange={(sort) => refine({ sort })} />
          <Choice label="Status" value={refinement.status} options={STATUS_FILTERS} onChange={(status) => refine({ status })} />
          <Choice label="Tier" value={refinement.priority} options={TIER_FILTERS} onChange={(priority) => refine({ priority })} />
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
