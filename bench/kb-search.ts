/**
 * Knowledge-base search latency over 10,000 synthetic articles (generated from a fixed seed, so
 * every run searches the same corpus with the same queries).
 *
 *   npx tsx bench/kb-search.ts [--articles 10000] [--queries 2000] [--dialect none|sqlite|postgres|both]
 *
 * 1. The engine alone: index build time and memory, then per-query latency (ranking and
 *    snippets) for five kinds of query: title words, the same with a typo, every keystroke of
 *    a title being typed, long pasted questions, and words no article contains.
 * 2. Through the service on a real database (default SQLite): the articles imported with the
 *    `kb import` code path, then `searchArticles` as the API calls it, which also reads the
 *    change counter before every search.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDeps } from '../src/app.js';
import { importArticles, type ImportRecord } from '../src/kb/import.service.js';
import { searchArticles, toIndexDoc } from '../src/kb/search.service.js';
import { Searcher, type SearchRequest } from '../src/kb/search/searcher.js';
import { SYSTEM_ACTOR } from '../src/platform/auth/principal.js';
import { loadConfig } from '../src/platform/config/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { startEmbeddedPostgres } from '../src/test-support/embedded-postgres.js';
import { syntheticArticles, syntheticQueries } from './kb-corpus.js';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '2000' },
    dialect: { type: 'string', default: 'sqlite' },
  },
});
const ARTICLES = Number(args.articles);
const QUERIES = Number(args.queries);

interface Stats {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  n: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1], n: sorted.length };
}

const ms = (x: number) => x.toFixed(2);
const line = (name: string, [wall, cpu]: [Stats, Stats]) =>
  `| ${name} | ${wall.n} | ${ms(wall.p50)} | ${ms(wall.p95)} | ${ms(wall.p99)} | ${ms(wall.max)} | ${ms(cpu.p50)} | ${ms(cpu.p95)} | ${ms(cpu.p99)} |`;
const HEADER = '| queries | n | p50 ms | p95 ms | p99 ms | max ms | CPU p50 ms | CPU p95 ms | CPU p99 ms |\n|---|---|---|---|---|---|---|---|---|';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Wall time per query, and the process's CPU time per query: on a machine shared with other
 * work the wall time includes waiting for a core, which the CPU time does not.
 */
async function timeAll(requests: SearchRequest[], run: (r: SearchRequest) => unknown): Promise<[Stats, Stats]> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const request of requests) {
    const startCpu = cpuMs();
    const start = performance.now();
    await run(request);
    wall.push(performance.now() - start);
    cpu.push(cpuMs() - startCpu);
  }
  return [stats(wall), stats(cpu)];
}

const corpus = syntheticArticles(ARTICLES, 20261126);
const queries = syntheticQueries(corpus, QUERIES, 7);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

console.log(`# KB search benchmark: ${ARTICLES} articles, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}, load average ${loadavg()[0].toFixed(1)} at the start\n`);

// 1. The engine alone.
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const buildStart = performance.now();
const searcher = new Searcher();
for (const a of corpus) {
  searcher.upsert(toIndexDoc({ id: a.externalId, external_id: a.externalId, title: a.title, body: a.body, category: a.category ?? null, section: null, tags: JSON.stringify(a.tags ?? []), visibility: 'public', status: 'published', locale: 'en', type: 'article', change_seq: 1 })!);
}
const buildMs = performance.now() - buildStart;
global.gc?.();
const heapAfter = process.memoryUsage().heapUsed;
console.log(`Index build: ${(buildMs / 1000).toFixed(2)} s; ${searcher.index.vocabulary.size} distinct words; heap +${mb(heapAfter - heapBefore)} MB${global.gc ? '' : ' (run with node --expose-gc for an exact figure)'}\n`);
for (const r of queries.warmup) searcher.search(r);
console.log('## Engine (ranking + snippets, no database)\n');
console.log(HEADER);
for (const [name, requests] of Object.entries(queries.kinds)) console.log(line(name, await timeAll(requests, (r) => searcher.search(r))));
console.log(line('all kinds together', await timeAll(Object.values(queries.kinds).flat(), (r) => searcher.search(r))));

// 2. Through the service, on a database.
async function serviceRun(dialect: 'sqlite' | 'postgres'): Promise<void> {
  let url: string;
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'frontline-kb-bench-'));
    url = join(dir, 'kb.db');
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const pg = await startEmbeddedPostgres({ durable: true });
    url = pg.url;
    cleanup = pg.stop;
  }
  const db = await openDatabase(url);
  try {
    await migrateToLatest(db);
    const deps = createDeps({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', FRONTLINE_DEMO: '0' }), db, logger: createLogger('silent') });
    const importStart = performance.now();
    for (let i = 0; i < corpus.length; i += 500) await importArticles(deps, { ...SYSTEM_ACTOR, label: 'bench' }, corpus.slice(i, i + 500) as ImportRecord[]);
    const importMs = performance.now() - importStart;
    const loadStart = performance.now();
    await searchArticles(deps, { q: 'warm', limit: 10 });
    const loadMs = performance.now() - loadStart;
    for (const r of queries.warmup) await searchArticles(deps, r);
    console.log(`\n## Service on ${dialect} (change-counter check + ranking + snippets)\n`);
    console.log(`Import of ${corpus.length} articles through the kb import path: ${(importMs / 1000).toFixed(1)} s; first search (loads the index from the database): ${(loadMs / 1000).toFixed(2)} s\n`);
    console.log(HEADER);
    const everything = Object.values(queries.kinds).flat();
    console.log(line('all kinds together', await timeAll(everything, (r) => searchArticles(deps, r))));
  } finally {
    await db.close();
    await cleanup();
  }
}

if (args.dialect === 'sqlite' || args.dialect === 'both') await serviceRun('sqlite');
if (args.dialect === 'postgres' || args.dialect === 'both') await serviceRun('postgres');
console.log(`\nProcess RSS at the end: ${mb(process.memoryUsage().rss)} MB; load average ${loadavg()[0].toFixed(1)} at the end`);
