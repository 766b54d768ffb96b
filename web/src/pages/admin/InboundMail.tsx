import { useEffect, useState } from 'react';
import { api } from '../../api';
import { FormError, useSubmit } from '../../components/Field';
import { OptionSelect } from '../../components/OptionSelect';
import { bytes, when } from '../../format';
import { navigate } from '../../router';

interface Inbound {
  id: string;
  source: string;
  status: string;
  reason: string | null;
  from: string | null;
  subject: string | null;
  size: number;
  attempts: number;
  lastError: string | null;
  ticketId: string | null;
  receivedAt: string;
}

const STATUSES = [
  ['quarantined', 'Quarantined'],
  ['failed', 'Failed'],
  ['received', 'Received, not processed yet'],
  ['processed', 'Processed'],
  ['duplicate', 'Duplicates'],
  ['', 'All'],
] as const;
/** What is shown of a raw message in the page (the download has all of it). */
const RAW_PREVIEW_BYTES = 64 * 1024;

const REASONS: Record<string, string> = {
  auto_submitted: 'automatic message (Auto-Submitted)',
  auto_reply: 'auto-reply',
  bulk: 'bulk or list mail',
  bounce: 'bounce',
  own_message: 'one of our own messages',
  own_address: 'sent from our own address',
  rate_limited: 'too many from this sender',
  no_sender: 'no sender',
  message_id_seen: 'already received',
};

/** Inbound mail: the quarantine review list (and other states), the raw message, release and retry. */
export function InboundMail() {
  const [status, setStatus] = useState('quarantined');
  const [items, setItems] = useState<Inbound[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [raw, setRaw] = useState<{ id: string; text: string; cut: boolean } | null>(null);
  const [done, setDone] = useState('');
  const [errors, submit, busy] = useSubmit();
  const url = (after?: string) => `/api/v1/email/inbound?limit=50${status ? `&status=${status}` : ''}${after ? `&cursor=${encodeURIComponent(after)}` : ''}`;
  const load = async () => {
    const page = await api<{ items: Inbound[]; nextCursor: string | null }>(url());
    setItems(page.items);
    setCursor(page.nextCursor);
  };
  useEffect(() => {
    setItems(null);
    void load();
  }, [status]); // load reads status
  const more = async () => {
    if (!cursor) return;
    const page = await api<{ items: Inbound[]; nextCursor: string | null }>(url(cursor));
    setItems([...(items ?? []), ...page.items]);
    setCursor(page.nextCursor);
  };
  const act = (m: Inbound, action: 'release' | 'retry') =>
    submit(async () => {
      const after = await api<Inbound>(`/api/v1/email/inbound/${m.id}/${action}`, { method: 'POST' });
      setDone(`${m.subject ?? '(no subject)'}: ${after.status}${after.ticketId ? ', ticket created or updated' : ''}.`);
      await load();
    });
  const view = (m: Inbound) =>
    submit(async () => {
      // The raw route answers message/rfc822 (a download), so it is read here as text.
      const res = await fetch(`/api/v1/email/inbound/${m.id}/raw`, { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`The message could not be read (${res.status})`);
      const text = await res.text();
      setRaw({ id: m.id, text: text.slice(0, RAW_PREVIEW_BYTES), cut: text.length > RAW_PREVIEW_BYTES });
    });

  return (
    <section aria-labelledby="inbound-title" className="panel">
      <div className="list-head">
        <h3 id="inbound-title">Inbound mail</h3>
        <OptionSelect label="Show" value={status} options={STATUSES} onChange={setStatus} />
      </div>
      <p className="hint">Quarantined mail looked like a loop, an auto-reply or a flood; releasing it makes it a ticket (or a reply) as ordinary mail would be.</p>
      <FormError errors={errors} />
      <p role="status">{done}</p>
      {items === null ? (
        <div className="admin-placeholder" aria-busy="true" />
      ) : items.length === 0 ? (
        <p className="empty">No mail here.</p>
      ) : (
        <table className="grid" aria-label="Inbound mail">
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">From</th>
              <th scope="col">Subject</th>
              <th scope="col">State</th>
              <th scope="col">Size</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id}>
                <td>{when(m.receivedAt)}</td>
                <td>{m.from ?? '–'}</td>
                <td>{m.subject ?? '(no subject)'}</td>
                <td>
                  {m.status}
                  {m.reason && <span className="hint"> — {REASONS[m.reason] ?? m.reason}</span>}
                  {m.lastError && <span className="error"> — {m.lastError} (attempt {m.attempts})</span>}
                </td>
                <td>{bytes(m.size)}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => void view(m)} disabled={busy} aria-label={`View raw: ${m.subject ?? m.id}`}>
                    View raw
                  </button>
                  {m.status === 'quarantined' && (
                    <button type="button" onClick={() => void act(m, 'release')} disabled={busy} aria-label={`Release: ${m.subject ?? m.id}`}>
                      Release
                    </button>
                  )}
                  {(m.status === 'failed' || m.status === 'received') && (
                    <button type="button" onClick={() => void act(m, 'retry')} disabled={busy} aria-label={`Retry: ${m.subject ?? m.id}`}>
                      Retry
                    </button>
                  )}
                  {m.ticketId && (
                    <a href={`/app/tickets/${m.ticketId}`} onClick={(e) => (e.preventDefault(), navigate(`/tickets/${m.ticketId}`))}>
                      Ticket
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" onClick={() => void more()}>
          Load more
        </button>
      )}
      {raw && (
        <section aria-label="Raw message" className="raw">
          <div className="list-head">
            <h4>Raw message</h4>
            <span>
              <a href={`/api/v1/email/inbound/${raw.id}/raw`}>Download .eml</a>{' '}
              <button type="button" onClick={() => setRaw(null)}>
                Close
              </button>
            </span>
          </div>
          <pre>{raw.text}</pre>
          {raw.cut && <p className="hint">Only the first 64 KB are shown; download the message for all of it.</p>}
        </section>
      )}
    </section>
  );
}
