import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { Field, FormError, useSubmit } from '../../components/Field';
import { LineChart } from '../../components/Chart';
import { fixed, pct } from '../../format';

interface ForecastData {
  method: string;
  params: { alpha: number; beta: number; gamma: number; season: number };
  backtest: { heldOutHours: number; mae: number; mape: number | null };
  items: { hour: string; expected: number }[];
}
interface Staffing {
  inputs: { ahtSeconds: number; targetSeconds: number; serviceLevel: number; maxOccupancy: number };
  items: { hour: string; expected: number; agents: number; serviceLevel: number; occupancy: number }[];
}

const HOUR = 3_600_000;
const DAYS = 7;
const WEEKDAY = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric' });
const HOUR_FMT = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** The last week's tickets per hour and the next week's forecast, with its backtest error; then the staffing it needs (Erlang C). */
export function Forecast() {
  const [forecast, setForecast] = useState<ForecastData | null>(null);
  const [actual, setActual] = useState<number[] | null>(null);
  useEffect(() => {
    void api<ForecastData>(`/api/v1/analytics/forecast?hours=${DAYS * 24}`).then(async (f) => {
      setForecast(f);
      // The same hours one week back, from the hourly volume (hours without tickets are absent).
      const start = Date.parse(f.items[0]!.hour) - DAYS * 24 * HOUR;
      const volume = await api<{ items: { bucket: string; created: number }[] }>(`/api/v1/analytics/volume?grain=hour&from=${new Date(start).toISOString()}&to=${f.items[0]!.hour}`);
      const series = Array.from({ length: DAYS * 24 }, () => 0);
      for (const b of volume.items) {
        const i = Math.round((Date.parse(b.bucket) - start) / HOUR);
        if (i >= 0 && i < series.length) series[i] = b.created;
      }
      setActual(series);
    });
  }, []);

  const points = DAYS * 24 * 2;
  const start = forecast ? Date.parse(forecast.items[0]!.hour) - DAYS * 24 * HOUR : 0;
  const ticks = Array.from({ length: DAYS * 2 }, (_, d) => ({ at: d * 24, label: WEEKDAY.format(new Date(start + d * 24 * HOUR)) })).filter((_, d) => d % 2 === 0);
  return (
    <section aria-labelledby="forecast-title" className="panel">
      <h2 id="forecast-title">Volume forecast</h2>
      {!forecast || !actual ? (
        <div className="chart-placeholder" aria-busy="true" />
      ) : (
        <>
          <LineChart
            title="Tickets per hour: the last 7 days and the forecast for the next 7"
            points={points}
            ticks={ticks}
            series={[
              { label: 'Tickets created', color: 'var(--muted)', values: [...actual, ...forecast.items.map(() => NaN)] },
              { label: 'Forecast', color: 'var(--accent)', dashed: true, values: [...actual.map(() => NaN), ...forecast.items.map((i) => i.expected)] },
            ]}
          />
          <p className="hint">
            {forecast.method === 'holt-winters'
              ? `Holt-Winters (weekly season; α ${fixed(forecast.params.alpha)}, β ${fixed(forecast.params.beta, 3)}, γ ${fixed(forecast.params.gamma)}). Backtest on the last ${forecast.backtest.heldOutHours} hours held out: mean absolute error ${fixed(forecast.backtest.mae)} tickets per hour${forecast.backtest.mape === null ? '' : `, MAPE ${pct(forecast.backtest.mape)}`}.`
              : `Less than three weeks of history: the forecast is the mean (${fixed(forecast.items[0]?.expected)} per hour), off by ${fixed(forecast.backtest.mae)} tickets per hour on average.`}
          </p>
        </>
      )}
      <StaffingPlan />
    </section>
  );
}

function StaffingPlan() {
  const [form, setForm] = useState({ ahtSeconds: 600, targetSeconds: 3600, serviceLevel: 0.8, maxOccupancy: 0.85 });
  const [plan, setPlan] = useState<Staffing | null>(null);
  const [errors, submit, busy] = useSubmit();
  const load = () =>
    submit(async () => {
      const q = new URLSearchParams({ hours: '24', ...Object.fromEntries(Object.entries(form).map(([k, v]) => [k, Number.isNaN(v) ? '' : String(v)])) });
      setPlan(await api<Staffing>(`/api/v1/analytics/staffing?${q}`));
    });
  useEffect(() => void load(), []); // the first plan with the defaults
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value === '' ? NaN : Number(e.target.value) });
  const value = (n: number) => (Number.isNaN(n) ? '' : n);
  // Query errors come back as `querystring.<name>`.
  const err = (key: string) => errors[`querystring.${key}`];
  return (
    <section aria-labelledby="staffing-title">
      <h3 id="staffing-title">Staffing (Erlang C)</h3>
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void load();
        }}
        noValidate
        aria-label="Staffing inputs"
      >
        <div className="field-grid">
          <Field id="staff-aht" label="Handle time (seconds)" error={err('ahtSeconds')}>
            {(p) => <input {...p} type="number" value={value(form.ahtSeconds)} onChange={set('ahtSeconds')} />}
          </Field>
          <Field id="staff-target" label="Target answer time (seconds)" error={err('targetSeconds')}>
            {(p) => <input {...p} type="number" value={value(form.targetSeconds)} onChange={set('targetSeconds')} />}
          </Field>
          <Field id="staff-level" label="Answered within target (0 … 1)" error={err('serviceLevel')}>
            {(p) => <input {...p} type="number" step="0.05" value={value(form.serviceLevel)} onChange={set('serviceLevel')} />}
          </Field>
          <Field id="staff-occupancy" label="Highest occupancy (0 … 1)" error={err('maxOccupancy')}>
            {(p) => <input {...p} type="number" step="0.05" value={value(form.maxOccupancy)} onChange={set('maxOccupancy')} />}
          </Field>
        </div>
        <FormError errors={Object.keys(errors).some((k) => k.startsWith('querystring.')) ? {} : errors} />
        <button type="submit" disabled={busy}>
          Plan the next 24 hours
        </button>
      </form>
      {plan && (
        <div className="scroll-y" tabIndex={0} role="region" aria-label="Staffing per hour">
          <table className="grid" aria-label="Agents needed per hour">
            <thead>
              <tr>
                <th scope="col">Hour</th>
                <th scope="col">Expected tickets</th>
                <th scope="col">Agents</th>
                <th scope="col">Service level</th>
                <th scope="col">Occupancy</th>
              </tr>
            </thead>
            <tbody>
              {plan.items.map((h) => (
                <tr key={h.hour}>
                  <td>{HOUR_FMT.format(new Date(h.hour))}</td>
                  <td>{fixed(h.expected, 1)}</td>
                  <td>{h.agents}</td>
                  <td>{pct(h.serviceLevel)}</td>
                  <td>{pct(h.occupancy)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
