/** Small inline SVG charts (no chart library): a line chart with up to a few series, and a sparkline. */

export interface Series {
  label: string;
  values: number[];
  /** A CSS colour; the theme's variables work. */
  color: string;
  dashed?: boolean;
}

const W = 640;
const H = 180;
const PAD = { left: 36, right: 8, top: 8, bottom: 20 };

/** Lines over a shared x axis of `points` steps; `ticks` labels some x positions. Sized by its container, fixed aspect (no layout shift). */
export function LineChart({ title, series, points, ticks = [] }: { title: string; series: Series[]; points: number; ticks?: { at: number; label: string }[] }) {
  const max = Math.max(1, ...series.flatMap((s) => s.values.filter(Number.isFinite)));
  const x = (i: number) => PAD.left + (points <= 1 ? 0 : (i / (points - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  const path = (values: number[]) =>
    values
      .map((v, i) => (Number.isFinite(v) ? `${i === 0 || !Number.isFinite(values[i - 1]) ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}` : ''))
      .join('');
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        <title>{title}</title>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} className="chart-grid" />
            <text x={PAD.left - 4} y={y(max * f) + 4} textAnchor="end" className="chart-label">
              {Math.round(max * f * 10) / 10}
            </text>
          </g>
        ))}
        {ticks.map((t) => (
          <text key={t.at} x={x(t.at)} y={H - 4} textAnchor="middle" className="chart-label">
            {t.label}
          </text>
        ))}
        {series.map((s) => (
          <path key={s.label} d={path(s.values)} fill="none" stroke={s.color} strokeWidth={1.5} strokeDasharray={s.dashed ? '4 3' : undefined} />
        ))}
      </svg>
      <figcaption className="chart-legend">
        {series.map((s) => (
          <span key={s.label}>
            <svg width="18" height="8" aria-hidden="true">
              <line x1="0" x2="18" y1="4" y2="4" stroke={s.color} strokeWidth={2} strokeDasharray={s.dashed ? '4 3' : undefined} />
            </svg>{' '}
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** A tiny trend line for a table cell. */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? 60 / (values.length - 1) : 0;
  const d = values.map((v, i) => `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)},${(18 - (v / max) * 16).toFixed(1)}`).join('');
  return (
    <svg className="sparkline" width="60" height="20" viewBox="0 0 60 20" role="img" aria-label={label}>
      <path d={d} fill="none" stroke="var(--accent)" strokeWidth={1.5} />
    </svg>
  );
}
