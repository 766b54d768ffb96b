import { useEffect, useState } from 'react';
import { api } from '../../api';
import { FormError, useSubmit } from '../../components/Field';
import { OptionSelect } from '../../components/OptionSelect';
import { humanize, pct, when } from '../../format';
import { navigate } from '../../router';

interface Alert {
  id: string;
  monitor: string;
  status: 'open' | 'acknowledged' | 'resolved';
  severity: string;
  title: string;
  evidence: { figures: Record<string, number | string | null>; samples: { id: string; number: number; subject: string }[]; link: string };
  occurrences: number;
  createdAt: string;
  lastSeenAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export const MONITOR_TITLES: Record<string, string> = {
  escalations: 'Escalations',
  volume_spike: 'Volume spike',
  sla_breaches: 'SLA breaches',
  csat_decline: 'CSAT decline',
  kb_gaps: 'Knowledge-base gaps',
  process: 'Process (bouncing tickets, reopens)',
};

const FILTERS = [
  ['unresolved', 'Open and acknowledged'],
  ['open', 'Open'],
  ['acknowledged', 'Acknowledged'],
  ['resolved', 'Resolved'],
] as const;

/** A figure as a reader wants it: rates as percentages, times in the reader's zone. */
function figure(key: string, value: number | string | null): string {
  if (value === null) return '–';
  if (typeof value === 'string') return /^\d{4}-\d\d-\d\dT/.test(value) ? when(value) : value;
  if (/rate$/i.test(key)) return pct(value);
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** Where the evidence link is best read: analytics links open in Reports, KB searches in the help center, anything else as the API answers it. */
function evidenceLink(link: string): { href: string; label: string; inApp: boolean } {
  const url = new URL(link, window.location.origin);
  if (url.pathname === '/api/v1/analytics/metrics' || url.pathname === '/api/v1/analytics/volume') {
    const q = new URLSearchParams({ from: url.searchParams.get('from') ?? '', to: url.searchParams.get('to') ?? '', by: url.searchParams.get('by') ?? 'all' });
    return { href: `/reports?${q}`, label: 'Open the period in Reports', inApp: true };
  }
  if (url.pathname === '/api/v1/kb/search') return { href: `/help/search?q=${encodeURIComponent(url.searchParams.get('q') ?? '')}`, label: 'Search the help center', inApp: false };
  return { href: link, label: 'Details (API)', inApp: false };
}

/** The alerts list with filters, each alert's evidence, and acknowledge / resolve. `version` changes when the list should be fetched again. */
export function Alerts({ version }: { version: number }) {
  const [filter, setFilter] = useState<string>('unresolved');
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  const [errors, submit, busy] = useSubmit();
  const load = () => api<{ items: Alert[] }>(`/api/v1/alerts?status=${filter}&limit=100`).then((r) => setAlerts(r.items));
  useEffect(() => void load(), [filter, version]);
  const act = (id: string, action: 'acknowledge' | 'resolve') => submit(async () => void (await api(`/api/v1/alerts/${id}/${action}`, { method: 'POST' }))).then(load);

  return (
    <section aria-labelledby="alerts-title" className="panel">
      <div className="list-head">
        <h3 id="alerts-title">Alerts</h3>
        <OptionSelect label="Show" value={filter} options={FILTERS} onChange={setFilter} />
      </div>
      <FormError errors={errors} />
      {alerts === null ? (
        <div className="admin-placeholder" aria-busy="true" />
      ) : alerts.length === 0 ? (
        <p className="empty">No alerts here.</p>
      ) : (
        <ul className="alerts">
          {alerts.map((a) => {
            const link = evidenceLink(a.evidence.link);
            return (
              <li key={a.id} className={`alert alert-${a.severity}`} aria-labelledby={`alert-${a.id}`}>
                <h4 id={`alert-${a.id}`}>
                  <span className="severity">{a.severity}</span> {a.title}
                </h4>
                <p className="meta">
                  {MONITOR_TITLES[a.monitor] ?? a.monitor} · {a.status} · raised {when(a.createdAt)}
                  {a.occurrences > 1 && ` · seen ${a.occurrences} times, last ${when(a.lastSeenAt)}`}
                  {a.acknowledgedAt && ` · acknowledged ${when(a.acknowledgedAt)}`}
                  {a.resolvedAt && ` · resolved ${when(a.resolvedAt)}`}
                </p>
                <dl className="facts" aria-label="Figures">
                  {Object.entries(a.evidence.figures).map(([k, v]) => (
                    <div key={k}>
                      <dt>{humanize(k)}</dt>
                      <dd>{figure(k, v)}</dd>
                    </div>
                  ))}
                </dl>
                {a.evidence.samples.length > 0 && (
                  <ul className="samples" aria-label="Sample tickets">
                    {a.evidence.samples.map((s) => (
                      <li key={s.id}>
                        <a href={`/app/tickets/${s.id}`} onClick={(e) => (e.preventDefault(), navigate(`/tickets/${s.id}`))}>
                          #{s.number} {s.subject}
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
                <div className="actions">
                  {link.inApp ? (
                    <a href={`/app${link.href}`} onClick={(e) => (e.preventDefault(), navigate(link.href))}>
                      {link.label}
                    </a>
                  ) : (
                    <a href={link.href} target="_blank" rel="noreferrer">
                      {link.label}
                    </a>
                  )}
                  {a.status === 'open' && (
                    <button type="button" onClick={() => void act(a.id, 'acknowledge')} disabled={busy}>
                      Acknowledge
                    </button>
                  )}
                  {a.status !== 'resolved' && (
                    <button type="button" onClick={() => void act(a.id, 'resolve')} disabled={busy}>
                      Resolve
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
