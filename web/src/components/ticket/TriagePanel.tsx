import type { Ticket } from '../../api';

/** A reason from triage, whatever its shape: a sentence, or an object with one. */
function reasonText(reason: unknown): string {
  if (typeof reason === 'string') return reason;
  if (reason && typeof reason === 'object') {
    const r = reason as Record<string, unknown>;
    return String(r.text ?? r.message ?? r.reason ?? r.label ?? JSON.stringify(r));
  }
  return String(reason);
}

/** Tier and category as triage set them (agents correct them here), with its confidence and reasons. */
export function TriagePanel({ ticket, canWrite, update }: { ticket: Ticket; canWrite: boolean; update: (changes: Record<string, unknown>) => void }) {
  const triage = ticket.triage ?? null;
  return (
    <section aria-labelledby="triage-title" className="triage">
      <h2 id="triage-title">Triage</h2>
      <label htmlFor="ticket-tier">Tier</label>
      <select id="ticket-tier" value={ticket.priority} disabled={!canWrite} onChange={(e) => update({ priority: Number(e.target.value) })} aria-describedby="triage-reasons">
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
        onBlur={(e) => e.target.value !== (ticket.category ?? '') && update({ category: e.target.value || null })}
      />
      {triage?.confidence !== undefined && (
        <p>
          Confidence {(triage.confidence * 100).toFixed(0)}%{triage.outOfScope ? ' · out of scope' : ''}
        </p>
      )}
      <ul id="triage-reasons" className="reasons">
        {(triage?.reasons ?? []).map((r, i) => (
          <li key={i}>{reasonText(r)}</li>
        ))}
        {!triage && <li>Set by hand</li>}
      </ul>
    </section>
  );
}
