import '../insight.css';
import { useEffect, useState } from 'react';
import { api, type User } from '../../api';
import { FormError, useSubmit } from '../../components/Field';
import { OptionSelect } from '../../components/OptionSelect';
import { count, duration, fixed, pct } from '../../format';
import { Forecast } from './Forecast';
import { Patterns } from './Patterns';
import { dateOf, fromDate, presetPeriod, PRESETS, readQuery, type Period, type Preset } from './period';
import { useNames } from './names';

interface Row {
  value: string;
  figures: Record<string, number>;
}
export interface Report {
  from: string;
  to: string;
  by: string;
  columns: string[];
  total: Row;
  rows: Row[];
  unavailable: string[];
}

const BREAKDOWNS = [
  ['all', 'No breakdown'],
  ['tier', 'Tier'],
  ['channel', 'Channel'],
  ['category', 'Category'],
  ['group', 'Group'],
  ['agent', 'Agent'],
  ['organisation', 'Organisation'],
] as const;

/** Reports (leads and admins): headline metrics over a period with a breakdown, CSV export, forecast and staffing, patterns. Loaded on demand. */
export default function Reports({ user }: { user: User }) {
  if (user.role !== 'lead' && user.role !== 'admin') {
    return (
      <section className="denied" aria-labelledby="denied-title">
        <h1 id="denied-title">Not allowed</h1>
        <p>Reports are for team leads and admins.</p>
      </section>
    );
  }
  return <ReportsPage />;
}

function ReportsPage() {
  const initial = readQuery(window.location.search);
  const [preset, setPreset] = useState<Preset>(initial.period ? 'custom' : '30d');
  const [period, setPeriod] = useState<Period>(initial.period ?? presetPeriod('30d'));
  const [by, setBy] = useState<string>(BREAKDOWNS.some(([id]) => id === initial.by) ? initial.by! : 'all');
  const [report, setReport] = useState<Report | null>(null);
  const [errors, submit] = useSubmit();
  const query = `from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}&by=${by}`;

  useEffect(() => {
    // The address keeps the period, so a report can be shared or reloaded.
    window.history.replaceState(null, '', `/app/reports?${query}`);
    void submit(async () => setReport(await api<Report>(`/api/v1/analytics/metrics?${query}`)));
  }, [query]); // submit is stable enough: it only sets state

  const choose = (p: Preset) => {
    setPreset(p);
    if (p !== 'custom') setPeriod(presetPeriod(p));
  };
  const lastDay = dateOf(new Date(Date.parse(period.to) - 1).toISOString());

  return (
    <div className="reports">
      <div className="list-head">
        <h1>Reports</h1>
        <a className="button" href={`/api/v1/analytics/metrics?${query}&format=csv`} download>
          Export CSV
        </a>
      </div>
      <form className="period" aria-label="Period" onSubmit={(e) => e.preventDefault()}>
        <OptionSelect label="Period" value={preset} options={PRESETS} onChange={choose} />
        <label>
          From{' '}
          <input type="date" value={dateOf(period.from)} max={lastDay} onChange={(e) => e.target.value && (setPreset('custom'), setPeriod({ ...period, from: fromDate(e.target.value) }))} />
        </label>
        <label>
          To (included){' '}
          <input type="date" value={lastDay} min={dateOf(period.from)} onChange={(e) => e.target.value && (setPreset('custom'), setPeriod({ ...period, to: fromDate(e.target.value, 1) }))} />
        </label>
        <OptionSelect label="Break down by" value={by} options={BREAKDOWNS} onChange={setBy} />
      </form>
      <FormError errors={errors} />
      {report ? <Headline report={report} /> : <div className="cards-placeholder" aria-busy="true" />}
      {report && report.by !== 'all' && <Breakdown report={report} />}
      <Forecast />
      <Patterns period={period} />
    </div>
  );
}

