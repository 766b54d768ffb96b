import { CompiledQuery, sql, type Kysely } from 'kysely';
import type PgBoss from 'pg-boss';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Database } from '../db/tables.js';
import type { Logger } from '../logging/logger.js';
import { PollingJobQueue, type ClaimedJob } from './polling-queue.js';
import type { EnqueueOptions, WaitingJob } from './queue.js';

const SCHEMA = 'pgboss';
const DEFAULT_MAX_ATTEMPTS = 5;
/** pg-boss's `expire_in`: an active job not finished within it is failed by maintenance and retried (worker died). */
const LEASE_SECONDS = 300;
const MAINTAIN_MS = 60_000;

interface BossJob {
  id: string;
  data: { payload: unknown };
  retryCount: number;
  retryLimit: number;
}

/** pg-boss's database seam: every statement goes through Kysely, on the pool or on a caller's transaction. */
const executorFor = (db: Kysely<Database>) => ({
  async executeSql(text: string, values: unknown[] = []) {
    const result = await db.executeQuery(CompiledQuery.raw(text, values));
    return { rows: result.rows as unknown[], rowCount: Number(result.numAffectedRows ?? result.rows.length) };
  },
});

/**
 * The job queue on PostgreSQL, kept in pg-boss's tables (schema `pgboss`), for several nodes.
 *
 * pg-boss brings the schema and its migrations, the partitioned job table, inserts (`send`,
 * also inside the caller's transaction through its `db` executor), completion and maintenance
 * (expiring jobs whose worker died, archiving, purging). Two things are ours, so that behaviour
 * is the same as the table queue on SQLite and follows the one `Clock` that tests move:
 * - claiming compares `start_after` with the clock's time instead of the database's `now()`
 *   (the same `FOR UPDATE SKIP LOCKED` statement pg-boss's fetch runs), and a failure schedules
 *   its retry with our back-off;
 * - de-duplication by key: pg-boss's singleton policies work per queue, not per key among other
 *   keyless jobs, so an enqueue with a key takes a transaction-scoped advisory lock on
 *   (name, key), looks for a waiting job with that key and merges into it.
 */
