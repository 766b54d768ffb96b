import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from '../clock.js';
import { openDatabase, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createLogger } from '../logging/logger.js';
import { freshDatabaseUrl } from '../../test-support/databases.js';
import { PgBossJobQueue } from './pg-boss-queue.js';

// The pg-boss queue exists for PostgreSQL only; SQLite keeps the table queue (table-queue.test.ts).
describe('job queue on pg-boss (postgres)', () => {
  let db: Db;
  let url: string;
  let drop: () => Promise<void>;
  const clock = new ManualClock();
  const logger = createLogger('silent');

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl('postgres');
    ({ url, drop } = fresh);
    db = await openDatabase(url, { poolSize: 6 });
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it('runs a due job once, and a delayed job only when its time comes', async () => {
    const queue = new PgBossJobQueue(db, clock, logger);
    const seen: string[] = [];
    queue.register<{ word: string }>('echo', async (payload) => void seen.push(payload.word));
    await queue.enqueue('echo', { word: 'now' });
    await queue.enqueue('echo', { word: 'later' }, { runAt: new Date(clock.now().getTime() + 60_000) });
    expect(await queue.drain()).toBe(1);
    expect(seen).toEqual(['now']);
    expect(await queue.drain()).toBe(0);
    clock.advance(60_000);
    expect(await queue.drain()).toBe(1);
    expect(seen).toEqual(['now', 'later']);
    const rows = await sql<{ state: string }>`SELECT state FROM pgboss.job WHERE name = 'echo'`.execute(db.kysely);
    expect(rows.rows.map((r) => r.state)).toEqual(['completed', 'completed']);
  });

  it('retries a failing job with back-off and gives up after maxAttempts', async () => {
    const queue = new PgBossJobQueue(db, clock, logger);
    const attempts: number[] = [];
    queue.register('flaky', async (_payload, job) => {
      attempts.push(job.attempt);
      throw new Error(`failure ${job.attempt}`);
    }, { backoffMs: 1_000 });
    const id = await queue.enqueue('flaky', {}, { maxAttempts: 3 });
    expect(await queue.drain()).toBe(1);
    clock.advance(999);
    expect(await queue.drain()).toBe(0);
    clock.advance(1);
    expect(await queue.drain()).toBe(1);
    clock.advance(2_000);
    expect(await queue.drain()).toBe(1);
    clock.advance(10_000_000);
    expect(await queue.drain()).toBe(0);
    expect(attempts).toEqual([1, 2, 3]);
    const row = await sql<{ state: string; output: { message: string } }>`SELECT state, output FROM pgboss.job WHERE id = ${id}::uuid`.execute(db.kysely);
    expect(row.rows[0]).toMatchObject({ state: 'failed', output: { message: 'failure 3' } });
  });

  it('keeps one waiting job per key, and replaces it when asked', async () => {
    const queue = new PgBossJobQueue(db, clock, logger);
    const seen: number[] = [];
    queue.register<{ n: number }>('keyed', async (payload) => void seen.push(payload.n));
    const first = await queue.enqueue('keyed', { n: 1 }, { key: 'ticket-1' });
    expect(await queue.enqueue('keyed', { n: 2 }, { key: 'ticket-1' })).toBe(first);
    expect(await queue.enqueue('keyed', { n: 3 }, { key: 'ticket-1', replace: true })).toBe(first);
    await queue.enqueue('keyed', { n: 4 }, { key: 'ticket-2' });
    expect(await queue.cancel('keyed', 'ticket-2')).toBe(true);
    // Concurrent enqueues with one key still make one job.
    const ids = await Promise.all([5, 6, 7, 8].map((n) => queue.enqueue('keyed', { n }, { key: 'ticket-3' })));
    expect(new Set(ids).size).toBe(1);
    expect((await queue.waiting('keyed')).map((j) => [j.key, (j.payload as { n: number }).n < 5 ? j.payload : 'one of 5–8'])).toEqual([
      ['ticket-1', { n: 3 }],
      ['ticket-3', 'one of 5–8'],
    ]);
    await queue.drain();
    expect(await queue.waiting('keyed')).toEqual([]);
    // The first of the concurrent enqueues to take the key's lock wins; the others merge into it.
    seen.sort((a, b) => a - b);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(3);
    expect([5, 6, 7, 8]).toContain(seen[1]);
    expect(await queue.enqueue('keyed', { n: 9 }, { key: 'ticket-1' })).not.toBe(first);
  });

  it("writes a job with the caller's transaction: rolled back, it never exists", async () => {
    const queue = new PgBossJobQueue(db, clock, logger);
    let ran = 0;
    queue.register('tx', async () => void (ran += 1));
    await expect(
      db.transaction(async (trx) => {
        await queue.enqueue('tx', {}, { trx });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await queue.drain()).toBe(0);
    await db.transaction((trx) => queue.enqueue('tx', {}, { trx }));
    expect(await queue.drain()).toBe(1);
    expect(ran).toBe(1);
  });

  it('keeps jobs across a restart: a new queue over the same database runs them', async () => {
    const before = new PgBossJobQueue(db, clock, logger);
    await before.enqueue('survivor', { n: 1 }, { runAt: new Date(clock.now().getTime() + 1_000) });
    const after = new PgBossJobQueue(db, clock, logger);
    const seen: number[] = [];
    after.register<{ n: number }>('survivor', async (p) => void seen.push(p.n));
    clock.advance(1_000);
    expect(await after.drain()).toBe(1);
    expect(seen).toEqual([1]);
  });

  it("retries a job whose worker died, through pg-boss's maintenance", async () => {
    // Maintenance works on the database's clock (it also archives jobs kept past their retention), so this test runs on today's date.
    const clock = new ManualClock(new Date());
    const dead = new PgBossJobQueue(db, clock, logger);
    dead.register('lease', () => new Promise<void>(() => {}));
    await dead.enqueue('lease', {});
    void dead.drain();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sql`UPDATE pgboss.job SET started_on = now() - interval '1 hour' WHERE name = 'lease'`.execute(db.kysely);
    const alive = new PgBossJobQueue(db, clock, logger);
    let ran = 0;
    alive.register('lease', async () => void (ran += 1));
    await alive.maintain();
    const row = await sql<{ state: string }>`SELECT state FROM pgboss.job WHERE name = 'lease'`.execute(db.kysely);
    expect(row.rows).toEqual([{ state: 'retry' }]);
    clock.advance(3_600_000);
    expect(await alive.drain()).toBe(1);
    expect(ran).toBe(1);
  });

  it('two workers on separate connections never run one job twice', async () => {
    const other = await openDatabase(url, { poolSize: 4 });
    try {
      const counts = new Map<number, number>();
      const workers = [db, other].map((pool) => {
        const queue = new PgBossJobQueue(pool, systemClock, logger);
        queue.register<{ n: number }>('race', async (payload) => {
          counts.set(payload.n, (counts.get(payload.n) ?? 0) + 1);
          await new Promise((resolve) => setTimeout(resolve, 1));
        }, { concurrency: 4 });
        return queue;
      });
      for (let n = 0; n < 200; n++) await workers[0]!.enqueue('race', { n });
      // Both polling in the background, as two worker nodes would …
      for (const w of workers) w.start();
      const deadline = Date.now() + 20_000;
      while (counts.size < 200 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      await Promise.all(workers.map((w) => w.stop()));
      // … and draining at the same time, as two CLI commands would.
      for (let n = 200; n < 400; n++) await workers[1]!.enqueue('race', { n });
      const [a, b] = await Promise.all(workers.map((w) => w.drain()));
      expect(a! + b!).toBe(200);
      expect(counts.size).toBe(400);
      expect([...counts.values()].every((c) => c === 1)).toBe(true);
    } finally {
      await other.close();
    }
  });
});
