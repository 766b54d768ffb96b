import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './tables.js';
import { PREPARE_MARKER } from './compiled.js';
import { GroupCommit } from './group-commit.js';
import { BACKSTOP_CHECKPOINT_PAGES, startCheckpointer } from './sqlite-checkpointer.js';

export type DialectName = 'sqlite' | 'postgres';

/** An open database: the Kysely instance plus what the rest of the code may ask about it. */
export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** A printable location, with any password removed. */
  location: string;
  /** Runs work in one transaction: all of it commits, or none of it. */
  transaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Parses DATABASE_URL: `postgres://…` for PostgreSQL; `sqlite:PATH` or a bare path for SQLite. */
export function parseDatabaseUrl(url: string): { dialect: DialectName; target: string } {
  if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: 'postgres', target: url };
  const path = url.replace(/^sqlite:(\/\/)?/i, '');
  return { dialect: 'sqlite', target: path };
}

/** Opens a connection pool (PostgreSQL) or a database file (SQLite) for DATABASE_URL. */
export async function openDatabase(url: string, options: { poolSize?: number } = {}): Promise<Db> {
  const { dialect, target } = parseDatabaseUrl(url);
  return dialect === 'postgres' ? openPostgres(target, options.poolSize ?? 10) : openSqlite(target);
}

async function openSqlite(path: string): Promise<Db> {
  const { default: SQLite } = await import('better-sqlite3');
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL lets readers run beside the writer; NORMAL sync is durable across application crashes
  // and loses at most the last transactions on power loss, the usual trade for a help desk.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  const stopCheckpointer = path === ':memory:' ? async () => {} : startBackgroundCheckpoints(sqlite, path);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), ...sqlProfile() });
  const groupCommit = new GroupCommit(kysely);
  return {
    kysely,
    dialect: 'sqlite',
    location: path,
    transaction: (work) => groupCommit.run(work),
    close: async () => {
      await stopCheckpointer();
      await kysely.destroy();
    },
  };
}

function startBackgroundCheckpoints(sqlite: import('better-sqlite3').Database, path: string): () => Promise<void> {
  sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  return startCheckpointer(path, 1000, (message) => process.emitWarning(`SQLite checkpoint failed: ${message}`));
}

async function openPostgres(url: string, poolSize: number): Promise<Db> {
  const pg = (await import('pg')).default;
  // count(*) and bigint arrive as strings by default; our counts and ids fit in a double.
  pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v: string) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection can be closed by the server (restart, failover, idle timeout). The pool
  // drops it and connects anew on demand; unhandled, the event would end the process.
  pool.on('error', (error) => process.emitWarning(`PostgreSQL connection lost: ${error.message}`));
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }), ...sqlProfile() });
  return {
    kysely,
    dialect: 'postgres',
    location: url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'),
    transaction: (work) => kysely.transaction().execute(work),
    close: () => kysely.destroy(),
  };
}

/** Statement names by SQL text, shared by every connection of the process (one name per text). */
const preparedNames = new Map<string, string>();
const PREPARED = Symbol('prepared statements');

/**
 * PostgreSQL parses and plans an unnamed statement on every call, which for the multi-row upserts
 * the lifecycle hooks run on every ticket change costs more than executing them. Statements whose
 * text starts with PREPARE_MARKER (see CompiledStatements: fixed shapes, few of them) run as
 * named prepared statements instead: parsed once per connection, the plan cached by the server.
 * Everything else runs as before; an unbounded variety of texts would fill every connection.
 */
function withPreparedStatements(pool: import('pg').Pool) {
  return {
    end: () => pool.end(),
    async connect() {
      const client = (await pool.connect()) as import('pg').PoolClient & { [PREPARED]?: true };
      if (!client[PREPARED]) {
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        client.query = ((text: unknown, values?: unknown) => {
          if (typeof text !== 'string' || !text.startsWith(PREPARE_MARKER)) return query(text, values);
          let name = preparedNames.get(text);
          if (name === undefined) preparedNames.set(text, (name = `frontline_${preparedNames.size + 1}`));
          return query({ name, text, values });
        }) as never;
        client[PREPARED] = true;
      }
      return client;
    },
  };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every statement anew; preparing costs as much as running a small insert.
 * Statements are reusable in better-sqlite3, and Kysely runs one at a time on this connection,
 * so a bounded cache keyed by SQL text is safe.
 */
function withStatementCache(sqlite: import('better-sqlite3').Database) {
  const cache = new Map<string, import('better-sqlite3').Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

/** With FRONTLINE_SQL_PROFILE=1, counts and times every statement (printed by bench/lib/sql-profile.mjs; off by default). */
function sqlProfile(): { log?: (event: import('kysely').LogEvent) => void } {
  if (process.env.FRONTLINE_SQL_PROFILE !== '1') return {};
  const stats: Map<string, [number, number]> = ((globalThis as { frontlineSqlProfile?: Map<string, [number, number]> }).frontlineSqlProfile ??= new Map());
  return {
    log(event) {
      const key = event.query.sql.replace(/\s+/g, ' ').slice(0, 80);
      const entry = stats.get(key) ?? [0, 0];
      entry[0]++;
      entry[1] += event.queryDurationMillis;
      stats.set(key, entry);
    },
  };
}
