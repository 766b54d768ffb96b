/**
 * SLA benchmark: due-time computation, the timer sweep over a million open tickets, and 10,000
 * breaches at once, each beside a baseline measured in the same run. Results go to
 * bench/results/ and into docs/benchmarks.md between the `bench:sla` markers.
 *
 *   npx tsx bench/sla.ts                                 # 1,000,000 tickets, 10,000 breaches, SQLite and PostgreSQL plans
 *   npx tsx bench/sla.ts --tickets 100000 --no-postgres  # smaller, SQLite only
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { createDeps } from '../src/app.js';
import { ManualClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config/config.js';
import type { Deps } from '../src/platform/context.js';
import { BulkInsert } from '../src/platform/db/bulk-insert.js';
import { openDatabase, type Db } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import type { Database, TicketRow } from '../src/platform/db/tables.js';
import { newId } from '../src/platform/ids.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { AROUND_THE_CLOCK, BusinessCalendar, calendarClock, type SlaClock } from '../src/sla/calendar.js';
import { closedDates } from '../src/sla/holidays.js';
import { fireDue, nextActionAt, startSla, type AppliedTargets } from '../src/sla/sla.engine.js';
import { DEFAULT_TARGETS } from '../src/sla/sla.settings.js';
import { dueTicketsQuery } from '../src/sla/sla.store.js';
import { processTicket, sweepDueTickets } from '../src/sla/sla.timers.js';
import { startEmbeddedPostgres } from '../src/test-support/embedded-postgres.js';

const { values: args } = parseArgs({
  options: {
    tickets: { type: 'string', default: '1000000' },
    breaches: { type: 'string', default: '10000' },
    compute: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '5' },
    'no-postgres': { type: 'boolean', default: false },
    'pg-tickets': { type: 'string' },
    'pg-plan-only': { type: 'boolean', default: false },
  },
});
const TICKETS = Number(args.tickets);
const BREACHES = Number(args.breaches);
const COMPUTE = Number(args.compute);
const ROUNDS = Number(args.rounds);
const PG_TICKETS = Number(args['pg-tickets'] ?? args.tickets);
const T0 = Date.parse('2026-03-02T10:00:00.000Z');
const H = 3_600_000;

const log = (line: string) => process.stderr.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function calendar(zone: string, country: string, state?: string): BusinessCalendar {
  const hours = [1, 2, 3, 4, 5].map((day) => ({ day, startMinute: 9 * 60, endMinute: 17 * 60 }));
  return new BusinessCalendar({ timeZone: zone, hours, closedDates: (year) => closedDates({ country, state }, year) });
}

function targets(tier: number, clock: SlaClock): AppliedTargets {
  const t = DEFAULT_TARGETS[tier]!;
  return { policyId: null, policyName: 'Default', calendarId: null, clock, warnPercent: 75, firstResponseMinutes: t.firstResponseMinutes, resolutionMinutes: t.resolutionMinutes, nextReplyMinutes: null };
}

/** Tickets per second computing a new ticket's SLA state (due and warning times) and its stored JSON. */
function computeRate(created: Float64Array, tiers: Uint8Array, clockFor: (i: number) => SlaClock, withJson = false): number {
  const started = performance.now();
  let sink = 0;
  for (let i = 0; i < created.length; i++) {
    const state = startSla(targets(tiers[i]!, clockFor(i)), created[i]!, false);
    sink += withJson ? JSON.stringify(state).length : state.metrics.resolution!.dueAt!.length;
  }
  if (sink === 0) throw new Error('unreachable');
  return created.length / ((performance.now() - started) / 1000);
}

