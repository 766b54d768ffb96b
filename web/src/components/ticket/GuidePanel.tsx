import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { when } from '../../format';
import { useLoad } from '../../useLoad';
import { GuideRunner } from './GuideRunner';
import { runBy, runStatus, type Run, type RunSummary } from './guides';

/** One run in the list; its path is fetched when opened. */
function RunItem({ run, onResume }: { run: RunSummary; onResume: (() => void) | null }) {
  const [open, setOpen] = useState(false);
  const { data } = useLoad<Run>(open ? `/api/v1/guides/runs/${run.id}` : null);
  const path = data?.path ?? null;
  return (
    <li>
      <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>
          {run.guideTitle} <span className="meta">· {runStatus(run)} · {runBy(run)} · {when(run.startedAt)}</span>
        </summary>
        {path === null ? (
          <p className="meta">Loading the path…</p>
        ) : (
          <ol className="guide-path">
            {path.map((s) => (
              <li key={s.position}>
                {s.title}
                {s.answer && <span className="meta"> → {s.answer}</span>}
              </li>
            ))}
          </ol>
        )}
      </details>
      {onResume && (
        <button type="button" className="link" onClick={onResume}>
          Continue this run
        </button>
      )}
    </li>
  );
}

/**
 * Troubleshooting guides on the ticket: the runs attached to it (a customer's path when they
 * gave up in the help center, agents' runs) and running one here, step by step.
 */
export function GuidePanel({ ticketId, canWrite, stamp, onRunEnded }: { ticketId: string; canWrite: boolean; stamp: unknown; onRunEnded: () => void }) {
  const runs = useLoad<{ items: RunSummary[] }>(`/api/v1/guides/runs?ticketId=${ticketId}&limit=20`, stamp);
  const [picking, setPicking] = useState(false);
  const guides = useLoad<{ items: { id: string; title: string }[] }>(picking ? '/api/v1/guides?status=published&limit=100' : null);
  const [guideId, setGuideId] = useState('');
  const [active, setActive] = useState<Run | null>(null);
  const [error, setError] = useState<string | null>(null);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    const id = guideId || guides.data?.items[0]?.id;
    if (!id) return;
    setError(null);
    try {
      setActive(await api<Run>(`/api/v1/guides/${id}/runs`, { method: 'POST', body: { ticketId } }));
      setPicking(false);
      runs.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Cannot start the guide');
    }
  };
  const resume = async (runId: string) => setActive(await api<Run>(`/api/v1/guides/runs/${runId}`));

  const items = runs.data?.items ?? [];
  return (
    <section aria-labelledby="guides-title" className="panel-guides" aria-busy={runs.data === undefined}>
      <h2 id="guides-title">Guides</h2>
      {runs.data && items.length === 0 && <p className="meta">No guide was run for this ticket.</p>}
      {items.length > 0 && (
        <ul className="guide-runs">
          {items.map((r) => (
            <RunItem key={r.id} run={r} onResume={canWrite && r.status === 'active' && r.channel === 'agent' && active?.id !== r.id ? () => void resume(r.id) : null} />
          ))}
        </ul>
      )}
      {active && (
        <GuideRunner
          key={active.id}
          initial={active}
          onEnded={() => (runs.reload(), onRunEnded())}
          onClose={() => setActive(null)}
        />
      )}
      {canWrite && !active && !picking && (
        <button type="button" onClick={() => setPicking(true)}>
          Run a guide
        </button>
      )}
      {canWrite && !active && picking && (
        <form className="guide-pick" onSubmit={start} aria-label="Run a guide">
          <label htmlFor="guide-choice">Guide</label>
          <select id="guide-choice" value={guideId} onChange={(e) => setGuideId(e.target.value)} aria-busy={guides.data === undefined}>
            {(guides.data?.items ?? []).map((g) => (
              <option key={g.id} value={g.id}>
                {g.title}
              </option>
            ))}
          </select>
          {guides.data?.items.length === 0 && <p className="meta">No published guide yet.</p>}
          <div className="composer-actions">
            <button type="button" onClick={() => setPicking(false)}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={!guides.data?.items.length}>
              Start
            </button>
          </div>
        </form>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
