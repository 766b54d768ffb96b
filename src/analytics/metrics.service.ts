import type { Deps } from '../platform/context.js';
import { backlogByDay, sumHistograms, sumRollups, type Backlog } from './analytics.store.js';
import { DAY_MS, quantileFromBins } from './buckets.js';
import { HOURLY_DIMS, type DimOrAll } from './contribution.js';
import { externalMetrics, type Figures } from './metrics.registry.js';
import { bucketRanges, type Period } from './period.js';

/** One line of a report: a dimension value (or the total) and every metric's figures. */
export interface ReportRow {
  value: string;
  figures: Record<string, number>;
}

export interface Report {
  from: string;
  to: string;
  by: DimOrAll;
  columns: string[];
  total: ReportRow;
  rows: ReportRow[];
  /** Metrics whose data source is not in this build: their columns read 0 with a count of 0. */
  unavailable: string[];
}

export const CORE_COLUMNS = [
  'created', 'solved', 'fcr', 'fcr_rate',
  'frt_count', 'frt_mean_h', 'frt_median_h', 'frt_p90_h',
  'res_count', 'res_mean_h', 'res_median_h', 'res_p90_h',
  'escalated', 'escalation_rate', 'reopened', 'reopen_rate',
  'backlog', 'backlog_age_median_h', 'backlog_age_p90_h',
] as const;

const ratio = (n: number, d: number) => (d > 0 ? n / d : 0);
const hours = (seconds: number | null) => (seconds === null ? 0 : seconds / 3600);

/** Every metric over a period, for the whole help desk and (with `by`) per value of one dimension. */
export async function metricsReport(deps: Deps, period: Period, by: DimOrAll): Promise<Report> {
  // Independent reads, started together: on PostgreSQL they run on separate connections.
  const metrics = externalMetrics();
  const [totals, perValue, ...external] = await Promise.all([
    coreFigures(deps, period, 'all'),
    by === 'all' ? new Map<string, ReportRow>() : coreFigures(deps, period, by),
    ...metrics.map((metric) => metric.collect(deps, period, by)),
  ]);
  const [total] = totals.values();
  const totalRow: ReportRow = { value: '*', figures: (total ?? emptyRow('')).figures };
  const columns: string[] = [...CORE_COLUMNS];
  const unavailable: string[] = [];
  metrics.forEach((metric, i) => {
    columns.push(...metric.columns);
    if (!metric.available) unavailable.push(metric.key);
    fill(totalRow, metric.columns, external[i].get('*'));
    for (const [value, row] of perValue) fill(row, metric.columns, external[i].get(value));
  });
  const rows = [...perValue.values()].sort((a, b) => b.figures.created - a.figures.created || a.value.localeCompare(b.value));
  return { from: period.from.toISOString(), to: period.to.toISOString(), by, columns, total: totalRow, rows, unavailable };
}

function fill(row: ReportRow, columns: string[], figures: Figures | undefined): void {
  for (const column of columns) row.figures[column] = figures?.[column] ?? 0;
}

function emptyRow(value: string): ReportRow {
  const figures: Record<string, number> = {};
  for (const column of CORE_COLUMNS) figures[column] = 0;
  return { value, figures };
}

/** The rollup-based figures per dimension value. */
async function coreFigures(deps: Deps, period: Period, dim: DimOrAll): Promise<Map<string, ReportRow>> {
  const db = deps.db.kysely;
  const filter = { dim, ranges: bucketRanges(period, HOURLY_DIMS.includes(dim)) };
  const [sums, histograms, backlog] = await Promise.all([sumRollups(db, filter), sumHistograms(db, filter), backlogByDay(db, dim)]);
  const out = new Map<string, ReportRow>();
  const rowOf = (value: string) => out.get(value) ?? (out.set(value, emptyRow(value)), out.get(value)!);
  if (dim === 'all') rowOf('');
  const pct = (value: string, metric: string, q: number) => hours(quantileFromBins(histograms.get(value)?.get(metric) ?? new Map(), q));
  for (const s of sums) {
    if (s.created === 0 && s.solved === 0 && s.responded === 0) continue;
    const row = rowOf(s.value);
    Object.assign(row.figures, {
      created: s.created,
      solved: s.solved,
      fcr: s.fcr,
      fcr_rate: ratio(s.fcr, s.solved),
      frt_count: s.responded,
      frt_mean_h: ratio(s.frt_sum, s.responded) / 3600,
      frt_median_h: pct(s.value, 'frt', 0.5),
      frt_p90_h: pct(s.value, 'frt', 0.9),
      res_count: s.solved,
      res_mean_h: ratio(s.res_sum, s.solved) / 3600,
      res_median_h: pct(s.value, 'res', 0.5),
      res_p90_h: pct(s.value, 'res', 0.9),
      escalated: s.escalated,
      escalation_rate: ratio(s.escalated, s.created),
      reopened: s.reopened,
      reopen_rate: ratio(s.reopened, s.solved),
    });
  }
  const nowMs = deps.clock.now().getTime();
  for (const b of backlog) {
    const row = rowOf(b.value);
    row.figures.backlog = b.open;
    row.figures.backlog_age_median_h = backlogAgeHours(b, nowMs, 0.5);
    row.figures.backlog_age_p90_h = backlogAgeHours(b, nowMs, 0.9);
  }
  return out;
}

/**
 * The q-quantile of the backlog's age in hours: the creation day of the ticket at that rank,
 * youngest first, taken as created at its midday (so good to ±12 hours; never below 0).
 */
export function backlogAgeHours(backlog: Backlog, nowMs: number, q: number): number {
  let seen = 0;
  for (let i = backlog.days.length - 1; i >= 0; i--) {
    const [day, open] = backlog.days[i];
    seen += open;
    if (seen >= q * backlog.open || i === 0) return Math.max(0, (nowMs - (Date.parse(`${day}T00:00:00.000Z`) + DAY_MS / 2)) / 3_600_000);
  }
  return 0;
}

/** A report as CSV: a header, the total line (value `*`), then a line per dimension value. */
export function reportToCsv(report: Report): string {
  const header = ['value', ...report.columns];
  const line = (row: ReportRow) => header.map((c) => csvCell(c === 'value' ? row.value : round(row.figures[c] ?? 0))).join(',');
  return [header.join(','), line(report.total), ...report.rows.map(line)].join('\n') + '\n';
}

const round = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(4));

function csvCell(value: string): string {
  // Quote when needed; a leading = + - @ is defused so a spreadsheet never runs a cell as a formula.
  const safe = /^[=+\-@]/.test(value) && Number.isNaN(Number(value)) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
