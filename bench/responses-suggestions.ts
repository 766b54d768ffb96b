/**
 * Suggestions and draft latency on a help desk of synthetic tickets and articles, through the
 * HTTP layer (`app.inject`: routing, auth, validation and serialisation included).
 *
 *   npx tsx bench/responses-suggestions.ts [--tickets 20000] [--articles 2000] [--requests 300]
 *
 * SQLite in a temporary directory. The first request of each kind builds the in-memory indexes
 * (KB search, similar tickets) and is reported apart; then each request asks for a random
 * existing ticket. Wall time includes waiting for a core on a shared machine; CPU time is the
 * process's own (process.cpuUsage) per request.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.js';
import { createToken } from '../src/accounts/tokens.service.js';
import { createUser } from '../src/accounts/users.service.js';
import { importArticles } from '../src/kb/import.service.js';
import { SYSTEM_ACTOR } from '../src/platform/auth/principal.js';
import { loadConfig } from '../src/platform/config/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { newId } from '../src/platform/ids.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { seedSyntheticTickets } from '../src/seed/synthetic.js';
import { random, syntheticArticles } from './kb-corpus.js';

const { values: args } = parseArgs({
  options: { tickets: { type: 'string', default: '20000' }, articles: { type: 'string', default: '2000' }, requests: { type: 'string', default: '300' } },
});
const TICKETS = Number(args.tickets);
const ARTICLES = Number(args.articles);
const REQUESTS = Number(args.requests);

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const fmt = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return `| ${s.length} | ${quantile(s, 0.5).toFixed(2)} | ${quantile(s, 0.95).toFixed(2)} | ${quantile(s, 0.99).toFixed(2)} | ${s[s.length - 1].toFixed(2)} |`;
};

/**
 * The bulk seeder writes each ticket's first message only; suggestions need the public reply
 * that solved a ticket, so every solved or closed ticket gets one here (written directly: this
 * is set-up, not what is measured).
 */
