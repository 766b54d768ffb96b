/**
 * The core benchmark (`npm run bench`): ticket creation over HTTP against a baseline of the same
 * rows written directly, bulk seeding, full-text search latency and server memory, on SQLite and
 * PostgreSQL. Results go to bench/results/ and into docs/benchmarks.md between its markers.
 *
 *   npm run bench                       # everything, 1,000,000 seeded tickets per dialect
 *   npm run bench -- --tickets 100000   # a smaller seed
 *   npm run bench -- --dialect sqlite   # one dialect
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '../src/test-support/embedded-postgres.js';
import { postgresBaseline, sqliteBaseline } from './lib/baseline.js';
import { autocannon, sequentialGets, type LoadResult } from './lib/load.js';
import { frontline, startServer } from './lib/server.js';

const { values: args } = parseArgs({
  options: {
    tickets: { type: 'string', default: '1000000' },
    dialect: { type: 'string', default: 'both' },
    seconds: { type: 'string', default: '20' },
    'baseline-tickets': { type: 'string', default: '20000' },
  },
});
const SEED_TICKETS = Number(args.tickets);
const SECONDS = Number(args.seconds);
const BASELINE_TICKETS = Number(args['baseline-tickets']);
const PORT = 3917;

const TICKET_BODY = JSON.stringify({
  subject: 'Payment failed twice on checkout',
  body: 'Our customers see a payment failure at checkout since 9am; card declined errors for valid cards.',
  requester: { email: 'bench@example.com', name: 'Bench Customer' },
  tags: ['payments'],
});

// Words a support team searches for, from common to rare in the synthetic corpus; the last is absent.
const SEARCHES = ['invoice', 'payment failed', 'export csv', 'password reset', 'quickbooks sync', 'timeout', 'refund', 'two factor', 'recurring invoices', 'sso', 'webhook', 'zzyzx'];

interface DialectResult {
  dialect: string;
  httpCreate: { sustained: LoadResult; fixedRate: LoadResult; burstyRate: LoadResult; rate: number; cpuMsPerTicket: number };
  baselineTicketsPerSecond: number;
  seed: { tickets: number; seconds: number };
  search: Record<string, { p50: number; p95: number; p99: number; count: number }>;
  memory: { rssMb: number; peakMb: number };
}

async function prepareUser(env: Record<string, string>): Promise<string> {
  await frontline(['migrate'], env);
  await frontline(['user', 'create', '--email', 'bench@frontline.local', '--name', 'Bench', '--role', 'admin', '--password', 'benchmark password'], env);
  return (await frontline(['token', 'create', '--email', 'bench@frontline.local', '--name', 'bench'], env)).stdout.trim().split('\n').pop()!;
}

async function benchDialect(dialect: 'sqlite' | 'postgres', newDatabase: () => Promise<string>): Promise<DialectResult> {
  log(`\n== ${dialect}: ticket creation over HTTP`);
  const httpEnv = { DATABASE_URL: await newDatabase() };
  const token = await prepareUser(httpEnv);
  let server = await startServer(httpEnv, PORT);
  await autocannon({ url: server.url, token, body: TICKET_BODY, connections: 32, seconds: 3 });
  const cpuBefore = server.cpuSeconds();
  const sustained = await autocannon({ url: server.url, token, body: TICKET_BODY, connections: 64, seconds: SECONDS });
  // CPU per ticket barely depends on what else the machine runs, unlike tickets per second.
  const cpuMsPerTicket = ((server.cpuSeconds() - cpuBefore) * 1000) / sustained.total;
  log(`sustained: ${sustained.requestsPerSecond.toFixed(0)} tickets/s, p99 ${sustained.latencyMs.p99} ms, non-2xx ${sustained.non2xx}, server CPU ${cpuMsPerTicket.toFixed(2)} ms/ticket`);
  const rate = 500;
  // 8 connections send a steady stream; with 32, autocannon lets every connection send its share
  // of each second at once, so the figure measures its bursts as much as the server.
  const fixedRate = await autocannon({ url: server.url, token, body: TICKET_BODY, connections: 8, seconds: SECONDS, rate });
  log(`at ${rate}/s over 8 connections: p50 ${fixedRate.latencyMs.p50} ms, p99 ${fixedRate.latencyMs.p99} ms`);
  const burstyRate = await autocannon({ url: server.url, token, body: TICKET_BODY, connections: 32, seconds: SECONDS, rate });
  log(`at ${rate}/s over 32 connections: p50 ${burstyRate.latencyMs.p50} ms, p99 ${burstyRate.latencyMs.p99} ms`);
  await server.stop();

  log(`== ${dialect}: baseline (same rows, driver directly, no HTTP)`);
  const baselineUrl = await newDatabase();
  await frontline(['migrate'], { DATABASE_URL: baselineUrl });
  const baselineTicketsPerSecond = dialect === 'sqlite' ? await sqliteBaseline(baselineUrl, BASELINE_TICKETS) : await postgresBaseline(baselineUrl, BASELINE_TICKETS, 16);
  log(`baseline: ${baselineTicketsPerSecond.toFixed(0)} tickets/s`);

  log(`== ${dialect}: seed ${SEED_TICKETS} tickets`);
  const seedEnv = { DATABASE_URL: await newDatabase() };
  const seedToken = await prepareUser(seedEnv);
  const seeded = await frontline(['seed', '--tickets', String(SEED_TICKETS)], seedEnv);
  log(`seeded in ${(seeded.ms / 1000).toFixed(1)} s`);

  log(`== ${dialect}: search`);
  server = await startServer(seedEnv, PORT);
  const search: DialectResult['search'] = {};
  const encoded = SEARCHES.map((q) => encodeURIComponent(q));
  await sequentialGets(server.url, seedToken, encoded.map((q) => `/api/v1/tickets?q=${q}`), 1);
  search.relevance = await sequentialGets(server.url, seedToken, encoded.map((q) => `/api/v1/tickets?q=${q}`), 10);
  search.newest = await sequentialGets(server.url, seedToken, encoded.map((q) => `/api/v1/tickets?q=${q}&sort=updated`), 10);
  search.filtered = await sequentialGets(server.url, seedToken, encoded.map((q) => `/api/v1/tickets?q=${q}&status=open,pending&priority=1,2`), 10);
  for (const [name, r] of Object.entries(search)) log(`search ${name}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`);
  const memory = server.memory();
  log(`server memory: ${memory.rssMb.toFixed(0)} MB now, ${memory.peakMb.toFixed(0)} MB peak`);
  await server.stop();
  return { dialect, httpCreate: { sustained, fixedRate, burstyRate, rate, cpuMsPerTicket }, baselineTicketsPerSecond, seed: { tickets: SEED_TICKETS, seconds: seeded.ms / 1000 }, search, memory };
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

function markdown(results: DialectResult[], machine: string, date: string): string {
  const col = (f: (r: DialectResult) => string) => results.map(f).join(' | ');
  const rows = [
    ['ticket creation over HTTP, sustained (64 connections)', (r: DialectResult) => `${r.httpCreate.sustained.requestsPerSecond.toFixed(0)} tickets/s`],
    ['… non-2xx responses', (r: DialectResult) => String(r.httpCreate.sustained.non2xx)],
    ['… server CPU time per ticket', (r: DialectResult) => `${r.httpCreate.cpuMsPerTicket.toFixed(2)} ms`],
    ['baseline: same rows by the driver, one transaction each', (r: DialectResult) => `${r.baselineTicketsPerSecond.toFixed(0)} tickets/s`],
    ['ratio HTTP / baseline', (r: DialectResult) => (r.httpCreate.sustained.requestsPerSecond / r.baselineTicketsPerSecond).toFixed(2)],
    ['latency at 500 requests/s over 8 connections: p50 / p99', (r: DialectResult) => `${r.httpCreate.fixedRate.latencyMs.p50} / ${r.httpCreate.fixedRate.latencyMs.p99} ms`],
    ['… the same over 32 connections (bursty): p50 / p99', (r: DialectResult) => `${r.httpCreate.burstyRate.latencyMs.p50} / ${r.httpCreate.burstyRate.latencyMs.p99} ms`],
    [`\`frontline seed --tickets ${results[0]?.seed.tickets}\``, (r: DialectResult) => `${r.seed.seconds.toFixed(1)} s`],
    ['full-text search, by relevance: p50 / p95', (r: DialectResult) => `${ms(r.search.relevance.p50)} / ${ms(r.search.relevance.p95)}`],
    ['full-text search, newest first: p50 / p95', (r: DialectResult) => `${ms(r.search.newest.p50)} / ${ms(r.search.newest.p95)}`],
    ['full-text search + status and priority filters: p50 / p95', (r: DialectResult) => `${ms(r.search.filtered.p50)} / ${ms(r.search.filtered.p95)}`],
    ['server RSS after search (peak over the run)', (r: DialectResult) => `${r.memory.rssMb.toFixed(0)} MB (${r.memory.peakMb.toFixed(0)} MB)`],
  ] as const;
  return [
    `Measured ${date} on ${machine}, with \`npm run bench -- --tickets ${results[0]?.seed.tickets}\`.`,
    '',
    `| measure | ${col((r) => r.dialect)} |`,
    `|---|${results.map(() => '---').join('|')}|`,
    ...rows.map(([name, f]) => `| ${name} | ${col(f)} |`),
  ].join('\n');
}

async function main(): Promise<void> {
  const results: DialectResult[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'frontline-bench-'));
  let databases = 0;
  try {
    if (args.dialect === 'both' || args.dialect === 'sqlite') {
      results.push(await benchDialect('sqlite', async () => join(scratch, `db${++databases}.sqlite`)));
    }
    if (args.dialect === 'both' || args.dialect === 'postgres') {
      const server = await startEmbeddedPostgres({ durable: true });
      try {
        const pg = (await import('pg')).default;
        results.push(
          await benchDialect('postgres', async () => {
            const name = `bench${++databases}`;
            const admin = new pg.Client({ connectionString: server.url });
            await admin.connect();
            await admin.query(`CREATE DATABASE ${name}`);
            await admin.end();
            return server.url.replace(/\/postgres$/, `/${name}`);
          }),
        );
      } finally {
        await server.stop();
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`;
  const date = new Date().toISOString().slice(0, 10);
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/core-${date}.json`, import.meta.url), JSON.stringify({ machine, date, results }, null, 2));
  const table = markdown(results, machine, date);
  log(`\n${table}`);
  const docsUrl = new URL('../docs/benchmarks.md', import.meta.url);
  const docs = readFileSync(docsUrl, 'utf8');
  const start = '<!-- bench:core:start -->';
  const end = '<!-- bench:core:end -->';
  if (docs.includes(start) && args.dialect === 'both') {
    writeFileSync(docsUrl, `${docs.slice(0, docs.indexOf(start) + start.length)}\n${table}\n${docs.slice(docs.indexOf(end))}`);
    log('docs/benchmarks.md updated');
  }
}

await main();
