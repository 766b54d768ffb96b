import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { api, type Ticket } from '../../api';
import type { Visibility } from './Composer';

interface Macro {
  id: string;
  name: string;
  description: string | null;
  visibility: Visibility;
}
interface Preview {
  body: string | null;
  visibility: Visibility;
  changes: Record<string, { from: unknown; to: unknown }>;
}
export interface Applied {
  ticket: Ticket;
  draft: { body: string; visibility: Visibility; status: string | null } | null;
}

const show = (value: unknown) => (value === null || value === undefined || (Array.isArray(value) && value.length === 0) ? '—' : Array.isArray(value) ? value.join(', ') : String(value).replace('_', ' '));

const message = (e: unknown, fallback: string) => (e instanceof Error && e.message ? e.message : fallback);

/**
 * Picks a macro by title, previews it against this ticket (text and field changes), and applies
 * it: the actions now, the text into the composer to edit and send (POST …/apply with send: false).
 * Keyboard: type to filter, ↓/↑ through the matches, Enter to preview, Escape to close.
 */
export function MacroPicker({ ticketId, onApplied, onClose }: { ticketId: string; onApplied: (result: Applied) => void; onClose: () => void }) {
  const [macros, setMacros] = useState<Macro[] | null>(null);
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<Macro | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    search.current?.focus();
    api<{ items: Macro[] }>('/api/v1/macros?active=true').then(
      (r) => setMacros(r.items),
      (e) => (setMacros([]), setError(message(e, 'Cannot load macros'))),
    );
  }, []);

  const matches = (macros ?? []).filter((m) => m.name.toLowerCase().includes(q.trim().toLowerCase()));

  const choose = async (macro: Macro) => {
    setChosen(macro);
    setPreview(null);
    setError(null);
    try {
      setPreview(await api<Preview>(`/api/v1/macros/${macro.id}/preview`, { method: 'POST', body: { ticketId } }));
    } catch (e) {
      setError(message(e, 'Cannot preview'));
    }
  };

  const apply = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      onApplied(await api<Applied>(`/api/v1/macros/${chosen.id}/apply`, { method: 'POST', body: { ticketId, send: false } }));
    } catch (e) {
      setError(message(e, 'Cannot apply'));
    } finally {
      setBusy(false);
    }
  };

  /** Arrow keys move between the search box and the matches; Escape closes the picker. */
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const items = [search.current, ...Array.from(list.current?.querySelectorAll('button') ?? [])].filter((x): x is HTMLInputElement | HTMLButtonElement => x !== null && x !== undefined);
    const at = items.indexOf(document.activeElement as HTMLInputElement);
    if (at < 0) return;
    e.preventDefault();
    items[Math.max(0, Math.min(items.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  };

  const changes = preview ? Object.entries(preview.changes) : [];
  return (
    <section id="macro-picker" className="macro-picker" aria-labelledby="macro-picker-title" onKeyDown={onKeyDown}>
      <h2 id="macro-picker-title" className="visually-hidden">
        Macros
      </h2>
      <div className="macro-columns">
        <div>
          <label htmlFor="macro-search">Search macros</label>
          <input
            id="macro-search"
            ref={search}
            type="search"
            value={q}
            autoComplete="off"
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && matches[0]) {
                e.preventDefault();
                void choose(matches[0]);
              }
            }}
          />
          <ul ref={list} className="macro-list" aria-label="Matching macros" aria-busy={macros === null}>
            {matches.map((m) => (
              <li key={m.id}>
                <button type="button" className="macro-option" aria-pressed={chosen?.id === m.id} onClick={() => void choose(m)}>
                  {m.name}
                  {m.visibility === 'internal' && <span className="meta"> · note</span>}
                </button>
              </li>
            ))}
          </ul>
          {macros?.length === 0 && !error && <p className="meta">No macros yet.</p>}
          {macros !== null && macros.length > 0 && matches.length === 0 && <p className="meta">No macro matches “{q}”.</p>}
        </div>
        <div className="macro-preview" aria-live="polite">
          {chosen && (
            <>
              <h3>Preview: {chosen.name}</h3>
              {!preview && !error && <p className="meta">Rendering…</p>}
              {preview?.body && (
                <>
                  <p className="meta">{preview.visibility === 'internal' ? 'Internal note' : 'Reply'} (goes into the composer, not sent)</p>
                  <div className="macro-body">{preview.body}</div>
                </>
              )}
              {preview && (
                <>
                  <p className="meta">{changes.length > 0 ? 'Changes:' : 'No field changes.'}</p>
                  <ul className="macro-changes">
                    {changes.map(([field, c]) => (
                      <li key={field}>
                        {field}: {show(c.from)} → {show(c.to)}
                        {field === 'status' && preview.body && preview.visibility === 'public' ? ' (when you send the reply)' : ''}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          )}
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <div className="composer-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="primary" disabled={!preview || busy} aria-busy={busy} onClick={() => void apply()}>
              Apply macro
            </button>
          </div>
        </div>
      </div>
    </section>
  );
}
