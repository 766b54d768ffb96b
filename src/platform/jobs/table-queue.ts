import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Database, JobRow } from '../db/tables.js';
import { newId } from '../ids.js';
import type { Logger } from '../logging/logger.js';
import type { EnqueueOptions, HandlerOptions, JobContext, JobHandler, JobQueue, WaitingJob } from './queue.js';

const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 3_600_000;
/** A running job whose worker has not finished it within the lease is taken again (worker died). */
const LEASE_MS = 5 * 60_000;
const POLL_MS = 500;
/** Jobs claimed per poll and job name. */
const CLAIM_BATCH = 20;

interface Registration {
  handler: JobHandler<unknown>;
  backoffMs: number;
  concurrency: number;
  running: number;
}

/** Back-off before attempt `attempt + 1`: base × 2^(attempt − 1), capped at an hour. */
export function backoffDelay(baseMs: number, attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * The job queue kept in the `jobs` table. On SQLite one process owns the database, so claiming
 * is a plain update in a transaction; on PostgreSQL the claim uses `FOR UPDATE SKIP LOCKED`, so
 * nodes polling at the same time never take the same job.
 */
export class TableJobQueue implements JobQueue {
  private readonly handlers = new Map<string, Registration>();
  private readonly workerId = `${hostname()}:${process.pid}:${newId().slice(-6)}`;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private started = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  register<P>(name: string, handler: JobHandler<P>, options: HandlerOptions = {}): void {
    this.handlers.set(name, {
      handler: handler as JobHandler<unknown>,
      backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
      concurrency: Math.max(1, options.concurrency ?? 1),
      running: 0,
    });
  }

  async enqueue(name: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
    const db = options.trx ?? this.db.kysely;
    const now = this.clock.now().toISOString();
    const runAt = (options.runAt ?? this.clock.now()).toISOString();
    const id = newId();
    const body = JSON.stringify(payload ?? null);
    if (options.key !== undefined && options.replace) {
      const updated = await db
        .updateTable('jobs')
        .set({ payload: body, run_at: runAt, updated_at: now })
        .where('name', '=', name)
        .where('key', '=', options.key)
        .where('status', '=', 'waiting')
        .returning('id')
        .executeTakeFirst();
      if (updated) return updated.id;
    }
    const inserted = await db
      .insertInto('jobs')
      .values({
        id,
        name,
        key: options.key ?? null,
        payload: body,
        status: 'waiting',
        run_at: runAt,
        attempts: 0,
        max_attempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        locked_by: null,
        locked_until: null,
        last_error: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        // Literal, not bound: SQLite matches a partial index only by the exact predicate text.
        oc.columns(['name', 'key']).where(sql<boolean>`status = 'waiting' AND key IS NOT NULL`).doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      if (this.started && !options.trx) this.wake();
      return inserted.id;
    }
    const existing = await db.selectFrom('jobs').select('id').where('name', '=', name).where('key', '=', options.key ?? null).where('status', '=', 'waiting').executeTakeFirstOrThrow();
    return existing.id;
  }

  async waiting(name: string): Promise<WaitingJob[]> {
    const rows = await this.db.kysely
      .selectFrom('jobs')
      .select(['id', 'key', 'payload', 'run_at'])
      .where('name', '=', name)
      .where('status', '=', 'waiting')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, key: r.key, payload: JSON.parse(r.payload), runAt: r.run_at }));
  }

  async cancel(name: string, key: string, options: { trx?: Kysely<Database> } = {}): Promise<boolean> {
    const result = await (options.trx ?? this.db.kysely).deleteFrom('jobs').where('name', '=', name).where('key', '=', key).where('status', '=', 'waiting').executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.polling;
    await Promise.allSettled([...this.inFlight]);
  }

  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.claimAll(Number.POSITIVE_INFINITY);
      if (claimed.length === 0) return total;
      // One at a time: tests and CLI commands want a deterministic order.
      for (const row of claimed) await this.run(row);
      total += claimed.length;
    }
  }

  private schedule(delayMs: number): void {
    if (!this.started) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), delayMs);
    this.timer.unref();
  }

  private wake(): void {
    if (!this.started || this.polling) return;
    this.polling = this.poll()
      .catch((error) => this.logger.error({ err: error }, 'job poll failed'))
      .finally(() => {
        this.polling = undefined;
        this.schedule(POLL_MS);
      });
  }

  private async poll(): Promise<void> {
    const claimed = await this.claimAll(CLAIM_BATCH);
    for (const row of claimed) {
      const registration = this.handlers.get(row.name);
      if (registration) registration.running += 1;
      const running = this.run(row).finally(() => {
        if (registration) registration.running -= 1;
        this.inFlight.delete(running);
        // A finished job frees a slot: look for more right away.
        this.wake();
      });
      this.inFlight.add(running);
    }
  }

  /** Claims due jobs for every registered name with a free slot. */
  private async claimAll(limit: number): Promise<JobRow[]> {
    const claimed: JobRow[] = [];
    // One cheap read first: most polls find nothing due, and a claim is a write transaction per name.
    for (const name of await this.dueNames()) {
      const registration = this.handlers.get(name);
      if (!registration) continue;
      const free = Number.isFinite(limit) ? Math.min(limit, registration.concurrency - registration.running) : 1_000;
      if (free <= 0) continue;
      claimed.push(...(await this.claim(name, free)));
    }
    return claimed;
  }

  /** Names with a job due now or a lease that ran out (the two ways `claim` takes a job). */
  private async dueNames(): Promise<string[]> {
    const nowIso = this.clock.now().toISOString();
    const rows = await this.db.kysely
      .selectFrom('jobs')
      .select('name')
      .distinct()
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'waiting'), eb('run_at', '<=', nowIso)]),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', nowIso)]),
        ]),
      )
      .execute();
    return rows.map((r) => r.name);
  }

  private async claim(name: string, limit: number): Promise<JobRow[]> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const lease = new Date(now.getTime() + LEASE_MS).toISOString();
    const dueIds = (db: Kysely<Database>) => {
      let query = db
        .selectFrom('jobs')
        .select('id')
        .where('name', '=', name)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'waiting'), eb('run_at', '<=', nowIso)]),
            eb.and([eb('status', '=', 'running'), eb('locked_until', '<', nowIso)]),
          ]),
        )
        .orderBy('run_at')
        .limit(limit);
      if (this.db.dialect === 'postgres') query = query.forUpdate().skipLocked();
      return query;
    };
    return this.db.transaction((trx) =>
      trx
        .updateTable('jobs')
        .set({ status: 'running', attempts: sql<number>`attempts + 1`, locked_by: this.workerId, locked_until: lease, updated_at: nowIso })
        .where('id', 'in', dueIds(trx))
        .returningAll()
        .execute(),
    );
  }

  private async run(row: JobRow): Promise<void> {
    const registration = this.handlers.get(row.name);
    if (!registration) return;
    const context: JobContext = { id: row.id, name: row.name, attempt: row.attempts, maxAttempts: row.max_attempts };
    try {
      await registration.handler(JSON.parse(row.payload), context);
      await this.finish(row, { status: 'done', last_error: null });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const exhausted = row.attempts >= row.max_attempts;
      this.logger.warn({ job: row.name, jobId: row.id, attempt: row.attempts, exhausted, err: message }, 'job failed');
      const retryAt = new Date(this.clock.now().getTime() + backoffDelay(registration.backoffMs, row.attempts)).toISOString();
      await this.finish(row, exhausted ? { status: 'failed', last_error: message } : { status: 'waiting', run_at: retryAt, last_error: message });
    }
  }

  /** Records the outcome, unless another worker took the job over after our lease ran out. */
  private async finish(row: JobRow, outcome: { status: 'done' | 'failed' | 'waiting'; last_error: string | null; run_at?: string }): Promise<void> {
    await this.db.kysely
      .updateTable('jobs')
      .set({ ...outcome, locked_by: null, locked_until: null, updated_at: this.clock.now().toISOString() })
      .where('id', '=', row.id)
      .where('locked_by', '=', this.workerId)
      .where('attempts', '=', row.attempts)
      .execute();
  }
}

/** Deletes finished jobs older than `keepMs` (done and failed jobs are kept a while for inspection). */
export async function purgeFinishedJobs(db: Kysely<Database>, clock: Clock, keepMs = 7 * 24 * 3_600_000): Promise<number> {
  const before = new Date(clock.now().getTime() - keepMs).toISOString();
  const result = await db.deleteFrom('jobs').where('status', 'in', ['done', 'failed']).where('updated_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
