import '../insight.css';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, type User } from '../../api';
import { Field, FormError, useSubmit } from '../../components/Field';
import { humanize } from '../../format';
import { useLive, type LiveFrame } from '../../live';
import { Alerts, MONITOR_TITLES } from './Alerts';

interface Monitor {
  name: string;
  description: string;
  enabled: boolean;
  thresholds: Record<string, unknown>;
}
interface RunReport {
  ran: { monitor: string; findings: number; raised: number; ms: number }[];
  alerts: { id: string }[];
}

/** Monitors and alerts: thresholds (admins edit), a run on demand (admins), and the alerts with their evidence (leads and admins act on them). */
export default function Monitors({ user }: { user: User }) {
  const canManage = user.role === 'admin';
  const [monitors, setMonitors] = useState<Monitor[] | null>(null);
  const [report, setReport] = useState<RunReport | null>(null);
  const [alertsVersion, setAlertsVersion] = useState(0);
  const [announce, setAnnounce] = useState('');
  const [runErrors, submitRun, running] = useSubmit();
  useEffect(() => void api<{ items: Monitor[] }>('/api/v1/monitors').then((r) => setMonitors(r.items)), []);

  // New alerts arrive on the live stream (leads and admins only): the list refetches and says so.
  const onFrame = useCallback((frame: LiveFrame) => {
    if (frame.type !== 'alert.raised') return;
    setAnnounce(`New alert: ${frame.title}`);
    setAlertsVersion((v) => v + 1);
  }, []);
  useLive(onFrame);

  const runNow = () =>
    submitRun(async () => {
      setReport(await api<RunReport>('/api/v1/monitors/run', { method: 'POST', body: {} }));
      setAlertsVersion((v) => v + 1);
    });

  return (
    <section aria-labelledby="monitors-title">
      <h2 id="monitors-title">Monitors and alerts</h2>
      <p role="status" className="announce">
        {announce}
      </p>
      <Alerts version={alertsVersion} />
      <section aria-labelledby="monitor-list-title" className="panel">
        <h3 id="monitor-list-title">Monitors</h3>
        <p className="hint">The worker runs every enabled monitor each 15 minutes; a finding raises an alert once until it is resolved, and mails it to the addresses given (or every admin).</p>
        {canManage && (
          <div className="actions">
            <button type="button" className="primary" onClick={() => void runNow()} disabled={running}>
              Run monitors now
            </button>
            <span role="status">
              {report && `Ran ${report.ran.length} monitors: ${report.ran.reduce((n, r) => n + r.findings, 0)} findings, ${report.ran.reduce((n, r) => n + r.raised, 0)} new alerts.`}
            </span>
          </div>
        )}
        <FormError errors={runErrors} />
        {report && (
          <table className="grid" aria-label="Last run">
            <thead>
              <tr>
                <th scope="col">Monitor</th>
                <th scope="col">Findings</th>
                <th scope="col">New alerts</th>
                <th scope="col">Time</th>
              </tr>
            </thead>
            <tbody>
              {report.ran.map((r) => (
                <tr key={r.monitor}>
                  <td>{MONITOR_TITLES[r.monitor] ?? r.monitor}</td>
                  <td>{r.findings}</td>
                  <td>{r.raised}</td>
                  <td>{r.ms} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {monitors === null ? <div className="admin-placeholder" aria-busy="true" /> : monitors.map((m) => <MonitorForm key={m.name} monitor={m} canManage={canManage} />)}
      </section>
    </section>
  );
}

/** One monitor's switch and thresholds; the server checks them (errors come back as `thresholds.<name>`). */
function MonitorForm({ monitor, canManage }: { monitor: Monitor; canManage: boolean }) {
  const [form, setForm] = useState(monitor);
  const [saved, setSaved] = useState(false);
  const [errors, submit, busy] = useSubmit();
  const id = (key: string) => `monitor-${monitor.name}-${key}`;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setSaved(await submit(async () => setForm(await api<Monitor>(`/api/v1/monitors/${monitor.name}`, { method: 'PATCH', body: { enabled: form.enabled, thresholds: form.thresholds } }))));
  };
  const set = (key: string, value: unknown) => setForm({ ...form, thresholds: { ...form.thresholds, [key]: value } });
  return (
    <form className="monitor" onSubmit={save} noValidate aria-label={`${MONITOR_TITLES[monitor.name] ?? monitor.name} monitor`}>
      <h4>{MONITOR_TITLES[monitor.name] ?? monitor.name}</h4>
      <p className="hint">{monitor.description}</p>
      <label>
        <input type="checkbox" checked={form.enabled} disabled={!canManage} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} /> Enabled
      </label>
      <div className="field-grid">
        {Object.entries(form.thresholds).map(([key, value]) =>
          Array.isArray(value) ? (
            <Field key={key} id={id(key)} label="Alert e-mails (comma-separated; empty: every admin)" error={errors[`thresholds.${key}`] ?? Object.entries(errors).find(([p]) => p.startsWith(`thresholds.${key}.`))?.[1]}>
              {(p) => (
                <input
                  {...p}
                  disabled={!canManage}
                  value={(value as string[]).join(', ')}
                  onChange={(e) =>
                    set(
                      key,
                      e.target.value
                        .split(',')
                        .map((x) => x.trim())
                        .filter(Boolean),
                    )
                  }
                />
              )}
            </Field>
          ) : (
            <Field key={key} id={id(key)} label={humanize(key)} error={errors[`thresholds.${key}`]}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  step="any"
                  disabled={!canManage}
                  value={typeof value === 'number' && !Number.isNaN(value) ? value : ''}
                  onChange={(e) => set(key, e.target.value === '' ? NaN : Number(e.target.value))}
                />
              )}
            </Field>
          ),
        )}
      </div>
      {canManage && (
        <>
          <FormError errors={errors} />
          <button type="submit" disabled={busy}>
            Save {MONITOR_TITLES[monitor.name] ?? monitor.name}
          </button>
          <span role="status">{saved ? ' Saved.' : ''}</span>
        </>
      )}
    </form>
  );
}
