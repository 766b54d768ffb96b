import '../insight.css';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { FormError, useSubmit } from '../../components/Field';
import { count, pct, when } from '../../format';
import { navigate } from '../../router';
import { TriageEvaluate } from './TriageEvaluate';
import { TriageRules } from './TriageRules';

interface CrossValidation {
  folds: number;
  accuracy: number;
  macroF1: number;
  inScopeAccuracy: number | null;
  outOfScopeRecall: number | null;
  outOfScopePrecision: number | null;
}
interface Version {
  id: string;
  version: number;
  createdAt: string;
  active: boolean;
  metrics: { rows: number; labels: number; outOfScopeLabel: string | null; trainingMs: number; threshold: number; thresholdMethod: string; crossValidation: CrossValidation | null; warnings: string[] };
}
interface Correction {
  id: string;
  ticketId: string;
  field: string;
  before: string | null;
  after: string | null;
  actor: string | null;
  createdAt: string;
  trainedAt: string | null;
}
/** Where a retraining the console asked for stands: `before` is the newest version when it was asked for. */
type Retrain = { phase: 'queued' | 'training' | 'stalled'; before: number; since: number } | { phase: 'done'; version: number };

const POLL_MS = 2_000;
/** A retraining of tens of thousands of tickets takes seconds; past this, something is wrong. */
const GIVE_UP_MS = 10 * 60_000;

