import type { Kysely } from 'kysely';

interface PendingWork {
  work: (trx: Kysely<any>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** At most this many units of work share one commit, so one batch never holds the writer for long. */
const MAX_BATCH = 64;

/**
 * Group commit for SQLite. SQLite has one writer; paying a commit (and rewriting the same index
 * pages) per request caps throughput. Units of work that arrive while a batch is running are
 * queued and run together in the next transaction, each inside its own savepoint: a failing unit
 * rolls back to its savepoint and rejects alone; the others commit together, and none is
 * answered before its commit. Callers see exactly the semantics of one transaction each.
 */
export class GroupCommit {
  private queue: PendingWork[] = [];
  private draining = false;

  constructor(private readonly db: Kysely<any>) {}

  /** Runs work in a transaction (shared with concurrent work) and resolves after the commit. */
  run<T>(work: (trx: Kysely<any>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        // SQLite calls are synchronous, so a transaction runs to its end within one turn of the
        // event loop and no other request can join it. Starting in the check phase instead lets
        // every request whose data arrived in this turn reach here first and share the commit.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        if (batch.length === 1) await this.runAlone(batch[0]);
        else await this.runTogether(batch);
      }
    } finally {
      this.draining = false;
    }
  }

  private async runAlone(item: PendingWork): Promise<void> {
    try {
      item.resolve(await this.db.transaction().execute(item.work));
    } catch (error) {
      item.reject(error);
    }
  }

  private async runTogether(batch: PendingWork[]): Promise<void> {
    const outcomes: { item: PendingWork; ok: boolean; value: unknown }[] = [];
    let trx;
    try {
      trx = await this.db.startTransaction().execute();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    for (const [index, item] of batch.entries()) {
      const name = `unit_${index}`;
      try {
        const unit = await trx.savepoint(name).execute();
        try {
          const value = await item.work(unit);
          await unit.releaseSavepoint(name).execute();
          outcomes.push({ item, ok: true, value });
        } catch (error) {
          await unit.rollbackToSavepoint(name).execute();
          await unit.releaseSavepoint(name).execute();
          outcomes.push({ item, ok: false, value: error });
        }
      } catch (error) {
        // The savepoint machinery itself failed: the transaction is unusable, so nothing commits.
        await trx.rollback().execute().catch(() => undefined);
        for (const done of outcomes) done.item.reject(done.ok ? error : done.value);
        for (const rest of batch.slice(index)) rest.reject(error);
        return;
      }
    }
    try {
      await trx.commit().execute();
    } catch (error) {
      await trx.rollback().execute().catch(() => undefined);
      for (const { item, ok, value } of outcomes) item.reject(ok ? error : value);
      return;
    }
    for (const { item, ok, value } of outcomes) (ok ? item.resolve : item.reject)(value);
  }
}
