/**
 * What ticket creation costs with every feature plugged in, in process, by CPU time:
 *
 *   npx tsx bench/ticket-create.ts [--tickets 3000] [--rounds 3] [--dialect sqlite|postgres] [--reports DIR | --inbox] [--write]
 *
 * On a migrated database with the demo help desk (so routing, SLA policies and customers exist),
 * creates tickets one after another through `createTicket` (the service the API and every channel
 * call) with the demo tickets' subjects and bodies (about 200 texts, repeated: every ticket then has
 * look-alikes, the worst case for incident detection) or, with `--reports`, a GitBugs folder's bug
 * reports (real text, mostly distinct, as a help desk mostly sees) or, with `--inbox`, the requests of
 * bench/lib/inbox.ts (each different, from 500 senders: what bench/email.ts sends), and runs the jobs they schedule, so
 * the jobs a ticket schedules are paid for too (drained at the end of each round rather than
 * interleaved, so that time inside a hook is the hook's own). Reported per ticket, median of `--rounds`:
 * - CPU time (the process's user + system time over the round, jobs drained at its end);
 * - the baseline in the same run: the same service with no feature hooks, listeners or jobs
 *   (what the ticket core alone costs);
 * - each lifecycle hook's share, timed around the hook (on SQLite the driver is synchronous, so
 *   time inside a hook is CPU time).
 * `--write` puts the table into docs/benchmarks.md between the bench:ticket-create markers.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDeps } from '../src/app.js';
import { SYSTEM_ACTOR } from '../src/platform/auth/principal.js';
import { loadConfig } from '../src/platform/config/config.js';
import type { Deps } from '../src/platform/context.js';
import { openDatabase, type Db } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { EventBus } from '../src/platform/events/bus.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { seedDemo } from '../src/seed/demo.js';
import { inboxRequest } from './lib/inbox.js';
import { loadGitBugs } from './similar-dataset.js';
import { startEmbeddedPostgres } from '../src/test-support/embedded-postgres.js';
import { emptyLifecycle, type TicketLifecycle } from '../src/tickets/lifecycle.js';
import { createTicket } from '../src/tickets/tickets.service.js';

const { values: args } = parseArgs({
  options: {
    tickets: { type: 'string', default: '3000' },
    rounds: { type: 'string', default: '3' },
    dialect: { type: 'string', default: 'sqlite' },
    write: { type: 'boolean', default: false },
    reports: { type: 'string' },
    inbox: { type: 'boolean', default: false },
  },
});
const TICKETS = Number(args.tickets);
const ROUNDS = Number(args.rounds);
const dialect = args.dialect as 'sqlite' | 'postgres';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Names a hook by its function's name, or by the feature function it calls (most hooks are arrow functions around one call). */
function hookName(stage: string, fn: (...a: never[]) => unknown): string {
  // A named hook function says what it is; an arrow around one call is named by that call.
  if (fn.name) return `${stage}: ${fn.name}`;
  const skip = new Set(['if', 'async', 'await', 'return', 'includes', 'parse', 'get', 'set', 'now', 'getTime', 'Date']);
  const calls = [...fn.toString().matchAll(/([A-Za-z_][\w.]*)\s*\(/g)].map((m) => m[1]!).filter((c) => !skip.has(c.split('.').pop()!) && !c.startsWith('JSON'));
  return `${stage}: ${calls[0] ?? 'anonymous'}`;
}

/** Wraps every hook so the time spent inside it is added to `spent` under its name. */
function timeHooks(lifecycle: TicketLifecycle, spent: Map<string, number>): void {
  for (const stage of ['beforeCreate', 'afterCreate'] as const) {
    const hooks = lifecycle[stage] as Array<(ctx: unknown) => Promise<void>>;
    hooks.forEach((hook, i) => {
      const name = hookName(stage, hook);
      hooks[i] = async (ctx) => {
        const started = performance.now();
        try {
          await hook(ctx);
        } finally {
          spent.set(name, (spent.get(name) ?? 0) + performance.now() - started);
        }
      };
    });
  }
}

async function openFresh(): Promise<{ db: Db; stop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'frontline-create-bench-'));
    const db = await openDatabase(join(dir, 'bench.db'));
    return { db, stop: async () => (await db.close(), rmSync(dir, { recursive: true, force: true })) };
  }
  const pg = await startEmbeddedPostgres({ durable: false });
  const db = await openDatabase(pg.url);
  return { db, stop: async () => (await db.close(), await pg.stop()) };
}

interface Sample {
  subject: string;
  body: string;
  email: string;
  name: string | null;
}

async function samples(deps: Deps): Promise<Sample[]> {
  const rows = await deps.db.kysely
    .selectFrom('tickets')
    .innerJoin('customers', 'customers.id', 'tickets.requester_id')
    .innerJoin('messages', 'messages.ticket_id', 'tickets.id')
    .where('messages.author_type', '=', 'customer')
    .select(['tickets.subject', 'messages.body_text', 'customers.email', 'customers.name'])
    .orderBy('tickets.number')
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.subject) && seen.add(r.subject)).map((r) => ({ subject: r.subject, body: r.body_text, email: r.email, name: r.name }));
}