function benchCompute() {
  log(`== due-time computation, ${COMPUTE} tickets × ${ROUNDS} rounds`);
  const created = new Float64Array(COMPUTE);
  const tiers = new Uint8Array(COMPUTE);
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < COMPUTE; i++) {
    created[i] = Date.parse('2026-01-01T00:00:00Z') + random() * 365 * 24 * H;
    tiers[i] = 1 + Math.floor(random() * 4);
  }
  const fresh = () => [calendar('Europe/Berlin', 'DE'), calendar('America/New_York', 'US'), calendar('Australia/Sydney', 'AU', 'NSW')].map(calendarClock);
  const clocks = fresh();
  // Tier 1 runs around the clock (the default); the others on one of three business calendars.
  const onCalendars = (i: number) => (tiers[i] === 1 ? AROUND_THE_CLOCK : clocks[i % 3]!);
  const cold = computeRate(created, tiers, onCalendars);
  const warm: number[] = [];
  const json: number[] = [];
  const baseline: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    warm.push(computeRate(created, tiers, onCalendars));
    json.push(computeRate(created, tiers, onCalendars, true));
    baseline.push(computeRate(created, tiers, () => AROUND_THE_CLOCK));
  }
  return { cold, warm: median(warm), withJson: median(json), baseline: median(baseline) };
}

const TICKET_COLUMNS = [
  'id', 'number', 'external_id', 'subject', 'status', 'priority', 'category', 'channel', 'requester_id', 'organisation_id', 'assignee_id',
  'group_id', 'tags', 'custom_fields', 'triage', 'sla', 'sla_next_due_at', 'version', 'created_at', 'updated_at', 'first_response_at',
  'solved_at', 'closed_at',
] as const;

/**
 * Writes `count` open tickets. The first `breaches` have had their first-response warning and
 * are due at T0; the rest are due hours to days later.
 */
export async function seedTickets(db: Db, count: number, breaches: number): Promise<string> {
  const now = new Date(T0).toISOString();
  const customer = newId();
  await db.kysely.insertInto('customers').values({ id: customer, email: 'bench@example.test', name: 'Bench', organisation_id: null, created_at: now, updated_at: now }).execute();
  const insert = new BulkInsert<TicketRow>('tickets', [...TICKET_COLUMNS]);
  const due = fireDue(startSla(targets(1, AROUND_THE_CLOCK), T0 - H, false), T0 - 15 * 60_000).state;
  const dueJson = JSON.stringify(due);
  const batch = 5_000;
  for (let start = 0; start < count; start += batch) {
    const rows: TicketRow[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const isDue = i < breaches;
      const created = isDue ? T0 - H : T0 - ((i * 7919) % (30 * 60_000));
      const state = isDue ? due : startSla(targets(3, AROUND_THE_CLOCK), created, false);
      const at = new Date(created).toISOString();
      rows.push({
        id: newId(), number: i + 1, external_id: null, subject: `Ticket ${i}`, status: 'open', priority: isDue ? 1 : 3, category: null, channel: 'api',
        requester_id: customer, organisation_id: null, assignee_id: null, group_id: null, tags: '[]', custom_fields: '{}', triage: null,
        sla: isDue ? dueJson : JSON.stringify(state), sla_next_due_at: nextActionAt(state), version: 1, created_at: at, updated_at: at,
        first_response_at: null, solved_at: null, closed_at: null,
      });
    }
    await db.transaction((trx) => insert.insert(trx, rows));
  }
  // The next ticket the app creates takes the number after these (a counter on SQLite, a sequence on PostgreSQL).
  if (db.dialect === 'postgres') await sql`SELECT setval('ticket_number_seq', ${count})`.execute(db.kysely);
  else await db.kysely.updateTable('counters').set({ value: count }).where('name', '=', 'ticket_number').execute();
  return dueJson;
}

async function explainSweep(db: Db): Promise<string> {
  const compiled = dueTicketsQuery(db.kysely, new Date(T0).toISOString(), 500).compile();
  const prefix = db.dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF, SUMMARY OFF) ';
  const result = await db.kysely.executeQuery(CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]));
  return (result.rows as Array<Record<string, unknown>>).map((r) => String(r.detail ?? r['QUERY PLAN'])).join('\n');
}

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

