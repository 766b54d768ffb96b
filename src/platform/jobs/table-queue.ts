import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import { CompiledStatements } from '../db/compiled.js';
import type { Db } from '../db/database.js';
import type { Database } from '../db/tables.js';
import { newId } from '../ids.js';
import type { Logger } from '../logging/logger.js';
import { PollingJobQueue, type ClaimedJob } from './polling-queue.js';
import type { EnqueueOptions, WaitingJob } from './queue.js';

const DEFAULT_MAX_ATTEMPTS = 5;
// Jobs are queued by most ticket writes: the insert is compiled once.
const statements = new CompiledStatements();
/** A running job whose worker has not finished it within the lease is taken again (worker died). */
const LEASE_MS = 5 * 60_000;

/**
 * The job queue kept in the `jobs` table. On SQLite one process owns the database, so claiming
 * is a plain update in a transaction; on PostgreSQL the claim uses `FOR UPDATE SKIP LOCKED`, so
 * nodes polling at the same time never take the same job.
 */
export class TableJobQueue extends PollingJobQueue {
  private readonly workerId = `${hostname()}:${process.pid}:${newId().slice(-6)}`;

  constructor(
    private readonly db: Db,
    clock: Clock,
    logger: Logger,
  ) {
    super(clock, logger);
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
    const row = {
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
    };
    const [inserted] = (
      await statements.insertRow<{ id: string }>(db, 'enqueue', 'jobs', row, (insert) =>
        insert
          .onConflict((oc) =>
            // Literal, not bound: SQLite matches a partial index only by the exact predicate text.
            oc.columns(['name', 'key']).where(sql<boolean>`status = 'waiting' AND key IS NOT NULL`).doNothing(),
          )
          .returning('id'),
      )
    ).rows;
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

  /** Names with a job due now or a lease that ran out (the two ways `claim` takes a job): one cheap read, since most polls find nothing. */
  protected async dueNames(): Promise<string[]> {
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

  protected async claim(name: string, limit: number): Promise<ClaimedJob[]> {
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
    const rows = await this.db.transaction((trx) =>
      trx
        .updateTable('jobs')
        .set({ status: 'running', attempts: sql<number>`attempts + 1`, locked_by: this.workerId, locked_until: lease, updated_at: nowIso })
        .where('id', 'in', dueIds(trx))
        .returning(['id', 'name', 'payload', 'attempts', 'max_attempts'])
        .execute(),
    );
    return rows.map((r) => ({ id: r.id, name: r.name, payload: JSON.parse(r.payload), attempt: r.attempts, maxAttempts: r.max_attempts }));
  }

  protected succeeded(job: ClaimedJob): Promise<void> {
    return this.finish(job, { status: 'done', last_error: null });
  }

  protected failed(job: ClaimedJob, message: string, retryAt: string | null): Promise<void> {
    return this.finish(job, retryAt ? { status: 'waiting', run_at: retryAt, last_error: message } : { status: 'failed', last_error: message });
  }

  /** Records the outcome, unless another worker took the job over after our lease ran out. */
  private async finish(job: ClaimedJob, outcome: { status: 'done' | 'failed' | 'waiting'; last_error: string | null; run_at?: string }): Promise<void> {
    await this.db.kysely
      .updateTable('jobs')
      .set({ ...outcome, locked_by: null, locked_until: null, updated_at: this.clock.now().toISOString() })
      .where('id', '=', job.id)
      .where('locked_by', '=', this.workerId)
      .where('attempts', '=', job.attempt)
      .execute();
  }
}

/** Deletes finished jobs older than `keepMs` (done and failed jobs are kept a while for inspection). */
export async function purgeFinishedJobs(db: Kysely<Database>, clock: Clock, keepMs = 7 * 24 * 3_600_000): Promise<number> {
  const before = new Date(clock.now().getTime() - keepMs).toISOString();
  const result = await db.deleteFrom('jobs').where('status', 'in', ['done', 'failed']).where('updated_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
