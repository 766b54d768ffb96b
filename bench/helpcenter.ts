/**
 * Help-center page latency over HTTP with 10,000 published articles (the synthetic corpus of
 * bench/kb-corpus.ts, fixed seed), against a real `frontline serve` in a child process.
 *
 *   npx tsx bench/helpcenter.ts [--articles 10000] [--requests 1000] [--seconds 10] [--connections 8] [--dialect sqlite|postgres|both]
 *
 * 1. Seeds a fresh database through the services (the `kb import` code path, one published
 *    guide, one run in progress), then starts the server on it.
 * 2. Sequential: each page kind fetched `--requests` times, one request at a time, timing the
 *    whole round trip on the client (keep-alive). Articles and searches vary per request (a
 *    different article each time, so the Markdown cache rarely helps; view counts are written).
 *    `GET /healthz` in the same run is the baseline: what the HTTP stack alone costs here.
 * 3. Under load: autocannon (`--connections`, `--seconds`) over a mix of every page kind.
 * Results go to bench/results/helpcenter-DATE.json and docs/benchmarks.md between the
 * `bench:helpcenter` markers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { createDeps } from '../src/app.js';
import { createGuide } from '../src/guides/guides.service.js';
import { startRun } from '../src/guides/runs.service.js';
import { importArticles, type ImportRecord } from '../src/kb/import.service.js';
import { SYSTEM_ACTOR } from '../src/platform/auth/principal.js';
import { loadConfig } from '../src/platform/config/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { freePort, startEmbeddedPostgres } from '../src/test-support/embedded-postgres.js';
import { routerGuide } from '../src/guides/guides.fixtures.js';
import { syntheticArticles, syntheticQueries } from './kb-corpus.js';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
    dialect: { type: 'string', default: 'sqlite' },
  },
});
const ARTICLES = Number(args.articles);

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p97_5: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}
// autocannon ships no types; it runs here in the bench process while the server has its own.
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;
const REQUESTS = Number(args.requests);
const ROOT = new URL('..', import.meta.url).pathname;

interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] };
}

interface Seeded {
  url: string;
  stop: () => Promise<void>;
  articleIds: string[];
  categories: string[];
  guideId: string;
  runId: string;
  seedSeconds: number;
}

async function seed(dialect: 'sqlite' | 'postgres'): Promise<Seeded> {
  let url: string;
  let stop: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'frontline-hc-bench-'));
    url = join(dir, 'bench.db');
    stop = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const pg = await startEmbeddedPostgres({ durable: false });
    url = pg.url;
    stop = pg.stop;
  }
  const started = performance.now();
  const db = await openDatabase(url);
  await migrateToLatest(db);
  const deps = createDeps({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', FRONTLINE_DEMO: '0' }), db, logger: createLogger('silent') });
  const corpus = syntheticArticles(ARTICLES, 42);
  for (let i = 0; i < corpus.length; i += 500) await importArticles(deps, { ...SYSTEM_ACTOR, label: 'bench' }, corpus.slice(i, i + 500) as ImportRecord[]);
  const guide = await createGuide(deps, SYSTEM_ACTOR, routerGuide() as never);
  const run = await startRun(deps, SYSTEM_ACTOR, guide.id, { channel: 'helpcenter' });
  const rows = await db.kysely.selectFrom('kb_articles').select(['id', 'category']).execute();
  await db.close();
  return {
    url,
    stop,
    articleIds: rows.map((r) => r.id),
    categories: [...new Set(rows.map((r) => r.category).filter((c): c is string => !!c))],
    guideId: guide.id,
    runId: run.id,
    seedSeconds: (performance.now() - started) / 1000,
  };
}

/** `frontline serve` from the sources (tsx), in its own process. */
async function serve(databaseUrl: string, port: number): Promise<{ base: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'serve'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', FRONTLINE_DEMO: '0', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d;
      if (output.includes('listening on')) resolve();
    });
    child.stderr!.on('data', (d: Buffer) => (output += d));
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${output.slice(-2000)}`)));
  });
  return { base: `http://127.0.0.1:${port}`, child };
}

interface Timed {
  /** Client-side round trip. */
  wall: Stats;
  /** What the server reports spending (Server-Timing), when the route sends it. */
  server?: Stats;
  /** The server process's CPU time per request (from /proc), averaged. */
  cpuMs: number;
}

