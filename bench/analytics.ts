/**
 * Analytics benchmark: the dashboard query set over N synthetic tickets (default 1,000,000)
 * from the rollups, against a baseline of the same breakdowns by direct GROUP BY over the
 * tickets in the same run; the rollup rebuild; and one run of all six monitors.
 * Results go to bench/results/ and into docs/benchmarks.md between the analytics markers.
 *
 *   npm run build && npx tsx bench/analytics.ts        # SQLite, 1,000,000 tickets (seeding runs the build)
 *   npx tsx bench/analytics.ts --tickets 100000 --dialect postgres
 *   npx tsx bench/analytics.ts --database-url PATH      # reuse a seeded database (no seeding)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDeps } from '../src/app.js';
import { DIMENSIONS, type DimOrAll } from '../src/analytics/contribution.js';
import { forecastVolume } from '../src/analytics/forecast.service.js';
import { metricsReport } from '../src/analytics/metrics.service.js';
import { growingIssues, seasonality } from '../src/analytics/patterns.service.js';
import { rebuildRollups } from '../src/analytics/rebuild.service.js';
import { runMonitors } from '../src/monitors/monitors.service.js';
import { loadConfig } from '../src/platform/config/config.js';
import type { Deps } from '../src/platform/context.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { startEmbeddedPostgres } from '../src/test-support/embedded-postgres.js';
import { frontline } from './lib/server.js';

const { values: args } = parseArgs({
  options: {
    tickets: { type: 'string', default: '1000000' },
    dialect: { type: 'string', default: 'sqlite' },
    rounds: { type: 'string', default: '5' },
    'database-url': { type: 'string' },
    'no-docs': { type: 'boolean', default: false },
  },
});
const TICKETS = Number(args.tickets);
const ROUNDS = Number(args.rounds);
const DAY = 86_400_000;
const log = (s: string) => process.stderr.write(`${s}\n`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

/** The dashboards a lead opens: the last 30 days overall and by each dimension, the year, volume, patterns, forecast. */
function dashboardQueries(deps: Deps): Array<[string, () => Promise<unknown>]> {
  const now = deps.clock.now().getTime();
  const month = { from: new Date(now - 30 * DAY), to: new Date(now) };
  const year = { from: new Date(now - 365 * DAY), to: new Date(now) };
  return [
    ['last 30 days, total', () => metricsReport(deps, month, 'all')],
    ...DIMENSIONS.map((by): [string, () => Promise<unknown>] => [`last 30 days by ${by}`, () => metricsReport(deps, month, by as DimOrAll)]),
    ['last 365 days, total', () => metricsReport(deps, year, 'all')],
    ['last 365 days by category', () => metricsReport(deps, year, 'category')],
    ['seasonality, 4 weeks', () => seasonality(deps, 4)],
    ['growing issues, 4 weeks', () => growingIssues(deps, 4)],
    ['forecast 2 weeks (8 weeks fitted, backtest)', () => forecastVolume(deps, 336, 8)],
  ];
}

const COLUMN: Record<string, string> = { tier: 'priority', channel: 'channel', category: 'category', group: 'group_id', agent: 'assignee_id', organisation: 'organisation_id' };

/** The same breakdowns by GROUP BY over the tickets: counts, solved, mean resolution time and the backlog (no percentiles, FCR or reopens, which need more). */
function baselineQueries(deps: Deps): Array<[string, () => Promise<unknown>]> {
  const db = deps.db.kysely;
  const now = deps.clock.now().getTime();
  const seconds = deps.db.dialect === 'sqlite' ? sql`(julianday(solved_at) - julianday(created_at)) * 86400` : sql`extract(epoch from (solved_at::timestamptz - created_at::timestamptz))`;
  const query = (days: number, column: string | null) => async () => {
    const from = new Date(now - days * DAY).toISOString();
    const to = new Date(now).toISOString();
    const key = column ? sql.ref(column) : sql`''`;
    await sql`SELECT ${key} AS k, count(*) AS created, sum(CASE WHEN solved_at IS NOT NULL THEN 1 ELSE 0 END) AS solved, avg(${seconds}) AS res
              FROM tickets WHERE created_at >= ${from} AND created_at < ${to} GROUP BY 1`.execute(db);
    await sql`SELECT ${key} AS k, count(*) AS backlog FROM tickets WHERE status IN ('new', 'open', 'pending', 'on_hold') GROUP BY 1`.execute(db);
  };
  return [
    ['last 30 days, total', query(30, null)],
    ...DIMENSIONS.map((by): [string, () => Promise<unknown>] => [`last 30 days by ${by}`, query(30, COLUMN[by])]),
    ['last 365 days, total', query(365, null)],
    ['last 365 days by category', query(365, 'category')],
  ];
}

async function measureSet(queries: Array<[string, () => Promise<unknown>]>): Promise<{ perQuery: Record<string, number>; total: number }> {
  const perQuery: Record<string, number[]> = {};
  const totals: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let total = 0;
    for (const [name, run] of queries) {
      const [, ms] = await timed(run);
      (perQuery[name] ??= []).push(ms);
      total += ms;
    }
    totals.push(total);
  }
  return { perQuery: Object.fromEntries(Object.entries(perQuery).map(([k, v]) => [k, median(v)])), total: median(totals) };
}

