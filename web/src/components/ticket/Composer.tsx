import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, type Ticket } from '../../api';
import { link, statusLabel } from '../../format';
import { typingNotifier } from '../Presence';
import { MacroPicker } from './MacroPicker';

export type Visibility = 'public' | 'internal';

/** What a drafted reply was drawn from (POST /tickets/:id/draft). */
type Citation =
  | { type: 'article'; id: string; title: string; url: string }
  | { type: 'ticket'; id: string; number: number; subject: string }
  | { type: 'guide'; id: string; title: string; url: string };

/** The composer's state, owned by the ticket page so panels (articles, macros) can write into it. */
export function useComposer(ticketId: string) {
  const draftKey = `fl.draft.${ticketId}`;
  const [body, setBody] = useState(() => localStorage.getItem(draftKey) ?? '');
  const [visibility, setVisibility] = useState<Visibility>('public');
  const [sendStatus, setSendStatus] = useState('pending');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [macrosOpen, setMacrosOpen] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    localStorage.setItem(draftKey, body);
  }, [draftKey, body]);
  return {
    draftKey,
    body,
    setBody,
    visibility,
    setVisibility,
    sendStatus,
    setSendStatus,
    errors,
    setErrors,
    macrosOpen,
    setMacrosOpen,
    ref,
    /** Adds text after what is written (a blank line between), and puts the cursor back in the box. */
    append(text: string) {
      setBody((b) => (b.trim() ? `${b}${b.endsWith('\n') ? '\n' : '\n\n'}${text}` : text));
      ref.current?.focus();
    },
  };
}
export type ComposerState = ReturnType<typeof useComposer>;

/** The reply form: public reply or internal note, status after sending, suggested reply, macros. */
export function Composer({ ticket, state, onSent, onTicket }: { ticket: Ticket; state: ComposerState; onSent: () => Promise<void>; onTicket: (t: Ticket) => void }) {
  const { body, setBody, visibility, setVisibility, sendStatus, setSendStatus, errors, setErrors, ref } = state;
  const typing = useMemo(() => typingNotifier(ticket.id), [ticket.id]);
  const [drafting, setDrafting] = useState(false);
  const [citations, setCitations] = useState<Citation[]>([]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    setErrors({});
    try {
      await api(`/api/v1/tickets/${ticket.id}/messages`, { method: 'POST', body: { body, visibility, ...(visibility === 'public' && sendStatus ? { status: sendStatus } : {}) } });
      setBody('');
      setCitations([]);
      localStorage.removeItem(state.draftKey);
      await onSent();
    } catch (e) {
      if (e instanceof ApiError) setErrors(Object.fromEntries([['body', e.message], ...e.errors.map((f) => [f.path.replace(/^body\./, ''), f.message])]));
    }
  };

  /** The server's suggested reply (never sent by itself): it goes into the composer for the agent to edit. */
  const suggestReply = async () => {
    setDrafting(true);
    try {
      const draft = await api<{ body: string; citations: Citation[] }>(`/api/v1/tickets/${ticket.id}/draft`, { method: 'POST', body: {} });
      setVisibility('public');
      setCitations(draft.citations ?? []);
      state.append(draft.body);
    } catch (e) {
      setErrors({ body: e instanceof Error ? e.message : 'No suggestion available' });
    } finally {
      setDrafting(false);
    }
  };

  return (
    <div className="composer-wrap">
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
        <textarea id="composer" ref={ref} value={body} onChange={(e) => (setBody(e.target.value), typing())} rows={6} aria-invalid={errors.body ? true : undefined} aria-describedby={errors.body ? 'composer-error' : undefined} />
        {errors.body && <p id="composer-error" className="error">{errors.body}</p>}
        {citations.length > 0 && (
          <div className="citations">
            <span className="meta">Suggested reply drawn from:</span>
            <ul>
              {citations.map((c) => (
                <li key={`${c.type}:${c.id}`}>
                  {c.type === 'ticket' ? (
                    <a {...link(`/tickets/${c.id}`)}>
                      Ticket #{c.number} {c.subject}
                    </a>
                  ) : (
                    <a href={c.url} target="_blank" rel="noreferrer">
                      {c.type === 'article' ? 'Article' : 'Guide'}: {c.title}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="composer-actions">
          <button type="button" onClick={() => state.setMacrosOpen(!state.macrosOpen)} aria-expanded={state.macrosOpen} aria-controls="macro-picker">
            Macros (m)
          </button>
          <span className="spacer" />
          {visibility === 'public' && (
            <label>
              After sending, set{' '}
              <select value={sendStatus} onChange={(e) => setSendStatus(e.target.value)}>
                <option value="">unchanged</option>
                {[...new Set(['pending', 'solved', 'on_hold', ...(sendStatus ? [sendStatus] : [])])].map((s) => (
                  <option key={s} value={s}>
                    {statusLabel(s)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="button" onClick={() => void suggestReply()} disabled={drafting} aria-busy={drafting}>
            Suggest a reply
          </button>
          <button type="submit" className="primary">
            {visibility === 'public' ? 'Send reply' : 'Add note'}
          </button>
        </div>
      </form>
      {state.macrosOpen && (
        <MacroPicker
          ticketId={ticket.id}
          onClose={() => (state.setMacrosOpen(false), ref.current?.focus())}
          onApplied={(result) => {
            onTicket(result.ticket);
            if (result.draft) {
              setVisibility(result.draft.visibility);
              // The macro's status change travels with the reply, as "After sending, set".
              if (result.draft.visibility === 'public' && result.draft.status) setSendStatus(result.draft.status);
              state.append(result.draft.body);
            }
            state.setMacrosOpen(false);
            ref.current?.focus();
          }}
        />
      )}
    </div>
  );
}
