import { useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import { runStatus, type Run } from './guides';

/** Walks an agent through a guide inside the ticket, one node at a time; ending it leaves a note on the ticket. */
export function GuideRunner({ initial, onEnded, onClose }: { initial: Run; onEnded: () => void; onClose: () => void }) {
  const [run, setRun] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const node = run.currentNode;
  const ended = run.status !== 'active';

  // Each new node takes the focus, so a keyboard user goes on from there.
  useEffect(() => heading.current?.focus(), [node.id, run.status]);

  const post = async (path: string, body: object) => {
    setBusy(true);
    setError(null);
    try {
      const next = await api<Run>(`/api/v1/guides/runs/${run.id}/${path}`, { method: 'POST', body });
      setRun(next);
      if (next.status !== 'active') onEnded();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Cannot continue');
    } finally {
      setBusy(false);
    }
  };
  const answer = (option?: number) => post('answers', { nodeId: node.id, ...(option === undefined ? {} : { option }) });

  return (
    <div className="guide-runner" role="group" aria-label={`Guide: ${run.guideTitle}`}>
      <p className="meta">
        {run.guideTitle} · step {run.path.length}
      </p>
      <h3 ref={heading} tabIndex={-1}>
        {node.title}
      </h3>
      {node.body && <div className="guide-body">{node.body}</div>}
      {!ended && node.type === 'question' && (
        <div className="guide-options">
          {(node.options ?? []).map((o, i) => (
            <button key={i} type="button" disabled={busy} onClick={() => void answer(i)}>
              {o.label}
            </button>
          ))}
        </div>
      )}
      {!ended && node.type === 'step' && (
        <button type="button" className="primary" disabled={busy} onClick={() => void answer()}>
          Continue
        </button>
      )}
      {!ended && (
        <p className="guide-finish">
          <button type="button" className="link" disabled={busy} onClick={() => void post('finish', { result: 'solved' })}>
            Fixed along the way
          </button>{' '}
          ·{' '}
          <button type="button" className="link" disabled={busy} onClick={() => void post('finish', { result: 'gave_up' })}>
            Stop here
          </button>
        </p>
      )}
      {ended && (
        <>
          <p role="status">
            <strong>Outcome: {runStatus(run)}</strong> — the path is now a note on the ticket.
          </p>
          <button type="button" onClick={onClose}>
            Close guide
          </button>
        </>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