async function benchDialect(dialect: 'sqlite' | 'postgres', url: string, seed: boolean) {
  const env = { DATABASE_URL: url, LOG_LEVEL: 'warn', FRONTLINE_DEMO: '0' };
  let seedSeconds: number | null = null;
  if (seed) {
    log(`== ${dialect}: seeding demo staff and ${TICKETS} tickets`);
    await frontline(['seed', '--demo'], env);
    seedSeconds = (await frontline(['seed', '--tickets', String(TICKETS)], env)).ms / 1000;
  }
  const db = await openDatabase(url);
  await migrateToLatest(db);
  const deps = createDeps({ config: loadConfig(env), db, logger: createLogger('silent') });
  log(`== ${dialect}: rollup rebuild`);
  const [rebuild, rebuildMs] = await timed(() => rebuildRollups(deps));
  log(`   ${rebuild.tickets} tickets in ${(rebuildMs / 1000).toFixed(1)} s`);
  log(`== ${dialect}: dashboards (${ROUNDS} rounds)`);
  const dashboards = await measureSet(dashboardQueries(deps));
  const baseline = await measureSet(baselineQueries(deps));
  log(`   dashboards ${dashboards.total.toFixed(0)} ms, baseline ${baseline.total.toFixed(0)} ms`);
  const monitorRuns: number[] = [];
  let monitorDetail: Array<{ monitor: string; ms: number }> = [];
  for (let i = 0; i < 3; i++) {
    const [report, ms] = await timed(() => runMonitors(deps));
    monitorRuns.push(ms);
    monitorDetail = report.ran.map((r) => ({ monitor: r.monitor, ms: r.ms }));
  }
  await db.close();
  return { dialect, tickets: rebuild.tickets, seedSeconds, rebuild: { ...rebuild, seconds: rebuildMs / 1000 }, dashboards, baseline, monitors: { ms: median(monitorRuns), detail: monitorDetail } };
}

type Result = Awaited<ReturnType<typeof benchDialect>>;

function markdown(results: Result[]): string {
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`;
  const lines = [`Measured ${new Date().toISOString().slice(0, 10)} on ${machine}, with \`npx tsx bench/analytics.ts --tickets ${TICKETS}\` (medians of ${ROUNDS} rounds).`, ''];
  for (const r of results) {
    lines.push(`**${r.dialect}, ${r.tickets.toLocaleString('en')} tickets** — rollup rebuild ${r.rebuild.seconds.toFixed(1)} s (${r.rebuild.rollupRows.toLocaleString('en')} rollup rows, ${r.rebuild.histogramRows.toLocaleString('en')} histogram rows)${r.seedSeconds ? `; seeding took ${r.seedSeconds.toFixed(0)} s` : ''}; all six monitors ${r.monitors.ms.toFixed(0)} ms (${r.monitors.detail.map((d) => `${d.monitor} ${d.ms}`).join(', ')} ms).`, '');
    lines.push('| dashboard query | rollups | baseline: GROUP BY over tickets | ratio |', '|---|---|---|---|');
    for (const [name, ms] of Object.entries(r.dashboards.perQuery)) {
      const base = r.baseline.perQuery[name];
      lines.push(`| ${name} | ${ms.toFixed(1)} ms | ${base === undefined ? '—' : `${base.toFixed(1)} ms`} | ${base === undefined ? '—' : `${(base / ms).toFixed(0)}×`} |`);
    }
    lines.push(`| **whole set** | **${r.dashboards.total.toFixed(0)} ms** | ${r.baseline.total.toFixed(0)} ms (its rows only) | |`, '');
  }
  return lines.join('\n');
}

const results: Result[] = [];
const dir = mkdtempSync(join(tmpdir(), 'frontline-analytics-bench-'));
try {
  if (args['database-url']) results.push(await benchDialect(args['database-url'].startsWith('postgres') ? 'postgres' : 'sqlite', args['database-url'], false));
  else {
    if (args.dialect === 'sqlite' || args.dialect === 'both') results.push(await benchDialect('sqlite', join(dir, 'bench.db'), true));
    if (args.dialect === 'postgres' || args.dialect === 'both') {
      const server = await startEmbeddedPostgres({ durable: true });
      try {
        results.push(await benchDialect('postgres', server.url, true));
      } finally {
        await server.stop();
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const text = markdown(results);
process.stdout.write(`${text}\n`);
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/analytics-${new Date().toISOString().slice(0, 10)}.json`, JSON.stringify(results, null, 2));
if (!args['no-docs']) {
  const doc = readFileSync('docs/benchmarks.md', 'utf8');
  const start = '<!-- bench:analytics:start -->';
  const end = '<!-- bench:analytics:end -->';
  const block = `${start}\n${text}\n${end}`;
  writeFileSync('docs/benchmarks.md', doc.includes(start) ? doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block) : `${doc.trimEnd()}\n\n${block}\n`);
}
