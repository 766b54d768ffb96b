/**
 * Analytics benchmark: the dashboard query set over N synthetic tickets (default 1,000,000)
 * from the rollups, against a baseline of the same breakdowns by direct GROUP BY over the
 * tickets in the same run; the rollup rebuild; one run of all six monitors; and the CPU time of
 * creating a ticket with and without the analytics lifecycle hooks (alternating blocks on the
 * same database, so both see the same load). Wall times come with CPU times (this process, plus
 * the PostgreSQL server's backends when it runs on this machine) and the load average, since
 * the machine is shared. Results go to bench/results/ and into docs/benchmarks.md between the
 * analytics markers.
 *
 *   npm run build && npx tsx bench/analytics.ts        # SQLite, 1,000,000 tickets (seeding runs the build)
 *   npx tsx bench/analytics.ts --tickets 100000 --dialect postgres
 *   npx tsx bench/analytics.ts --database-url URL       # reuse a seeded database (no seeding; it gains
 *                                                       # the tickets the creation measurement adds);
 *                                                       # repeat it to measure a SQLite and a PostgreSQL one
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDeps, triageEngineOf } from '../src/app.js';
import { isAnalyticsHook } from '../src/analytics/analytics.hooks.js';
import { DIMENSIONS, type DimOrAll } from '../src/analytics/contribution.js';
import { forecastVolume } from '../src/analytics/forecast.service.js';
import { metricsReport } from '../src/analytics/metrics.service.js';
import { growingIssues, seasonality } from '../src/analytics/patterns.service.js';
import { rebuildRollups } from '../src/analytics/rebuild.service.js';
import { runMonitors } from '../src/monitors/monitors.service.js';
import { SYSTEM_ACTOR } from '../src/platform/auth/principal.js';
import { loadConfig } from '../src/platform/config/config.js';
import type { Deps } from '../src/platform/context.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { startEmbeddedPostgres } from '../src/test-support/embedded-postgres.js';
import { createTicket } from '../src/tickets/tickets.service.js';
import { frontline } from './lib/server.js';

const { values: args } = parseArgs({
  options: {
    tickets: { type: 'string', default: '1000000' },
    dialect: { type: 'string', default: 'sqlite' },
    rounds: { type: 'string', default: '5' },
    'create-tickets': { type: 'string', default: '1000' },
    'database-url': { type: 'string', multiple: true },
    'no-docs': { type: 'boolean', default: false },
  },
});
const TICKETS = Number(args.tickets);
const ROUNDS = Number(args.rounds);
/** Tickets created per mode (with and without the analytics hooks) for the creation CPU measurement. */
const CREATE = Number(args['create-tickets']);
const DAY = 86_400_000;
const log = (s: string) => process.stderr.write(`${s}\n`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * CPU seconds used so far by this process's main thread (where SQLite runs; background workers
 * of other features, such as the WAL checkpointer, are left out) and, for a PostgreSQL on this
 * machine, by the database's server processes. Read from /proc/…/schedstat (nanoseconds).
 */
type CpuReader = () => Promise<{ own: number; server: number }>;

const schedstat = (path: string): number | undefined => (existsSync(path) ? Number(readFileSync(path, 'utf8').split(' ')[0]) / 1e9 : undefined);