/** Triage model admin: the active model, its versions (roll back), retraining, evaluation, agents' corrections and the tier rules. */
export default function TriageModel() {
  const [active, setActive] = useState<(Version & { labels: string[] }) | null | undefined>(undefined);
  const [versions, setVersions] = useState<{ items: Version[]; tierModels: Version[] } | null>(null);
  const [corrections, setCorrections] = useState<Correction[] | null>(null);
  const [retrain, setRetrain] = useState<Retrain | null>(null);
  const [errors, submit, busy] = useSubmit();

  const load = useCallback(async () => {
    const [model, list, fixes] = await Promise.all([
      api<Version & { labels: string[] }>('/api/v1/triage/model').catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 409) return null;
        throw e;
      }),
      api<{ items: Version[]; tierModels: Version[] }>('/api/v1/triage/models'),
      api<{ items: Correction[] }>('/api/v1/triage/corrections?limit=50'),
    ]);
    setActive(model);
    setVersions(list);
    setCorrections(fixes.items);
    return list;
  }, []);

  useEffect(() => {
    void load().then(async (list) => {
      // A retraining queued earlier (by someone, or by enough corrections) is shown too.
      const state = await api<{ waiting: boolean }>('/api/v1/triage/retrain');
      if (state.waiting) setRetrain({ phase: 'queued', before: newest(list.items), since: Date.now() });
    });
  }, [load]);

  // While a retraining runs: is it still waiting, and has a new version appeared?
  useEffect(() => {
    if (!retrain || retrain.phase === 'done' || retrain.phase === 'stalled') return;
    const timer = setTimeout(async () => {
      const [state, list] = await Promise.all([api<{ waiting: boolean }>('/api/v1/triage/retrain'), api<{ items: Version[]; tierModels: Version[] }>('/api/v1/triage/models')]).catch(() => [null, null] as const);
      if (list && newest(list.items) > retrain.before) {
        setRetrain({ phase: 'done', version: newest(list.items) });
        await load();
      } else if (Date.now() - retrain.since > GIVE_UP_MS) setRetrain({ ...retrain, phase: 'stalled' });
      // A failed poll (a network blip) keeps the phase and tries again.
      else setRetrain({ ...retrain, phase: state ? (state.waiting ? 'queued' : 'training') : retrain.phase });
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [retrain, load]);

  const startRetrain = () =>
    submit(async () => {
      const before = newest(versions?.items ?? []);
      await api('/api/v1/triage/retrain', { method: 'POST' });
      setRetrain({ phase: 'queued', before, since: Date.now() });
    });
  const activate = (version: number) =>
    submit(async () => {
      await api(`/api/v1/triage/models/${version}/activate`, { method: 'POST' });
      await load();
    });

  const running = retrain !== null && (retrain.phase === 'queued' || retrain.phase === 'training');
  return (
    <section aria-labelledby="triage-title">
      <h2 id="triage-title">Triage model</h2>
      <section aria-labelledby="active-title" className="panel">
        <h3 id="active-title">Active model</h3>
        {active === undefined ? (
          <div className="admin-placeholder" aria-busy="true" />
        ) : active === null ? (
          <p>No category model is trained yet. Retrain from history below (it needs at least 10 solved tickets in 2 categories), or run <code>frontline triage train</code>.</p>
        ) : (
          <>
            <dl className="facts">
              <dt>Version</dt>
              <dd>v{active.version}</dd>
              <dt>Trained at</dt>
              <dd>{when(active.createdAt)}</dd>
              <dt>Training rows</dt>
              <dd>{count(active.metrics.rows)}</dd>
              <dt>Cross-validated accuracy</dt>
              <dd>{pct(active.metrics.crossValidation?.accuracy)}</dd>
              <dt>Macro-F1</dt>
              <dd>{pct(active.metrics.crossValidation?.macroF1)}</dd>
              {active.metrics.crossValidation?.outOfScopeRecall != null && (
                <>
                  <dt>Out-of-scope recall / precision</dt>
                  <dd>
                    {pct(active.metrics.crossValidation.outOfScopeRecall)} / {pct(active.metrics.crossValidation.outOfScopePrecision)}
                  </dd>
                </>
              )}
              <dt>Out-of-scope threshold</dt>
              <dd>
                {active.metrics.threshold.toFixed(3)} ({active.metrics.thresholdMethod})
              </dd>
            </dl>
            <p>
              <strong>Labels ({active.labels.length}):</strong> {active.labels.join(', ')}
            </p>
            {active.metrics.warnings.length > 0 && (
              <ul className="hint">
                {active.metrics.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            )}
          </>
        )}
        <div className="actions">
          <button type="button" className="primary" onClick={() => void startRetrain()} disabled={busy || running}>
            Retrain from history
          </button>
          <span role="status" className="retrain-state">
            {retrain && retrainText(retrain)}
          </span>
        </div>
        <FormError errors={errors} />
      </section>

      <section aria-labelledby="versions-title" className="panel">
        <h3 id="versions-title">Versions</h3>
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Trained at</th>
              <th scope="col">Rows</th>
              <th scope="col">Labels</th>
              <th scope="col">CV accuracy</th>
              <th scope="col">Macro-F1</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {(versions?.items ?? []).map((v) => (
              <tr key={v.id}>
                <td>v{v.version}</td>
                <td>{when(v.createdAt)}</td>
                <td>{count(v.metrics.rows)}</td>
                <td>{v.metrics.labels}</td>
                <td>{pct(v.metrics.crossValidation?.accuracy)}</td>
                <td>{pct(v.metrics.crossValidation?.macroF1)}</td>
                <td>
                  {v.active ? (
                    <strong>Active</strong>
                  ) : (
                    <button type="button" onClick={() => void activate(v.version)} disabled={busy}>
                      Activate v{v.version}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {versions && versions.items.length === 0 && <p className="empty">No versions yet.</p>}
        {versions && versions.tierModels.length > 0 && (
          <p className="hint">
            Learned tier model: v{versions.tierModels.find((v) => v.active)?.version ?? '–'} of {versions.tierModels.length}, trained on {count(versions.tierModels[0]!.metrics.rows)} tickets, cross-validated accuracy{' '}
            {pct(versions.tierModels[0]!.metrics.crossValidation?.accuracy)}.
          </p>
        )}
      </section>

      <TriageEvaluate />

      <section aria-labelledby="corrections-title" className="panel">
        <h3 id="corrections-title">Corrections by agents</h3>
        <p className="hint">Categories and tiers agents changed; the next retraining learns from those not yet used.</p>
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Ticket</th>
              <th scope="col">Field</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
              <th scope="col">By</th>
              <th scope="col">Used in training</th>
            </tr>
          </thead>
          <tbody>
            {(corrections ?? []).map((c) => (
              <tr key={c.id}>
                <td>{when(c.createdAt)}</td>
                <td>
                  <a href={`/app/tickets/${c.ticketId}`} onClick={(e) => (e.preventDefault(), navigate(`/tickets/${c.ticketId}`))}>
                    Open ticket
                  </a>
                </td>
                <td>{c.field === 'priority' ? 'tier' : c.field}</td>
                <td>{c.before ?? '(none)'}</td>
                <td>{c.after ?? '(none)'}</td>
                <td>{c.actor ?? '–'}</td>
                <td>{c.trainedAt ? when(c.trainedAt) : 'not yet'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {corrections && corrections.length === 0 && <p className="empty">No corrections yet.</p>}
      </section>

      <TriageRules />
    </section>
  );
}

const newest = (items: Version[]) => items.reduce((max, v) => Math.max(max, v.version), 0);

function retrainText(r: Retrain): string {
  switch (r.phase) {
    case 'queued':
      return 'Retraining queued…';
    case 'training':
      return 'Retraining…';
    case 'done':
      return `Retrained: v${r.version} is active.`;
    case 'stalled':
      return 'No new version after 10 minutes: is a worker running? See the server log.';
  }
}
