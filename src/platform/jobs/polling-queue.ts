import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/tables.js';
import type { Logger } from '../logging/logger.js';
import type { EnqueueOptions, HandlerOptions, JobContext, JobHandler, JobQueue, WaitingJob } from './queue.js';

const DEFAULT_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 3_600_000;
const POLL_MS = 500;
/** Jobs claimed per poll and job name. */
const CLAIM_BATCH = 20;

/** Back-off before attempt `attempt + 1`: base × 2^(attempt − 1), capped at an hour. */
export function backoffDelay(baseMs: number, attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempt - 1));
}

interface Registration {
  handler: JobHandler<unknown>;
  backoffMs: number;
  concurrency: number;
  running: number;
}

/** A job a queue has claimed (it is ours until we record how it went). */
export interface ClaimedJob {
  id: string;
  name: string;
  payload: unknown;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

/**
 * The runner both job queues share: handlers and their concurrency, a poll loop that claims due
 * jobs in batches and runs them, retries with exponential back-off, `start`, `stop` and `drain`.
 * A queue supplies only where jobs live: which names have work due, how a batch is claimed, and
 * how success or failure is recorded (the `jobs` table on SQLite, pg-boss's tables on PostgreSQL).
 */
export abstract class PollingJobQueue implements JobQueue {
  private readonly handlers = new Map<string, Registration>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  protected started = false;

  constructor(
    protected readonly clock: Clock,
    protected readonly logger: Logger,
  ) {}

  abstract enqueue(name: string, payload: unknown, options?: EnqueueOptions): Promise<string>;
  abstract waiting(name: string): Promise<WaitingJob[]>;
  abstract cancel(name: string, key: string, options?: { trx?: Kysely<Database> }): Promise<boolean>;
  /** The names among `names` that may have a job to claim now (all of them, when telling costs more than claiming). */
  protected abstract dueNames(names: string[]): Promise<string[]>;
  /** Takes up to `limit` due jobs of a name, so that no other worker runs them meanwhile. */
  protected abstract claim(name: string, limit: number): Promise<ClaimedJob[]>;
  protected abstract succeeded(job: ClaimedJob): Promise<void>;
  /** Records a failure: to be retried at `retryAt`, or failed for good when it is null. */
  protected abstract failed(job: ClaimedJob, message: string, retryAt: string | null): Promise<void>;

  /** Nothing to create by default (the `jobs` table comes with the migrations). */
  async prepare(): Promise<void> {}

  /** The registered job names. */
  protected registeredNames(): string[] {
    return [...this.handlers.keys()];
  }

  register<P>(name: string, handler: JobHandler<P>, options: HandlerOptions = {}): void {
    this.handlers.set(name, {
      handler: handler as JobHandler<unknown>,
      backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
      concurrency: Math.max(1, options.concurrency ?? 1),
      running: 0,
    });
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
      for (const job of claimed) await this.run(job);
      total += claimed.length;
    }
  }

  /** A job was added outside any transaction: look for work now rather than at the next poll. */
  protected wake(): void {
    if (!this.started || this.polling) return;
    this.polling = this.poll()
      .catch((error) => this.logger.error({ err: error }, 'job poll failed'))
      .finally(() => {
        this.polling = undefined;
        this.schedule(POLL_MS);
      });
  }

  private schedule(delayMs: number): void {
    if (!this.started) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), delayMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    for (const job of await this.claimAll(CLAIM_BATCH)) {
      const registration = this.handlers.get(job.name);
      if (registration) registration.running += 1;
      const running = this.run(job).finally(() => {
        if (registration) registration.running -= 1;
        this.inFlight.delete(running);
        // A finished job frees a slot: look for more right away.
        this.wake();
      });
      this.inFlight.add(running);
    }
  }

  /** Claims due jobs for every registered name with a free slot. */
  private async claimAll(limit: number): Promise<ClaimedJob[]> {
    const claimed: ClaimedJob[] = [];
    for (const name of await this.dueNames([...this.handlers.keys()])) {
      const registration = this.handlers.get(name);
      if (!registration) continue;
      const free = Number.isFinite(limit) ? Math.min(limit, registration.concurrency - registration.running) : 1_000;
      if (free <= 0) continue;
      claimed.push(...(await this.claim(name, free)));
    }
    return claimed;
  }

  private async run(job: ClaimedJob): Promise<void> {
    const registration = this.handlers.get(job.name);
    if (!registration) return;
    const context: JobContext = { id: job.id, name: job.name, attempt: job.attempt, maxAttempts: job.maxAttempts };
    try {
      await registration.handler(job.payload, context);
      await this.succeeded(job);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const exhausted = job.attempt >= job.maxAttempts;
      this.logger.warn({ job: job.name, jobId: job.id, attempt: job.attempt, exhausted, err: message }, 'job failed');
      const retryAt = exhausted ? null : new Date(this.clock.now().getTime() + backoffDelay(registration.backoffMs, job.attempt)).toISOString();
      await this.failed(job, message, retryAt);
    }
  }
}
