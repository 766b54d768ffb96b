/**
 * Import speed of `frontline tickets import`: writes N synthetic JSON lines (subject of ~8
 * words, body of ~80, 1 requester per 10 tickets) to a temporary file, imports them into a fresh
 * database through the same service the CLI calls, and reports lines per second. A second run
 * over the same file measures the re-import (every line skipped). Then times building the
 * similar-ticket index from that database, as a server's first similar query does.
 *
 *   npx tsx bench/similar-import.ts --lines 100000                   # SQLite in a temp folder
 *   npx tsx bench/similar-import.ts --lines 100000 --postgres          # embedded PostgreSQL
 *   npx tsx bench/similar-import.ts --lines 100000 --database-url postgres://…
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDeps } from '../src/app.js';
import { loadConfig } from '../src/platform/config/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { importTickets } from '../src/triage/similar/import.service.js';
import { readJsonLines } from '../src/platform/files/json-lines.js';
import { SimilarTickets } from '../src/triage/similar/similar.service.js';
import { startEmbeddedPostgres } from '../src/test-support/embedded-postgres.js';

const { values: args } = parseArgs({
  options: { lines: { type: 'string', default: '100000' }, 'database-url': { type: 'string' }, postgres: { type: 'boolean', default: false } },
});
const LINES = Number(args.lines);

/** A deterministic pseudo-random stream (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function writeFile(path: string): Promise<void> {
  const r = random(7);
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ro', 'ta', 'vi', 'su', 'pe', 'do', 'gri', 'fan', 'sol', 'ber', 'tin'];
  const vocabulary = Array.from({ length: 3000 }, () => Array.from({ length: 2 + Math.floor(r() * 3) }, () => syllables[Math.floor(r() * syllables.length)]).join(''));
  // Zipf-like: low ranks are common words, as in real text.
  const word = () => vocabulary[Math.floor(vocabulary.length * r() ** 3)];
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  const out = createWriteStream(path);
  const start = Date.parse('2024-01-01T00:00:00Z');
  for (let i = 0; i < LINES; i++) {
    const line = {
      externalId: `B-${i}`,
      subject: words(8),
      body: words(80),
      requester: { email: `customer${Math.floor(r() * (LINES / 10))}@example.com` },
      createdAt: new Date(start + i * 60_000).toISOString(),
      status: r() < 0.7 ? 'solved' : 'open',
      priority: 1 + Math.floor(r() * 4),
    };
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const dir = mkdtempSync(join(tmpdir(), 'frontline-import-bench-'));
try {
  const file = join(dir, 'tickets.jsonl');
  await writeFile(file);
  const embedded = args.postgres ? await startEmbeddedPostgres({ durable: true }) : null;
  const url = embedded?.url ?? args['database-url'] ?? join(dir, 'bench.db');
  const db = await openDatabase(url);
  await migrateToLatest(db);
  const deps = createDeps({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', FRONTLINE_DEMO: '0' }), db, logger: createLogger('silent') });
  for (const run of ['first import', 're-import']) {
    const started = performance.now();
    const counts = await importTickets(deps, () => readJsonLines(file), { source: file });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${run}: ${counts.lines} lines (${(statSync(file).size / 1e6).toFixed(0)} MB) in ${seconds.toFixed(1)} s = ${Math.round(counts.lines / seconds)} lines/s; ` +
        `${counts.created} created, ${counts.skipped} skipped (${db.dialect})`,
    );
  }
  const similar = new SimilarTickets(deps);
  const started = performance.now();
  const index = await similar.ready();
  const seconds = (performance.now() - started) / 1000;
  console.log(`similar-ticket index built from the database: ${index.size} tickets in ${seconds.toFixed(1)} s = ${Math.round(index.size / seconds)} tickets/s`);
  await db.close();
  await embedded?.stop();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