/** CPU time a process has used so far, in ms (fields 14 and 15 of /proc/PID/stat, in clock ticks). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function timeGets(base: string, pid: number, paths: () => string, n: number): Promise<Timed> {
  const wall: number[] = [];
  const server: number[] = [];
  const cpuBefore = cpuMsOf(pid);
  for (let i = 0; i < n; i++) {
    const path = paths();
    const started = performance.now();
    const res = await fetch(base + path);
    await res.text();
    wall.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    const timing = /dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
    if (timing) server.push(Number(timing[1]));
  }
  return { wall: stats(wall), server: server.length > 0 ? stats(server) : undefined, cpuMs: (cpuMsOf(pid) - cpuBefore) / n };
}

const pick = <T>(items: T[], i: number) => items[i % items.length];

async function runDialect(dialect: 'sqlite' | 'postgres') {
  const seeded = await seed(dialect);
  const { base, child } = await serve(seeded.url, await freePort());
  try {
    const queries = Object.values(syntheticQueries(syntheticArticles(ARTICLES, 42), 200, 7).kinds).flat().map((q) => q.q);
    // The first search loads the index (seconds for 10,000 articles): done before timing.
    await fetch(`${base}/help/search?q=password`).then((r) => r.text());
    let i = 0;
    const next = () => i++;
    const kinds: Record<string, () => string> = {
      'baseline: GET /healthz': () => '/healthz',
      home: () => '/help',
      category: () => `/help/categories/${encodeURIComponent(pick(seeded.categories, next()))}`,
      'article (a different one each time)': () => `/help/articles/${pick(seeded.articleIds, next() * 7919)}`,
      search: () => `/help/search?q=${encodeURIComponent(pick(queries, next()))}`,
      'guide start page': () => `/help/guides/${seeded.guideId}`,
      'guide run step': () => `/help/runs/${seeded.runId}`,
      'contact form': () => '/help/contact',
    };
    const pid = child.pid!;
    for (const make of Object.values(kinds)) await timeGets(base, pid, make, 50); // warm-up
    const sequential: Record<string, Timed> = {};
    for (const [name, make] of Object.entries(kinds)) sequential[name] = await timeGets(base, pid, make, REQUESTS);
    sequential.sitemap = await timeGets(base, pid, () => '/help/sitemap.xml', Math.max(20, REQUESTS / 20));

    const pages = Object.entries(kinds).filter(([name]) => !name.startsWith('baseline'));
    let k = 0;
    const load = await autocannon({
      url: base,
      connections: Number(args.connections),
      duration: Number(args.seconds),
      requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: pages[k++ % pages.length][1]() }) }],
    });
    return { dialect, seedSeconds: seeded.seedSeconds, sequential, load: { requestsPerSecond: load.requests.average, total: load.requests.total, non2xx: load.non2xx, errors: load.errors, latencyMs: { p50: load.latency.p50, p90: load.latency.p90, p97_5: load.latency.p97_5, p99: load.latency.p99, max: load.latency.max } } };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await seeded.stop();
  }
}

const ms = (x: number) => x.toFixed(2);

function markdown(results: Awaited<ReturnType<typeof runDialect>>[], load: number[]): string {
  const lines = [
    `Run on ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model.trim() ?? 'unknown CPU'} × ${cpus().length} (shared; load average ${load.map((l) => l.toFixed(1)).join(' / ')} before the run), Node ${process.versions.node}; ${ARTICLES.toLocaleString('en')} published articles; \`npx tsx bench/helpcenter.ts --dialect ${args.dialect} --requests ${REQUESTS}\`. Client-side round trips over HTTP (keep-alive) to \`frontline serve\` in its own process.`,
    '',
  ];
  for (const r of results) {
    const baseline = r.sequential['baseline: GET /healthz'];
    lines.push(
      `**${r.dialect}** (seeded in ${r.seedSeconds.toFixed(1)} s)`,
      '',
      '| page, one request at a time | n | round trip p50 ms | round trip p95 ms | p99 ms | p95 ÷ baseline p95 | server p50 ms | server p95 ms | server CPU ms / request |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const [name, t] of Object.entries(r.sequential)) {
      const s = t.wall;
      const server = t.server ? `${ms(t.server.p50)} | **${ms(t.server.p95)}**` : '– | –';
      lines.push(`| ${name} | ${s.n} | ${ms(s.p50)} | **${ms(s.p95)}** | ${ms(s.p99)} | ${(s.p95 / baseline.wall.p95).toFixed(1)}× | ${server} | ${t.cpuMs.toFixed(2)} |`);
    }
    const l = r.load;
    lines.push('', `Mixed pages under load (autocannon, ${args.connections} connections, ${args.seconds} s): ${Math.round(l.requestsPerSecond)} requests/s, ${l.total} requests, ${l.non2xx} non-2xx, ${l.errors} errors; latency p50 ${l.latencyMs.p50} ms, p90 ${l.latencyMs.p90} ms, p97.5 ${l.latencyMs.p97_5} ms, p99 ${l.latencyMs.p99} ms, max ${l.latencyMs.max} ms.`, '');
  }
  return lines.join('\n');
}

const load = loadavg();
const dialects = args.dialect === 'both' ? (['sqlite', 'postgres'] as const) : [args.dialect as 'sqlite' | 'postgres'];
const results = [];
for (const dialect of dialects) {
  results.push(await runDialect(dialect));
  console.log(JSON.stringify(results[results.length - 1], null, 2));
}
const text = markdown(results, load);
console.log(text);
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, `bench/results/helpcenter-${new Date().toISOString().slice(0, 10)}.json`), JSON.stringify({ load, args, results }, null, 2));
const docs = join(ROOT, 'docs/benchmarks.md');
const START = '<!-- bench:helpcenter:start -->';
const END = '<!-- bench:helpcenter:end -->';
const current = readFileSync(docs, 'utf8');
const block = `${START}\n${text}\n${END}`;
writeFileSync(docs, current.includes(START) ? current.replace(new RegExp(`${START}[\\s\\S]*?${END}`), block) : `${current.trimEnd()}\n\n## Help center\n\nPages over HTTP; method and commentary in docs/helpcenter.md.\n\n${block}\n`);