async function addSolvingReplies(db: Awaited<ReturnType<typeof openDatabase>>): Promise<number> {
  const solved = await db.kysely.selectFrom('tickets').select(['id', 'subject', 'solved_at', 'created_at']).where('status', 'in', ['solved', 'closed']).execute();
  const rows = solved.map((t, i) => ({
    id: newId(Date.parse(t.created_at) + i),
    ticket_id: t.id,
    visibility: 'public',
    author_type: 'agent',
    author_id: null,
    body_text: `Hi,\n\nAbout "${t.subject}": we changed the setting on our side and cleared the cache; it works again now.\n\nBest regards,\nSupport`,
    body_html: null,
    channel: 'email',
    created_at: t.solved_at ?? t.created_at,
  }));
  for (let i = 0; i < rows.length; i += 500) await db.kysely.insertInto('messages').values(rows.slice(i, i + 500)).execute();
  return rows.length;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'frontline-bench-responses-'));
  const url = join(dir, 'bench.db');
  const db = await openDatabase(url);
  try {
    await migrateToLatest(db);
    const { app, deps } = await buildApp({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', FRONTLINE_DEMO: '0' }), db, logger: createLogger('silent') });
    let started = performance.now();
    const articles = syntheticArticles(ARTICLES, 7);
    // The import service takes one batch per transaction, as `kb import` sends them.
    for (let i = 0; i < articles.length; i += 500) await importArticles(deps, SYSTEM_ACTOR, articles.slice(i, i + 500));
    const importMs = performance.now() - started;
    started = performance.now();
    await seedSyntheticTickets(deps, TICKETS, { seed: 11 });
    const seedMs = performance.now() - started;
    const replies = await addSolvingReplies(db);
    const user = await createUser(deps, SYSTEM_ACTOR, { email: 'bench@example.test', name: 'Bench Agent', role: 'agent', password: 'correct horse battery' });
    const { token } = await createToken(deps, SYSTEM_ACTOR, { userId: user.id, name: 'bench' });
    const headers = { authorization: `Bearer ${token}` };
    const ids = (await db.kysely.selectFrom('tickets').select('id').orderBy('number').execute()).map((r) => r.id);
    const rnd = random(5);
    const pickId = () => ids[Math.floor(rnd() * ids.length)];

    started = performance.now();
    const first = await app.inject({ url: `/api/v1/tickets/${pickId()}/suggestions`, headers });
    const firstMs = performance.now() - started;
    if (first.statusCode !== 200) throw new Error(`suggestions answered ${first.statusCode}: ${first.body}`);

    const timings: Record<string, number[]> = { suggestions: [], draft: [] };
    const cpu: Record<string, number[]> = { suggestions: [], draft: [] };
    const cpuMs = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    let withTickets = 0;
    let withArticles = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const [t0, c0] = [performance.now(), cpuMs()];
      const res = await app.inject({ url: `/api/v1/tickets/${pickId()}/suggestions`, headers });
      timings.suggestions.push(performance.now() - t0);
      cpu.suggestions.push(cpuMs() - c0);
      const body = res.json() as { articles: unknown[]; tickets: unknown[] };
      if (body.tickets.length > 0) withTickets++;
      if (body.articles.length > 0) withArticles++;
    }
    for (let i = 0; i < Math.ceil(REQUESTS / 3); i++) {
      const [t0, c0] = [performance.now(), cpuMs()];
      const res = await app.inject({ method: 'POST', url: `/api/v1/tickets/${pickId()}/draft`, headers, payload: { useLlm: false } });
      timings.draft.push(performance.now() - t0);
      cpu.draft.push(cpuMs() - c0);
      if (res.statusCode !== 200) throw new Error(`draft answered ${res.statusCode}`);
    }
    const lead = await createUser(deps, SYSTEM_ACTOR, { email: 'lead@example.test', name: 'Bench Lead', role: 'lead', password: 'correct horse battery' });
    const leadToken = (await createToken(deps, SYSTEM_ACTOR, { userId: lead.id, name: 'bench' })).token;
    const [g0, gc0] = [performance.now(), cpuMs()];
    const gaps = await app.inject({ url: '/api/v1/kb/gaps', headers: { authorization: `Bearer ${leadToken}` } });
    const [gapMs, gapCpu] = [performance.now() - g0, cpuMs() - gc0];
    const gapReport = gaps.json() as { examined: { tickets: number; unanswered: number }; items: unknown[] };
    console.log(`${TICKETS} tickets (seeded in ${(seedMs / 1000).toFixed(1)} s; ${replies} solved ones given a public agent reply), ${ARTICLES} articles (imported in ${(importMs / 1000).toFixed(1)} s); ${cpus().length} × ${cpus()[0]?.model}; load average ${loadavg()[0].toFixed(1)}; Node ${process.version}`);
    console.log(`first suggestions request (builds both indexes): ${firstMs.toFixed(0)} ms`);
    console.log(`suggestions with at least one solved look-alike: ${withTickets}/${REQUESTS}; with at least one article: ${withArticles}/${REQUESTS}`);
    console.log('| request | n | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|');
    console.log(`| GET /tickets/:id/suggestions, wall ${fmt(timings.suggestions)}`);
    console.log(`| GET /tickets/:id/suggestions, CPU ${fmt(cpu.suggestions)}`);
    console.log(`| POST /tickets/:id/draft (no LLM), wall ${fmt(timings.draft)}`);
    console.log(`| POST /tickets/:id/draft (no LLM), CPU ${fmt(cpu.draft)}`);
    console.log(`GET /kb/gaps: ${gapMs.toFixed(0)} ms wall, ${gapCpu.toFixed(0)} ms CPU; ${gapReport.examined.tickets} tickets of the last 30 days examined, ${gapReport.examined.unanswered} unanswered, ${gapReport.items.length} clusters`);
    await app.close();
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