export class PgBossJobQueue extends PollingJobQueue {
  private boss!: PgBoss;
  private readonly queues = new Set<string>();
  private installing: Promise<void> | undefined;
  private maintainer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    clock: Clock,
    logger: Logger,
  ) {
    super(clock, logger);
  }

  /** Loads pg-boss (only PostgreSQL processes pay for it) and installs or migrates its schema, once per process. */
  private install(): Promise<void> {
    this.installing ??= (async () => {
      const { default: PgBossClass } = await import('pg-boss');
      // No pg-boss timers of its own: we poll, and run maintenance from start().
      this.boss = new PgBossClass({ db: executorFor(this.db.kysely), schema: SCHEMA, supervise: false, schedule: false, migrate: true });
      this.boss.on('error', (error) => this.logger.error({ err: error }, 'pg-boss error'));
      await this.boss.start();
    })();
    return this.installing;
  }

  override async prepare(): Promise<void> {
    for (const name of this.registeredNames()) await this.ensureQueue(name);
  }

  /** pg-boss keeps one partition per queue name; it must exist before a job of that name is sent. */
  private async ensureQueue(name: string): Promise<void> {
    await this.install();
    if (this.queues.has(name)) return;
    // On its own connection, never in a caller's transaction: a rolled-back caller must not take
    // the partition with it. Its DDL locks nothing a caller's job insert holds before commit.
    await this.boss.createQueue(name, { name, policy: 'standard' });
    this.queues.add(name);
  }

  async enqueue(name: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
    if (options.trx) return this.enqueueWith(options.trx, name, payload, options);
    const id = await this.db.transaction((trx) => this.enqueueWith(trx, name, payload, options));
    if (this.started) this.wake();
    return id;
  }

  private async enqueueWith(trx: Kysely<Database>, name: string, payload: unknown, options: EnqueueOptions): Promise<string> {
    await this.ensureQueue(name);
    const runAt = (options.runAt ?? this.clock.now()).toISOString();
    const data = JSON.stringify({ payload: payload ?? null });
    if (options.key !== undefined && !(options.newKey && options.trx)) {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${JSON.stringify([name, options.key])}, 0))`.execute(trx);
      const waiting = await sql<{ id: string }>`
        SELECT id FROM pgboss.job WHERE name = ${name} AND singleton_key = ${options.key} AND state < 'active' LIMIT 1`.execute(trx);
      const existing = waiting.rows[0]?.id;
      if (existing && options.replace) {
        await sql`UPDATE pgboss.job SET data = ${data}::jsonb, start_after = ${runAt}::timestamptz WHERE name = ${name} AND id = ${existing}::uuid`.execute(trx);
      }
      if (existing) return existing;
    }
    const id = await this.boss.send(name, JSON.parse(data) as object, {
      db: executorFor(trx),
      startAfter: runAt,
      singletonKey: options.key,
      retryLimit: (options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS) - 1,
      retryDelay: 1,
      retryBackoff: true,
      expireInSeconds: LEASE_SECONDS,
    });
    if (!id) throw new Error(`pg-boss did not accept a job for queue ${name}`);
    return id;
  }

  async waiting(name: string): Promise<WaitingJob[]> {
    await this.install();
    const result = await sql<{ id: string; key: string | null; data: { payload: unknown }; runAt: Date }>`
      SELECT id, singleton_key AS key, data, start_after AS "runAt" FROM pgboss.job
      WHERE name = ${name} AND state < 'active' ORDER BY created_on, id`.execute(this.db.kysely);
    return result.rows.map((r) => ({ id: r.id, key: r.key, payload: r.data.payload, runAt: new Date(r.runAt).toISOString() }));
  }

  async cancel(name: string, key: string, options: { trx?: Kysely<Database> } = {}): Promise<boolean> {
    await this.install();
    const result = await sql`
      UPDATE pgboss.job SET state = 'cancelled', completed_on = now()
      WHERE name = ${name} AND singleton_key = ${key} AND state < 'active'`.execute(options.trx ?? this.db.kysely);
    return Number(result.numAffectedRows ?? 0) > 0;
  }

  /** Runs pg-boss's maintenance now: fails (and so retries) jobs whose worker died, archives, purges. */
  async maintain(): Promise<void> {
    await this.install();
    // Called one by one: pg-boss's own maintain() runs only under its supervisor, which we leave off.
    await this.boss.expire();
    await this.boss.archive();
    await (this.boss as unknown as { drop(): Promise<void> }).drop();
  }

  override start(): void {
    if (this.started) return;
    super.start();
    const maintain = () => {
      this.maintain().catch((error: unknown) => this.logger.error({ err: error }, 'pg-boss maintenance failed'));
    };
    this.maintainer = setInterval(maintain, MAINTAIN_MS);
    this.maintainer.unref();
  }

  override async stop(): Promise<void> {
    if (this.maintainer) clearInterval(this.maintainer);
    await super.stop();
  }

  /** Every registered name: pg-boss keeps a partition per name, and its claim reads only that partition's due rows. */
  protected async dueNames(names: string[]): Promise<string[]> {
    await this.install();
    return names;
  }

  /** pg-boss's fetch statement, with the clock's time in place of `now()` for what is due. */
  protected async claim(name: string, limit: number): Promise<ClaimedJob[]> {
    await this.ensureQueue(name);
    const now = this.clock.now().toISOString();
    const result = await sql<BossJob>`
      WITH next AS (
        SELECT id FROM pgboss.job
        WHERE name = ${name} AND state < 'active' AND start_after <= ${now}::timestamptz
        ORDER BY priority DESC, start_after, created_on, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE pgboss.job j SET
        state = 'active',
        started_on = now(),
        retry_count = CASE WHEN j.started_on IS NOT NULL THEN j.retry_count + 1 ELSE j.retry_count END
      FROM next
      WHERE j.name = ${name} AND j.id = next.id
      RETURNING j.id, j.data, j.retry_count AS "retryCount", j.retry_limit AS "retryLimit"`.execute(this.db.kysely);
    return result.rows.map((j) => ({ id: j.id, name, payload: j.data.payload, attempt: j.retryCount + 1, maxAttempts: j.retryLimit + 1 }));
  }

  protected async succeeded(job: ClaimedJob): Promise<void> {
    await this.boss.complete(job.name, job.id);
  }

  protected async failed(job: ClaimedJob, message: string, retryAt: string | null): Promise<void> {
    await sql`
      UPDATE pgboss.job SET
        state = ${retryAt ? 'retry' : 'failed'}::pgboss.job_state,
        start_after = COALESCE(${retryAt}::timestamptz, start_after),
        completed_on = CASE WHEN ${retryAt}::timestamptz IS NULL THEN now() ELSE NULL END,
        output = ${JSON.stringify({ message })}::jsonb
      WHERE name = ${job.name} AND id = ${job.id}::uuid AND state = 'active'`.execute(this.db.kysely);
  }
}