async function cpuReader(deps: Deps): Promise<CpuReader> {
  const own = () => {
    const thread = schedstat(`/proc/${process.pid}/task/${process.pid}/schedstat`);
    if (thread !== undefined) return thread;
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  if (deps.db.dialect !== 'postgres') return async () => ({ own: own(), server: 0 });
  // Client backends only (autovacuum workers also show the database); they come from the pool and stay.
  return async () => {
    const { rows } = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`.execute(deps.db.kysely);
    return { own: own(), server: rows.reduce((sum, r) => sum + (schedstat(`/proc/${r.pid}/schedstat`) ?? 0), 0) };
  };
}

interface Timing {
  ms: number;
  /** CPU ms of this process (where SQLite runs) and of the PostgreSQL backends. */
  cpuMs: number;
  serverCpuMs: number;
}

async function timed<T>(cpu: CpuReader, work: () => Promise<T>): Promise<[T, Timing]> {
  const c0 = await cpu();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  const c1 = await cpu();
  return [result, { ms, cpuMs: (c1.own - c0.own) * 1000, serverCpuMs: (c1.server - c0.server) * 1000 }];
}

const load = () => loadavg().map((x) => Number(x.toFixed(2)));

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

interface SetTiming {
  perQuery: Record<string, Timing>;
  /** Medians over the rounds of the whole set's wall and CPU time. */
  total: Timing;
}

async function measureSet(cpu: CpuReader, queries: Array<[string, () => Promise<unknown>]>): Promise<SetTiming> {
  const perQuery: Record<string, Timing[]> = {};
  const totals: Timing[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const total: Timing = { ms: 0, cpuMs: 0, serverCpuMs: 0 };
    for (const [name, run] of queries) {
      const [, t] = await timed(cpu, run);
      (perQuery[name] ??= []).push(t);
      total.ms += t.ms;
      total.cpuMs += t.cpuMs;
      total.serverCpuMs += t.serverCpuMs;
    }
    totals.push(total);
  }
  const med = (ts: Timing[]): Timing => ({ ms: median(ts.map((t) => t.ms)), cpuMs: median(ts.map((t) => t.cpuMs)), serverCpuMs: median(ts.map((t) => t.serverCpuMs)) });
  return { perQuery: Object.fromEntries(Object.entries(perQuery).map(([k, v]) => [k, med(v)])), total: med(totals) };
}

/**
 * CPU time per ticket created through the ticket service (one transaction each, every feature's
 * lifecycle hooks on), with and without the analytics hooks, and with no hooks at all, in
 * alternating blocks so that each mode sees the same load. Medians of the blocks.
 */
async function measureCreation(deps: Deps, cpu: CpuReader) {
  const all = [...deps.lifecycle.afterCreate];
  const modes = { with: all, without: all.filter((hook) => !isAnalyticsHook(hook)), none: [] } as const;
  let n = 0;
  const one = () =>
    createTicket(deps, SYSTEM_ACTOR, {
      subject: `Invoice ${n} shows the wrong amount`,
      body: `Hello, invoice number ${n++} was charged twice this month. Could you check and refund the extra payment?`,
      requester: { email: `analytics-bench-${n % 500}@example.test` },
      channel: 'email',
    });
  // The first ticket makes triage load its similar-ticket index from every ticket (seconds at a
  // million): done and waited for before measuring, so that it lands in no block.
  for (let i = 0; i < 20; i++) await one();
  await triageEngineOf(deps)?.similarSettled();
  const BLOCK = 25;
  const perTicket: Record<keyof typeof modes, number[]> = { with: [], without: [], none: [] };
  const wallPerTicket: Record<keyof typeof modes, number[]> = { with: [], without: [], none: [] };
  // Warm every mode's statements before measuring.
  for (const mode of Object.keys(modes) as Array<keyof typeof modes>) {
    deps.lifecycle.afterCreate = [...modes[mode]];
    for (let i = 0; i < 10; i++) await one();
  }
  for (let done = 0; done < CREATE; done += BLOCK) {
    for (const mode of Object.keys(modes) as Array<keyof typeof modes>) {
      deps.lifecycle.afterCreate = [...modes[mode]];
      const [, t] = await timed(cpu, async () => {
        for (let i = 0; i < BLOCK; i++) await one();
      });
      perTicket[mode].push((t.cpuMs + t.serverCpuMs) / BLOCK);
      wallPerTicket[mode].push(t.ms / BLOCK);
    }
  }
  deps.lifecycle.afterCreate = all;
  const result = (mode: keyof typeof modes) => ({ cpuMs: median(perTicket[mode]), wallMs: median(wallPerTicket[mode]) });
  // Paired by round (blocks run back to back): steadier than a difference of two medians.
  const analyticsCpuMs = median(perTicket.with.map((x, i) => x - perTicket.without[i]));
  return { tickets: CREATE, with: result('with'), without: result('without'), none: result('none'), analyticsCpuMs };
}

async function benchDialect(dialect: 'sqlite' | 'postgres', url: string, seed: boolean) {
  const env = { DATABASE_URL: url, LOG_LEVEL: 'warn', FRONTLINE_DEMO: '0' };
  let seedSeconds: number | null = null;
  if (seed) {
    log(`== ${dialect}: seeding demo staff and ${TICKETS} tickets`);
    await frontline(['seed', '--demo'], env);
    seedSeconds = (await frontline(['seed', '--tickets', String(TICKETS)], env)).ms / 1000;
  }
  const loadStart = load();
  const db = await openDatabase(url);
  await migrateToLatest(db);
  const deps = createDeps({ config: loadConfig(env), db, logger: createLogger('silent') });
  const cpu = await cpuReader(deps);
  log(`== ${dialect}: rollup rebuild (load average ${loadStart.join(', ')})`);
  const [rebuild, rebuildTime] = await timed(cpu, () => rebuildRollups(deps));
  log(`   ${rebuild.tickets} tickets in ${(rebuildTime.ms / 1000).toFixed(1)} s`);
  log(`== ${dialect}: dashboards (${ROUNDS} rounds)`);
  const dashboards = await measureSet(cpu, dashboardQueries(deps));
  const baseline = await measureSet(cpu, baselineQueries(deps));
  log(`   dashboards ${dashboards.total.ms.toFixed(0)} ms, baseline ${baseline.total.ms.toFixed(0)} ms`);
  const now = deps.clock.now().getTime();
  const [, yearByOrganisation] = await timed(cpu, () => metricsReport(deps, { from: new Date(now - 365 * DAY), to: new Date(now) }, 'organisation'));
  const monitorRuns: Timing[] = [];
  let monitorDetail: Array<{ monitor: string; ms: number }> = [];
  for (let i = 0; i < 3; i++) {
    const [report, t] = await timed(cpu, () => runMonitors(deps));
    monitorRuns.push(t);
    monitorDetail = report.ran.map((r) => ({ monitor: r.monitor, ms: r.ms }));
  }
  log(`== ${dialect}: ticket creation with and without the analytics hooks (${CREATE} tickets each)`);
  const creation = await measureCreation(deps, cpu);
  const loadEnd = load();
  await db.close();
  return {
    dialect,
    tickets: rebuild.tickets,
    seedSeconds,
    load: { start: loadStart, end: loadEnd },
    rebuild: { ...rebuild, seconds: rebuildTime.ms / 1000, cpuSeconds: (rebuildTime.cpuMs + rebuildTime.serverCpuMs) / 1000 },
    dashboards,
    baseline,
    yearByOrganisation,
    monitors: { ms: median(monitorRuns.map((t) => t.ms)), detail: monitorDetail },
    creation,
  };
}

type Result = Awaited<ReturnType<typeof benchDialect>>;

const f1 = (x: number) => x.toFixed(1);

function markdown(results: Result[]): string {
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`;
  const lines = [`Measured ${new Date().toISOString().slice(0, 10)} on ${machine}, with \`npx tsx bench/analytics.ts --tickets ${TICKETS}\` (medians of ${ROUNDS} rounds). CPU is the benchmark's main thread's time on a core (SQLite runs in it) plus, for PostgreSQL, the server processes' (from /proc/…/schedstat).`, ''];
  for (const r of results) {
    const cpuOf = (t: Timing) => t.cpuMs + t.serverCpuMs;
    lines.push(
      `**${r.dialect}, ${r.tickets.toLocaleString('en')} tickets** (load average ${r.load.start[0]} at the start, ${r.load.end[0]} at the end, 2 cores) — rollup rebuild ${f1(r.rebuild.seconds)} s (${f1(r.rebuild.cpuSeconds)} s CPU; ${r.rebuild.rollupRows.toLocaleString('en')} rollup rows, ${r.rebuild.histogramRows.toLocaleString('en')} histogram rows)${r.seedSeconds ? `; seeding took ${r.seedSeconds.toFixed(0)} s` : ''}; all six monitors ${r.monitors.ms.toFixed(0)} ms (${r.monitors.detail.map((d) => `${d.monitor} ${d.ms}`).join(', ')} ms).`,
      '',
    );
    lines.push('| dashboard query | rollups | CPU | baseline: GROUP BY over tickets | ratio |', '|---|---|---|---|---|');
    for (const [name, t] of Object.entries(r.dashboards.perQuery)) {
      const base = r.baseline.perQuery[name];
      lines.push(`| ${name} | ${f1(t.ms)} ms | ${f1(cpuOf(t))} ms | ${base === undefined ? '—' : `${f1(base.ms)} ms`} | ${base === undefined ? '—' : `${(base.ms / t.ms).toFixed(0)}×`} |`);
    }
    lines.push(`| **whole set** | **${r.dashboards.total.ms.toFixed(0)} ms** | ${cpuOf(r.dashboards.total).toFixed(0)} ms | ${r.baseline.total.ms.toFixed(0)} ms (its rows only) | |`);
    lines.push(`| *outside the set:* last 365 days by organisation | ${f1(r.yearByOrganisation.ms)} ms | ${f1(cpuOf(r.yearByOrganisation))} ms | | |`, '');
    const c = r.creation;
    lines.push(
      `Ticket creation through the ticket service (${c.tickets} tickets per mode, alternating blocks of 25), CPU per ticket: ${c.with.cpuMs.toFixed(3)} ms with every lifecycle hook, ${c.without.cpuMs.toFixed(3)} ms without the analytics hooks, ${c.none.cpuMs.toFixed(3)} ms with no hooks at all; the analytics hooks cost ${c.analyticsCpuMs.toFixed(3)} ms (median of the paired block differences), ${((c.analyticsCpuMs / c.with.cpuMs) * 100).toFixed(0)}% of a ticket's CPU (wall: ${c.with.wallMs.toFixed(2)} / ${c.without.wallMs.toFixed(2)} / ${c.none.wallMs.toFixed(2)} ms).`,
      '',
    );
  }
  return lines.join('\n');
}

const results: Result[] = [];
const dir = mkdtempSync(join(tmpdir(), 'frontline-analytics-bench-'));
try {
  if (args['database-url']) {
    for (const url of args['database-url']) results.push(await benchDialect(url.startsWith('postgres') ? 'postgres' : 'sqlite', url, false));
  } else {
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
writeFileSync(`bench/results/analytics-${results.map((r) => r.dialect).join('-')}-${new Date().toISOString().slice(0, 10)}.json`, JSON.stringify(results, null, 2));
if (!args['no-docs']) {
  const doc = readFileSync('docs/benchmarks.md', 'utf8');
  const start = '<!-- bench:analytics:start -->';
  const end = '<!-- bench:analytics:end -->';
  const block = `${start}\n${text}\n${end}`;
  writeFileSync('docs/benchmarks.md', doc.includes(start) ? doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block) : `${doc.trimEnd()}\n\n${block}\n`);
}
