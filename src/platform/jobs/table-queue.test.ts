import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { openDatabase, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createLogger } from '../logging/logger.js';
import { DIALECTS, freshDatabaseUrl } from '../../test-support/databases.js';
import { backoffDelay } from './polling-queue.js';
import { purgeFinishedJobs, TableJobQueue } from './table-queue.js';

describe.each(DIALECTS)('job queue on %s', (dialect) => {
  let db: Db;
  let drop: () => Promise<void>;
  const clock = new ManualClock();
  const logger = createLogger('silent');

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl(dialect);
    drop = fresh.drop;
    db = await openDatabase(fresh.url, { poolSize: 6 });
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it('runs a due job once, and a delayed job only when its time comes', async () => {
    const queue = new TableJobQueue(db, clock, logger);
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
  });

  it('retries a failing job with back-off and gives up after maxAttempts', async () => {
    const queue = new TableJobQueue(db, clock, logger);
    let calls = 0;
    queue.register('flaky', async () => {
      calls += 1;
      throw new Error(`failure ${calls}`);
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
    const row = await db.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_error: 'failure 3' });
    expect(backoffDelay(1_000, 1)).toBe(1_000);
    expect(backoffDelay(1_000, 30)).toBe(3_600_000);
  });

  it('keeps one waiting job per key, and replaces it when asked', async () => {
    const queue = new TableJobQueue(db, clock, logger);
    const seen: number[] = [];
    queue.register<{ n: number }>('keyed', async (payload) => void seen.push(payload.n));
    const first = await queue.enqueue('keyed', { n: 1 }, { key: 'ticket-1' });
    expect(await queue.enqueue('keyed', { n: 2 }, { key: 'ticket-1' })).toBe(first);
    expect(await queue.enqueue('keyed', { n: 3 }, { key: 'ticket-1', replace: true })).toBe(first);
    await queue.enqueue('keyed', { n: 4 }, { key: 'ticket-2' });
    expect(await queue.cancel('keyed', 'ticket-2')).toBe(true);
    await queue.drain();
    expect(seen).toEqual([3]);
    // Once the keyed job has run, the key is free again.
    expect(await queue.enqueue('keyed', { n: 5 }, { key: 'ticket-1' })).not.toBe(first);
  });

  it('writes a job with the caller\'s transaction: rolled back, it never exists', async () => {
    const queue = new TableJobQueue(db, clock, logger);
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

  it('takes over a job whose worker died after its lease ran out', async () => {
    const dead = new TableJobQueue(db, clock, logger);
    dead.register('lease', () => new Promise<void>(() => {}));
    await dead.enqueue('lease', {});
    void dead.drain();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const alive = new TableJobQueue(db, clock, logger);
    let ran = 0;
    alive.register('lease', async () => void (ran += 1));
    expect(await alive.drain()).toBe(0);
    clock.advance(5 * 60_000 + 1);
    expect(await alive.drain()).toBe(1);
    expect(ran).toBe(1);
  });

  it('runs jobs in the background once started, and purges old finished ones', async () => {
    const queue = new TableJobQueue(db, clock, logger);
    const done = new Promise<void>((resolve) => queue.register('bg', async () => resolve()));
    queue.start();
    await queue.enqueue('bg', {});
    await done;
    await queue.stop();
    clock.advance(8 * 24 * 3_600_000);
    expect(await purgeFinishedJobs(db.kysely, clock)).toBeGreaterThan(0);
  });

  if (dialect === 'postgres') {
    it('two workers polling at once never run one job twice', async () => {
      const counts = new Map<number, number>();
      const workers = [0, 1].map(() => {
        const queue = new TableJobQueue(db, clock, logger);
        queue.register<{ n: number }>('race', async (payload) => {
          counts.set(payload.n, (counts.get(payload.n) ?? 0) + 1);
          await new Promise((resolve) => setTimeout(resolve, 1));
        }, { concurrency: 4 });
        return queue;
      });
      for (let n = 0; n < 200; n++) await workers[0]!.enqueue('race', { n });
      const [a, b] = await Promise.all(workers.map((w) => w.drain()));
      expect(a! + b!).toBe(200);
      expect(counts.size).toBe(200);
      expect([...counts.values()].every((c) => c === 1)).toBe(true);
    });
  }
});
