/**
 * Automations and webhooks benchmark (SQLite, in-process, no HTTP):
 *   1. ticket creation with no rules and no subscriptions, then with one active rule and one `*`
 *      webhook (the hooks queue two jobs in each ticket's transaction): the cost on the request path;
 *   2. rule passes drained (10 rules per pass, one fires);
 *   3. webhook deliveries drained to a real HTTP receiver on loopback;
 *   4. the time-rule sweep over a seeded table (synthetic tickets): first sweep (fires) and the next one.
 *
 *   npx tsx bench/automations.ts [--tickets 2000] [--seed 100000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDeps } from '../src/app.js';
import { sql } from 'kysely';
import { forgetActiveTriggers } from '../src/automations/active-rules.js';
import { createAutomation } from '../src/automations/automations.service.js';
import { sweepJob } from '../src/automations/sweep.js';
import { SYSTEM_ACTOR } from '../src/platform/auth/principal.js';
import { ManualClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { seedSyntheticTickets } from '../src/seed/synthetic.js';
import { startReceiver } from '../src/test-support/http-receiver.js';
import { createTicket } from '../src/tickets/tickets.service.js';
import { createWebhook, deleteWebhook } from '../src/webhooks/webhooks.service.js';
import type { Deps } from '../src/platform/context.js';

const { values: args } = parseArgs({ options: { tickets: { type: 'string', default: '2000' }, seed: { type: 'string', default: '100000' } } });
const N = Number(args.tickets);
const SEED = Number(args.seed);

const seconds = (start: number) => (performance.now() - start) / 1000;
const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en');

async function createMany(deps: Deps, n: number, label: string): Promise<number> {
  const start = performance.now();
  // 8 at a time, as concurrent requests would (SQLite groups them into one commit).
  for (let i = 0; i < n; i += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, n - i) }, (_, j) =>
        createTicket(deps, SYSTEM_ACTOR, { subject: `${label} ${i + j}: refund for invoice`, body: 'I was charged twice for my invoice', requester: { email: `b${(i + j) % 500}@bench.test` } }),
      ),
    );
  }
  return seconds(start);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'frontline-bench-automations-'));
  const db = await openDatabase(join(dir, 'bench.db'));
  await migrateToLatest(db);
  const clock = new ManualClock(new Date('2026-11-26T12:00:00.000Z'));
  const deps = createDeps({ config: loadConfig({ DATABASE_URL: join(dir, 'bench.db'), LOG_LEVEL: 'silent', FRONTLINE_DEMO: '0' }), db, logger: createLogger('silent'), clock });
  const receiver = await startReceiver([], 200);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}; ${N} tickets per phase`);
  try {
    await createMany(deps, 200, 'warm-up');
    const plain = await createMany(deps, N, 'plain');
    console.log(`create, no rules, no webhooks:   ${rate(N, plain)} tickets/s`);

    for (let i = 0; i < 9; i++) {
      await createAutomation(deps, SYSTEM_ACTOR, { name: `miss ${i}`, trigger: 'ticket.created', conditions: { all: [{ field: 'ticket.subject', operator: 'contains', value: `never-${i}` }], any: [] }, actions: [{ type: 'add_tags', tags: ['x'] }] });
    }
    await createAutomation(deps, SYSTEM_ACTOR, { name: 'hit', trigger: 'ticket.created', conditions: { all: [{ field: 'ticket.subject', operator: 'contains', value: 'refund' }], any: [{ field: 'requester.domain', operator: 'is', value: 'bench.test' }] }, actions: [{ type: 'add_tags', tags: ['refund'] }] });
    const hook = await createWebhook(deps, SYSTEM_ACTOR, { name: 'bench', url: receiver.url, events: ['*'] });
    await deps.jobs.drain();
    const hooked = await createMany(deps, N, 'hooked');
    console.log(`create, 10 rules + 1 webhook:     ${rate(N, hooked)} tickets/s (×${(hooked / plain).toFixed(2)} the time of the first run)`);
    // Leave only the rule passes queued, then only the deliveries.
    await deleteWebhook(deps, SYSTEM_ACTOR, hook.id);
    let start = performance.now();
    let ran = await deps.jobs.drain();
    console.log(`rule passes (10 rules, 1 fires): ${rate(ran, seconds(start))} jobs/s (${ran} jobs incl. follow-up passes and dropped dispatches)`);

    await db.kysely.updateTable('automations').set({ active: 0 }).execute();
    forgetActiveTriggers(deps);
    const live = await createWebhook(deps, SYSTEM_ACTOR, { name: 'bench 2', url: receiver.url, events: ['ticket.created'] });
    const before = receiver.requests.length;
    await createMany(deps, N, 'delivered');
    start = performance.now();
    ran = await deps.jobs.drain();
    const delivered = receiver.requests.length - before;
    console.log(`webhook deliveries (loopback):    ${rate(delivered, seconds(start))} deliveries/s, one at a time (${ran} jobs)`);
    await deleteWebhook(deps, SYSTEM_ACTOR, live.id);

    start = performance.now();
    await seedSyntheticTickets(deps, SEED, { seed: 7 });
    console.log(`seeded ${SEED.toLocaleString('en')} synthetic tickets in ${seconds(start).toFixed(1)} s`);
    const pending = await db.kysely.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
    await createAutomation(deps, SYSTEM_ACTOR, {
      name: 'stale pending',
      trigger: 'time',
      conditions: { all: [{ field: 'ticket.status', operator: 'is', value: 'pending' }, { field: 'ticket.updatedAt', operator: 'hours_since_greater_than', value: 72 }], any: [] },
      actions: [{ type: 'add_tags', tags: ['stale'] }],
    });
    await db.kysely.deleteFrom('jobs').execute();
    start = performance.now();
    await sweepJob(deps);
    const first = seconds(start);
    const fired = await db.kysely.selectFrom('automation_runs').select((eb) => eb.fn.countAll<number>().as('n')).where('fire_key', 'like', 'time:%').executeTakeFirstOrThrow();
    console.log(`sweep 1: ${Number(fired.n)} of ${Number(pending.n)} pending tickets fired in ${first.toFixed(2)} s (${rate(Number(fired.n), first)} fires/s; cap 2,000 per rule per sweep)`);
    start = performance.now();
    await sweepJob(deps);
    const total = await db.kysely.selectFrom('automation_runs').select((eb) => eb.fn.countAll<number>().as('n')).where('fire_key', 'like', 'time:%').executeTakeFirstOrThrow();
    console.log(`sweep 2: ${Number(total.n) - Number(fired.n)} more fired in ${seconds(start).toFixed(2)} s`);
    start = performance.now();
    await sweepJob(deps);
    console.log(`sweep 3 (nothing left to fire): ${(seconds(start) * 1000).toFixed(1)} ms`);
    const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT id, created_at, updated_at FROM tickets WHERE status IN ('pending') AND updated_at <= '2026-11-20T00:00:00.000Z' ORDER BY updated_at, id LIMIT 200`.execute(db.kysely);
    console.log(`candidate query plan: ${plan.rows.map((r) => r.detail).join('; ')}`);
  } finally {
    await receiver.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