/** Creates `count` tickets; returns the CPU ms per ticket, jobs included. */
async function round(deps: Deps, texts: Sample[], count: number, offset: number): Promise<number> {
  const started = cpuMs();
  for (let i = 0; i < count; i++) {
    const s = texts[(offset + i) % texts.length]!;
    // Vary the requester so per-customer signals (repeat contacts) see realistic histories.
    const n = (offset + i) % 500;
    await createTicket(deps, SYSTEM_ACTOR, { subject: s.subject, body: s.body, channel: 'email', requester: { email: `bench${n}@example.test`, name: s.name ?? `Bench ${n}` } });
  }
  const created = cpuMs();
  await deps.jobs.drain();
  jobCpu.push((cpuMs() - created) / count);
  return (cpuMs() - started) / count;
}
const jobCpu: number[] = [];

async function main() {
  const { db, stop } = await openFresh();
  await migrateToLatest(db);
  const config = loadConfig({ DATABASE_URL: dialect === 'sqlite' ? 'bench.db' : 'postgres://x', LOG_LEVEL: 'silent', FRONTLINE_DEMO: '0' });
  const deps = createDeps({ config, db, logger: createLogger('silent') });
  await seedDemo(deps);
  await deps.jobs.drain();
  const texts: Sample[] = args.inbox
    ? Array.from({ length: 300 + TICKETS * ROUNDS }, (_, i) => ({ ...inboxRequest(i), email: '', name: null }))
    : args.reports
    ? loadGitBugs(args.reports).reports.map((r) => ({ subject: r.subject.slice(0, 200) || 'Bug report', body: r.body.slice(0, 4_000) || r.subject, email: '', name: null }))
    : await samples(deps);

  // The ticket core alone: the same database and service, no hooks, listeners or jobs.
  const bare: Deps = { ...deps, lifecycle: emptyLifecycle(), events: new EventBus(() => undefined) };
  const spent = new Map<string, number>();
  timeHooks(deps.lifecycle, spent);

  const warm = Math.min(300, TICKETS);
  await round(deps, texts, warm, 0);
  await round(bare, texts, warm, 0);
  spent.clear();
  jobCpu.length = 0;
  const full: number[] = [];
  const core: number[] = [];
  let offset = warm;
  for (let r = 0; r < ROUNDS; r++) {
    full.push(await round(deps, texts, TICKETS, offset));
    core.push(await round(bare, texts, TICKETS, offset));
    offset += TICKETS;
  }
  const jobs = dialect === 'sqlite' ? await deps.db.kysely.selectFrom('jobs').select(['name', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('name').orderBy('n', 'desc').execute() : [];
  const created = Number((await deps.db.kysely.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  await stop();

  const perTicket = (ms: number) => ms / (TICKETS * ROUNDS);
  const hooks = [...spent].sort((a, b) => b[1] - a[1]);
  const fullMs = median(full);
  const coreMs = median(core);
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, ${dialect}, with \`npx tsx bench/ticket-create.ts --tickets ${TICKETS} --rounds ${ROUNDS}${dialect === 'postgres' ? ' --dialect postgres' : ''}${args.inbox ? ' --inbox' : ''}\` (load average ${loadavg()[0]!.toFixed(1)} at the end). ${TICKETS} tickets per round after ${warm} warm-up ones, demo help desk seeded, texts ${args.inbox ? 'of bench/lib/inbox.ts, each different' : args.reports ? `from the ${texts.length} GitBugs reports of --reports` : `of the ${texts.length} demo tickets, repeated`}, median of ${ROUNDS} rounds; CPU time of the process, jobs the tickets scheduled run and included.`,
    '',
    '| measure | CPU ms per ticket |',
    '|---|---|',
    `| \`createTicket\` with every feature (triage, routing, incidents, SLA, surveys, e-mail, webhooks, automations, analytics, monitors) | **${fullMs.toFixed(3)}** |`,
    `| … of which running the jobs the tickets scheduled | ${median(jobCpu.filter((_, i) => i % 2 === 0)).toFixed(3)} |`,
    `| baseline: the ticket core alone (no hooks, listeners or jobs), same run | ${coreMs.toFixed(3)} |`,
    `| ratio | ${(fullMs / coreMs).toFixed(2)}× |`,
    '',
    '| hook (time inside it, mean per ticket) | ms |',
    '|---|---|',
    ...hooks.map(([name, ms]) => `| ${name} | ${perTicket(ms).toFixed(3)} |`),
    ...(jobs.length ? ['', `| job (rows in the jobs table over ${created} tickets, demo included) | per ticket |`, '|---|---|', ...jobs.map((j) => `| ${j.name} | ${(Number(j.n) / created).toFixed(2)} |`)] : []),
  ];
  const table = lines.join('\n');
  console.log(table);
  if (args.write) {
    const path = 'docs/benchmarks.md';
    const doc = readFileSync(path, 'utf8');
    const start = '<!-- bench:ticket-create:start -->';
    const end = '<!-- bench:ticket-create:end -->';
    if (!doc.includes(start)) throw new Error(`docs/benchmarks.md has no ${start} marker`);
    writeFileSync(path, doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), `${start}\n${table}\n${end}`));
    console.log('written into docs/benchmarks.md');
  }
}

await main();