/** What the sweep reads when nothing is due, against reading every open ticket's due time (no index). */
async function sweepReads(deps: Deps, clock: ManualClock) {
  clock.set(new Date(T0 - 1));
  const idle: number[] = [];
  for (let r = 0; r < ROUNDS; r++) idle.push((await time(() => sweepDueTickets(deps))).ms);
  const scan: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    scan.push((await time(() => sql`SELECT count(*) AS n FROM tickets NOT INDEXED WHERE sla_next_due_at <= ${new Date(T0).toISOString()}`.execute(deps.db.kysely))).ms);
  }
  return { idleMs: median(idle), scanMs: median(scan) };
}

async function resetDue(db: Kysely<Database>, dueJson: string): Promise<void> {
  await db.updateTable('tickets').set({ sla: dueJson, sla_next_due_at: new Date(T0).toISOString() }).where('number', '<=', BREACHES).execute();
}

async function benchSqlite(scratch: string) {
  const url = join(scratch, 'sla.sqlite');
  const db = await openDatabase(url);
  await migrateToLatest(db);
  const clock = new ManualClock(new Date(T0));
  const deps = createDeps({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', FRONTLINE_DEMO: '0' }), db, logger: createLogger('silent'), clock });
  log(`== SQLite: writing ${TICKETS} open tickets (${BREACHES} due at once)`);
  const seeded = await time(() => seedTickets(db, TICKETS, BREACHES));
  const dueJson = seeded.result;
  log(`   ${(seeded.ms / 1000).toFixed(1)} s`);
  const plan = await explainSweep(db);
  const reads = await sweepReads(deps, clock);

  clock.set(new Date(T0));
  log(`== SQLite: ${BREACHES} breaches through the sweep`);
  const sweep = await time(() => sweepDueTickets(deps));

  // The same breaches through their persisted timer jobs, as the worker runs them.
  await resetDue(db.kysely, dueJson);
  const ids = await db.kysely.selectFrom('tickets').select('id').where('number', '<=', BREACHES).execute();
  for (let i = 0; i < ids.length; i += 1_000) {
    await db.transaction(async (trx) => {
      for (const { id } of ids.slice(i, i + 1_000)) await deps.jobs.enqueue('sla.timer', { ticketId: id, metric: 'firstResponse' }, { key: `${id}:firstResponse`, trx });
    });
  }
  log(`== SQLite: ${BREACHES} breaches through timer jobs`);
  const jobs = await time(async () => {
    deps.jobs.start();
    for (;;) {
      const left = await db.kysely.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('name', '=', 'sla.timer').where('status', 'in', ['waiting', 'running']).where('run_at', '<=', new Date(T0).toISOString()).executeTakeFirstOrThrow();
      if (Number(left.n) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await deps.jobs.stop();
  });
  const audited = await db.kysely.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'sla.breached').executeTakeFirstOrThrow();

  // Baseline: the same rows read and written back, one transaction each, 8 at a time, no SLA logic.
  await resetDue(db.kysely, dueJson);
  const baseline = await time(async () => {
    for (let i = 0; i < ids.length; i += 8) {
      await Promise.all(
        ids.slice(i, i + 8).map(({ id }) =>
          db.transaction(async (trx) => {
            const row = await trx.selectFrom('tickets').select(['sla']).where('id', '=', id).executeTakeFirstOrThrow();
            await trx.updateTable('tickets').set({ sla: row.sla, sla_next_due_at: null }).where('id', '=', id).execute();
          }),
        ),
      );
    }
  });
  // One more breach after the baseline, so the processing path is also timed on a single ticket.
  await resetDue(db.kysely, dueJson);
  const single = await time(() => processTicket(deps, ids[0]!.id));
  await db.close();
  return { seedSeconds: seeded.ms / 1000, plan, ...reads, sweepMs: sweep.ms, sweepFired: sweep.result, jobsMs: jobs.ms, breachesAudited: Number(audited.n), baselineMs: baseline.ms, singleMs: single.ms };
}

async function benchPostgresPlan(): Promise<{ plan: string; seedSeconds: number } | null> {
  if (args['no-postgres']) return null;
  const server = await startEmbeddedPostgres({ durable: false });
  try {
    const db = await openDatabase(server.url, { poolSize: 4 });
    await migrateToLatest(db);
    log(`== PostgreSQL: writing ${PG_TICKETS} open tickets for the plan`);
    const seeded = await time(() => seedTickets(db, PG_TICKETS, BREACHES));
    await sql`ANALYZE tickets`.execute(db.kysely);
    const plan = await explainSweep(db);
    await db.close();
    return { plan, seedSeconds: seeded.ms / 1000 };
  } finally {
    await server.stop();
  }
}

function markdown(compute: ReturnType<typeof benchCompute>, sqlite: Awaited<ReturnType<typeof benchSqlite>>, pg: Awaited<ReturnType<typeof benchPostgresPlan>>, machine: string, date: string, command: string): string {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return [
    `Measured ${date} on ${machine}, with \`${command}\`.`,
    '',
    '| measure | result | baseline (same run) |',
    '|---|---|---|',
    `| due-time computation: a new ticket's SLA state with its due and warning times (tiers 2–4 on Berlin / New York / Sydney calendars with holidays, Tier 1 around the clock), median of ${ROUNDS} | ${n(compute.warm)} tickets/s | ${n(compute.baseline)} tickets/s with every tier around the clock |`,
    `| … the same plus the JSON stored on the ticket | ${n(compute.withJson)} tickets/s | |`,
    `| … first round, calendars' day cache empty (holidays computed, zones looked up) | ${n(compute.cold)} tickets/s | |`,
    `| sweep with ${n(TICKETS)} open tickets and nothing due, median of ${ROUNDS} | ${sqlite.idleMs.toFixed(2)} ms | ${sqlite.scanMs.toFixed(0)} ms reading every ticket's \`sla_next_due_at\` (NOT INDEXED) |`,
    `| ${n(BREACHES)} simultaneous breaches through the sweep (SQLite) | ${s(sqlite.sweepMs)} (${n(sqlite.sweepFired)} fired) | ${s(sqlite.baselineMs)} reading and writing back the same rows, one transaction each |`,
    `| ${n(BREACHES)} simultaneous breaches through their timer jobs (SQLite, worker running) | ${s(sqlite.jobsMs)} | |`,
    `| \`sla.breached\` audit events after both runs | ${n(sqlite.breachesAudited)} | ${n(2 * BREACHES)} expected |`,
    '',
    `The sweep query's plan (SQLite, ${n(TICKETS)} tickets):`,
    '',
    '```',
    sqlite.plan,
    '```',
    ...(pg ? ['', `PostgreSQL (${n(PG_TICKETS)} tickets, after ANALYZE, rows as executed):`, '', '```', pg.plan, '```'] : []),
  ].join('\n');
}

async function main(): Promise<void> {
  if (args['pg-plan-only']) {
    const pg = await benchPostgresPlan();
    log(`PostgreSQL, ${PG_TICKETS} tickets written in ${pg?.seedSeconds.toFixed(1)} s:\n${pg?.plan}`);
    return;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'frontline-sla-bench-'));
  try {
    const compute = benchCompute();
    log(JSON.stringify(compute));
    const sqlite = await benchSqlite(scratch);
    log(JSON.stringify({ ...sqlite, plan: undefined }));
    const pg = await benchPostgresPlan();
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`;
    const date = new Date().toISOString().slice(0, 10);
    const command = `npx tsx bench/sla.ts${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(new URL(`./results/sla-${date}.json`, import.meta.url), JSON.stringify({ machine, date, compute, sqlite, pg }, null, 2));
    const table = markdown(compute, sqlite, pg, machine, date, command);
    log(`\n${table}`);
    const docsUrl = new URL('../docs/benchmarks.md', import.meta.url);
    const docs = readFileSync(docsUrl, 'utf8');
    const start = '<!-- bench:sla:start -->';
    const end = '<!-- bench:sla:end -->';
    if (docs.includes(start)) {
      writeFileSync(docsUrl, `${docs.slice(0, docs.indexOf(start) + start.length)}\n${table}\n${docs.slice(docs.indexOf(end))}`);
      log('docs/benchmarks.md updated');
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// Run as a script (not when a debugging script imports seedTickets).
if (process.argv[1]?.endsWith('sla.ts')) await main();
