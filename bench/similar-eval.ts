/**
 * Evaluates similar-ticket retrieval on a GitBugs project folder: imports the bug reports as
 * tickets through `frontline tickets import`'s service into a fresh SQLite database, builds the
 * index from the database as the server does, and for each known duplicate pair asks for the
 * tickets most similar to the newer report and records where the older one lands.
 * Reports Recall@1/5/10 and MRR against plain BM25 and plain TF-IDF cosine baselines, on the
 * half of the pairs used to choose the settings (A: even positions in id order) and on the
 * other half (B), plus latency and index build time.
 *
 *   npx tsx bench/similar-eval.ts --input ../shared/datasets/gitbugs_seamonkey
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDeps } from '../src/app.js';
import { loadConfig } from '../src/platform/config/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import type { JsonLine } from '../src/platform/files/json-lines.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { importTickets } from '../src/triage/similar/import.service.js';
import { DEFAULT_INDEX_PARAMS, type IndexParams } from '../src/triage/similar/similar-index.js';
import { SimilarTickets } from '../src/triage/similar/similar.service.js';
import { bm25Baseline, tfidfBaseline, type Ranker } from './similar-baselines.js';
import { loadGitBugs, type DuplicatePair } from './similar-dataset.js';

const { values: args } = parseArgs({ options: { input: { type: 'string' }, depth: { type: 'string', default: '1000' } } });
if (!args.input) throw new Error('--input <GitBugs folder> is required');
const DEPTH = Number(args.depth);

interface Metrics {
  pairs: number;
  r1: number;
  r5: number;
  r10: number;
  mrr: number;
}

function metrics(ranks: number[]): Metrics {
  const share = (k: number) => ranks.filter((r) => r <= k).length / ranks.length;
  return { pairs: ranks.length, r1: share(1), r5: share(5), r10: share(10), mrr: ranks.reduce((s, r) => s + (Number.isFinite(r) ? 1 / r : 0), 0) / ranks.length };
}

const rankOf = (ranked: string[], target: string) => {
  const i = ranked.indexOf(target);
  return i < 0 ? Number.POSITIVE_INFINITY : i + 1;
};

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

const { reports, pairs } = loadGitBugs(args.input);
const dir = mkdtempSync(join(tmpdir(), 'frontline-similar-eval-'));
try {
  const url = join(dir, 'eval.db');
  const db = await openDatabase(url);
  await migrateToLatest(db);
  const deps = createDeps({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', FRONTLINE_DEMO: '0' }), db, logger: createLogger('silent') });
  const lines = reports.map((r, i) => ({ line: i + 1, value: { externalId: r.externalId, subject: r.subject, body: r.body, requester: { email: 'reporter@example.com' }, createdAt: r.createdAt } }));
  const started = performance.now();
  await importTickets(deps, () => (async function* (): AsyncGenerator<JsonLine> { yield* lines; })(), { source: args.input });
  const importMs = performance.now() - started;

  const rankers: { name: string; rank: Ranker; latencies: number[] }[] = [];
  const ours = async (name: string, params: IndexParams) => {
    const service = new SimilarTickets(deps, params, { syncEveryMs: Number.POSITIVE_INFINITY });
    const t0 = performance.now();
    const index = await service.ready();
    const buildMs = performance.now() - t0;
    const rankedFor = new Map<string, string[]>();
    const latencies: number[] = [];
    for (const query of new Set(pairs.map((p) => p.query))) {
      const t = performance.now();
      const items = await service.similarToExternalId(query, { limit: DEPTH });
      latencies.push(performance.now() - t);
      rankedFor.set(query, (items ?? []).map((i) => i.externalId!));
    }
    rankers.push({ name, rank: (q) => rankedFor.get(q)!, latencies });
    return { buildMs, memory: index.memory(), size: index.size };
  };
  const main = await ours('frontline (subject + whole-ticket cosine)', DEFAULT_INDEX_PARAMS);
  await ours('frontline, whole-ticket cosine only', { ...DEFAULT_INDEX_PARAMS, subjectShare: 0 });
  const docs = reports.map((r) => ({ id: r.externalId, text: `${r.subject}\n${r.body}` }));
  for (const [name, build] of [['plain BM25 (baseline)', bm25Baseline], ['plain TF-IDF cosine (baseline)', tfidfBaseline]] as const) {
    const rank = build(docs);
    const latencies: number[] = [];
    const timed: Ranker = (q) => {
      const t = performance.now();
      const ranked = rank(q);
      latencies.push(performance.now() - t);
      return ranked;
    };
    rankers.push({ name, rank: timed, latencies });
  }

  const split = (part: 0 | 1) => pairs.filter((_, i) => i % 2 === part);
  const row = (name: string, rank: Ranker, subset: DuplicatePair[]) => {
    const m = metrics(subset.map((p) => rankOf(rank(p.query), p.target)));
    return `| ${name} | ${m.pairs} | ${m.r1.toFixed(3)} | ${m.r5.toFixed(3)} | ${m.r10.toFixed(3)} | ${m.mrr.toFixed(3)} |`;
  };
  console.log(`${reports.length} reports, ${pairs.length} duplicate pairs with both ends in the file; import ${(importMs / 1000).toFixed(1)} s\n`);
  for (const [label, subset] of [['A (settings chosen here)', split(0)], ['B (held out)', split(1)], ['all pairs', pairs]] as const) {
    console.log(`Pairs ${label}\n\n| method | pairs | R@1 | R@5 | R@10 | MRR |\n|---|---|---|---|---|---|`);
    for (const r of rankers) console.log(row(r.name, r.rank, subset));
    console.log('');
  }
  console.log('| method | query p50 (ms) | query p95 (ms) |\n|---|---|---|');
  for (const r of rankers) console.log(`| ${r.name} | ${percentile(r.latencies, 50).toFixed(2)} | ${percentile(r.latencies, 95).toFixed(2)} |`);
  console.log(
    `\nIndex build from the database: ${main.buildMs.toFixed(0)} ms for ${main.size} tickets; ` +
      `typed arrays ${(main.memory.bytes / 1024).toFixed(0)} KiB (${Math.round(main.memory.bytes / main.size)} bytes per ticket), vocabulary ${main.memory.vocabulary} terms`,
  );
  await db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
