import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';

/**
 * Persisted background jobs: the one interface every feature uses for work that must happen
 * later or outside the request (SLA timers, webhook deliveries, outbound mail, retraining …).
 *
 * Guarantees: at-least-once (a job whose worker dies is run again), retries with exponential
 * back-off up to `maxAttempts`, delayed start, and de-duplication by `key`. Handlers must be
 * idempotent. On SQLite the runner is in-process; on PostgreSQL several nodes share the queue
 * and never run one job twice at the same time.
 */
export interface EnqueueOptions {
  /** Earliest start time; default now. */
  runAt?: Date;
  /** At most one waiting (not yet finished) job with this key per job name; a second enqueue with the same key is ignored (or moves `runAt` when `replace` is set). */
  key?: string;
  /** With `key`: replace the waiting job's payload and run time instead of ignoring the new one. */
  replace?: boolean;
  /**
   * With `key` and `trx`: the caller knows no job holds this key yet (it names something that had
   * no job before, such as a row created in that transaction), so the queue need not look for one
   * (on PostgreSQL that saves a lock and a query).
   */
  newKey?: boolean;
  /** Default 5. */
  maxAttempts?: number;
  /**
   * The caller's open transaction: the job exists if and only if the caller's change commits.
   * Without it the job is written on its own.
   */
  trx?: Kysely<Database>;
}

export interface JobContext {
  id: string;
  name: string;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

export type JobHandler<P = unknown> = (payload: P, job: JobContext) => Promise<void>;

export interface HandlerOptions {
  /** Base of the exponential back-off between attempts; default 1,000 ms (1 s, 2 s, 4 s …, capped at 1 h). */
  backoffMs?: number;
  /** How many jobs of this name run at once on one node; default 1. */
  concurrency?: number;
}

/** A job that has not run yet, as `waiting()` lists it. */
export interface WaitingJob {
  id: string;
  key: string | null;
  payload: unknown;
  runAt: string;
}

export interface JobQueue {
  /** Registers the handler for a job name (before `start`). */
  register<P>(name: string, handler: JobHandler<P>, options?: HandlerOptions): void;
  /** Adds a job; returns its id (or the id of the waiting job it was merged into). */
  enqueue(name: string, payload: unknown, options?: EnqueueOptions): Promise<string>;
  /**
   * The jobs of a name that have not run yet (including those waiting for a retry), oldest
   * first: for operators' inspection and for tests, which must not depend on where a queue keeps them.
   */
  waiting(name: string): Promise<WaitingJob[]>;
  /** Cancels a waiting job by name and key (inside the caller's transaction when given); true when one was cancelled. */
  cancel(name: string, key: string, options?: { trx?: Kysely<Database> }): Promise<boolean>;
  /**
   * Creates what the queue needs for every registered name before any is used (PostgreSQL:
   * pg-boss's schema and a partition per name), so that no enqueue inside a caller's transaction
   * has to take a second connection to do it: with the pool's connections all held by such
   * transactions, that would wait forever.
   */
  prepare(): Promise<void>;
  /** Starts polling and running due jobs (the worker role, or `all` on one machine). */
  start(): void;
  /** Stops taking new jobs and waits for running ones to finish. */
  stop(): Promise<void>;
  /**
   * Runs every job that is due now (and those they enqueue that are due now) until none is left;
   * returns how many ran. For tests and CLI commands, which have no running worker.
   */
  drain(): Promise<number>;
}