function Headline({ report }: { report: Report }) {
  const f = report.total.figures;
  const na = (key: string) => report.unavailable.includes(key);
  const cards: [string, string, string][] = [
    ['First-contact resolution', f.solved ? pct(f.fcr_rate) : '–', `${count(f.fcr)} of ${count(f.solved)} solved`],
    ['CSAT', f.csat_count ? `${fixed(f.csat_avg)} / 5` : '–', f.csat_count ? `${count(f.csat_count)} answers, ${pct(f.csat_share_4_5, 0)} rated 4–5` : 'no answers'],
    ['First response (median)', f.frt_count ? duration(f.frt_median_h) : '–', f.frt_count ? `mean ${duration(f.frt_mean_h)}, p90 ${duration(f.frt_p90_h)}, ${count(f.frt_count)} tickets` : 'no first replies'],
    ['Resolution (median)', f.res_count ? duration(f.res_median_h) : '–', f.res_count ? `mean ${duration(f.res_mean_h)}, p90 ${duration(f.res_p90_h)}` : 'nothing solved'],
    ['SLA compliance', na('sla') ? 'n/a' : f.sla_count ? pct(f.sla_compliance) : '–', na('sla') ? 'SLA figures are not in this build' : `${count(f.sla_met)} of ${count(f.sla_count)} targets met`],
    ['Backlog (now)', count(f.backlog), `median age ${duration(f.backlog_age_median_h)}`],
    ['Escalation rate', pct(f.escalation_rate), `${count(f.escalated)} of ${count(f.created)} created`],
    ['Reopen rate', pct(f.reopen_rate), `${count(f.reopened)} of ${count(f.solved)} solved`],
    ['Deflection', f.deflection_sessions ? pct(f.deflection_rate) : '–', `${count(f.deflected)} of ${count(f.deflection_sessions)} portal visits`],
    ['Created / solved', `${count(f.created)} / ${count(f.solved)}`, 'in the period'],
  ];
  return (
    <section aria-labelledby="headline-title">
      <h2 id="headline-title" className="visually-hidden">
        Headline metrics
      </h2>
      <dl className="cards">
        {cards.map(([label, value, sub]) => (
          <div className="card" key={label}>
            <dt>{label}</dt>
            <dd className="big">{value}</dd>
            <dd className="hint">{sub}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Breakdown({ report }: { report: Report }) {
  const name = useNames(report.by, report.rows.map((r) => r.value));
  const label = BREAKDOWNS.find(([id]) => id === report.by)?.[1] ?? report.by;
  return (
    <section aria-labelledby="breakdown-title" className="panel">
      <h2 id="breakdown-title">By {label.toLowerCase()}</h2>
      {report.rows.length === 0 ? (
        <p className="empty">No tickets in the period.</p>
      ) : (
        <div className="scroll-x" tabIndex={0} role="region" aria-label="Breakdown table">
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">{label}</th>
                <th scope="col">Created</th>
                <th scope="col">Solved</th>
                <th scope="col">FCR</th>
                <th scope="col">First response (median)</th>
                <th scope="col">Resolution (median)</th>
                <th scope="col">Escalation</th>
                <th scope="col">Reopen</th>
                <th scope="col">CSAT</th>
                <th scope="col">Backlog</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.value}>
                  <th scope="row">{name(r.value)}</th>
                  <td>{count(r.figures.created)}</td>
                  <td>{count(r.figures.solved)}</td>
                  <td>{r.figures.solved ? pct(r.figures.fcr_rate) : '–'}</td>
                  <td>{r.figures.frt_count ? duration(r.figures.frt_median_h) : '–'}</td>
                  <td>{r.figures.res_count ? duration(r.figures.res_median_h) : '–'}</td>
                  <td>{pct(r.figures.escalation_rate)}</td>
                  <td>{pct(r.figures.reopen_rate)}</td>
                  <td>{r.figures.csat_count ? fixed(r.figures.csat_avg) : '–'}</td>
                  <td>{count(r.figures.backlog)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
