import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectName } from './database.js';

/**
 * Full-text search, the one place that knows how each dialect does it:
 * SQLite FTS5 (porter stemming, BM25 with the title weighted above the body) and
 * PostgreSQL tsvector with a GIN index (english stemming, title weight A, body weight D).
 * An index is a table keyed by an integer; features map their rows to that key.
 */
export interface FullTextIndex {
  /** Adds a new document; the key must not be in the index yet. */
  insert(db: Kysely<any>, key: number, doc: { title: string; body: string }): Promise<void>;
  /** Sets a document's title and whole body, replacing what was there. */
  replace(db: Kysely<any>, key: number, doc: { title: string; body: string }): Promise<void>;
  /** Sets many documents at once, as `replace` does for each (bulk imports and seeding). */
  replaceMany(db: Kysely<any>, docs: readonly FullTextDocument[]): Promise<void>;
  /** Adds many new documents at once; none of the keys may be in the index yet (bulk seeding). */
  insertMany(db: Kysely<any>, docs: readonly FullTextDocument[]): Promise<void>;
  /** Appends text to a document's body (a new message on a ticket). */
  append(db: Kysely<any>, key: number, text: string): Promise<void>;
  remove(db: Kysely<any>, key: number): Promise<void>;
  /**
   * A subquery of `(doc_key, rank)` rows: the `candidates` highest keys (the newest documents)
   * that match the query, with a relevance rank (higher is better). Null when the query holds no
   * searchable word. Bounding the candidates bounds the cost: ranking every match of a common
   * word over a million documents takes seconds on either engine. Unranked, rank is 0 and the
   * (per-row) ranking function is not run at all.
   */
  matches(query: string, options: { candidates: number; ranked: boolean }): RawBuilder<{ doc_key: number; rank: number }> | null;
}

export interface FullTextDocument {
  key: number;
  title: string;
  body: string;
}

const MAX_QUERY_TERMS = 16;
// Documents per statement in replaceMany and insertMany: 3 bound values each, well below SQLite's limit.
const DOCS_PER_STATEMENT = 500;

/** Splits user input into searchable words; punctuation and operators never reach the engine. */
export function searchTerms(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.slice(0, MAX_QUERY_TERMS);
}

/** Longest last word still matched as a prefix (search as you type). */
const MAX_PREFIX_LENGTH = 4;

/**
 * Whether term i is matched as a prefix: only a short last word. A prefix merges the lists of
 * every indexed word that starts with it, which costs tens of milliseconds for a common stem
 * over a million documents; past four letters the stemmed word itself finds the same tickets.
 */
function asPrefix(terms: string[], i: number): boolean {
  return i === terms.length - 1 && terms[i].length <= MAX_PREFIX_LENGTH;
}

/** Returns the full-text index stored in `table` for the given dialect. */
export function fullTextIndex(dialect: DialectName, table: string): FullTextIndex {
  return dialect === 'sqlite' ? sqliteIndex(table) : postgresIndex(table);
}

function sqliteIndex(table: string): FullTextIndex {
  const t = sql.table(table);
  const insertRows = async (db: Kysely<any>, docs: readonly FullTextDocument[]) => {
    const rows = docs.map((d) => sql`(${d.key}, ${d.title}, ${d.body})`);
    await sql`INSERT INTO ${t} (rowid, title, body) VALUES ${sql.join(rows)}`.execute(db);
  };
  const insert: FullTextIndex['insert'] = async (db, key, doc) => {
    await sql`INSERT INTO ${t} (rowid, title, body) VALUES (${key}, ${doc.title}, ${doc.body})`.execute(db);
  };
  return {
    insert,
    async replace(db, key, doc) {
      await sql`DELETE FROM ${t} WHERE rowid = ${key}`.execute(db);
      await insert(db, key, doc);
    },
    async replaceMany(db, docs) {
      for (let i = 0; i < docs.length; i += DOCS_PER_STATEMENT) {
        const chunk = docs.slice(i, i + DOCS_PER_STATEMENT);
        await sql`DELETE FROM ${t} WHERE rowid IN (${sql.join(chunk.map((d) => d.key))})`.execute(db);
        await insertRows(db, chunk);
      }
    },
    async insertMany(db, docs) {
      // No DELETE first: on FTS5 it costs half as much again as the INSERT, even for absent keys.
      for (let i = 0; i < docs.length; i += DOCS_PER_STATEMENT) await insertRows(db, docs.slice(i, i + DOCS_PER_STATEMENT));
    },
    async append(db, key, text) {
      await sql`UPDATE ${t} SET body = body || char(10) || ${text} WHERE rowid = ${key}`.execute(db);
    },
    async remove(db, key) {
      await sql`DELETE FROM ${t} WHERE rowid = ${key}`.execute(db);
    },
    matches(query, { candidates, ranked }) {
      const terms = searchTerms(query);
      if (terms.length === 0) return null;
      // Every word must match; a short last word as a prefix so results follow the typing.
      const expression = terms.map((w, i) => `"${w}"${asPrefix(terms, i) ? '*' : ''}`).join(' ');
      const rank = ranked ? sql`-bm25(${t}, 2.0, 1.0)` : sql`0`;
      // FTS5 walks a doclist backwards by rowid cheaply, so the newest candidates come first.
      return sql<{ doc_key: number; rank: number }>`
        SELECT rowid AS doc_key, ${rank} AS rank FROM ${t} WHERE ${t} MATCH ${expression}
        ORDER BY rowid DESC LIMIT ${candidates}`;
    },
  };
}

function postgresIndex(table: string): FullTextIndex {
  const t = sql.table(table);
  const vector = (title: unknown, body: unknown) =>
    sql`setweight(to_tsvector('english', ${title}), 'A') || setweight(to_tsvector('english', ${body}), 'D')`;
  // Three array parameters whatever the number of documents: no statement-size limit to mind.
  const insertAll = (docs: readonly FullTextDocument[]) => sql`INSERT INTO ${t} (doc_key, document)
    SELECT d.key, ${vector(sql.ref('d.title'), sql.ref('d.body'))}
    FROM unnest(${docs.map((d) => d.key)}::bigint[], ${docs.map((d) => d.title)}::text[], ${docs.map((d) => d.body)}::text[]) AS d(key, title, body)`;
  return {
    async insert(db, key, doc) {
      await sql`INSERT INTO ${t} (doc_key, document) VALUES (${key}, ${vector(doc.title, doc.body)})`.execute(db);
    },
    async replace(db, key, doc) {
      await sql`INSERT INTO ${t} (doc_key, document) VALUES (${key}, ${vector(doc.title, doc.body)})
        ON CONFLICT (doc_key) DO UPDATE SET document = excluded.document`.execute(db);
    },
    async replaceMany(db, docs) {
      if (docs.length === 0) return;
      await sql`${insertAll(docs)} ON CONFLICT (doc_key) DO UPDATE SET document = excluded.document`.execute(db);
    },
    async insertMany(db, docs) {
      if (docs.length > 0) await insertAll(docs).execute(db);
    },
    async append(db, key, text) {
      await sql`UPDATE ${t} SET document = document || setweight(to_tsvector('english', ${text}), 'D')
        WHERE doc_key = ${key}`.execute(db);
    },
    async remove(db, key) {
      await sql`DELETE FROM ${t} WHERE doc_key = ${key}`.execute(db);
    },
    matches(query, { candidates, ranked }) {
      const terms = searchTerms(query);
      if (terms.length === 0) return null;
      const expression = terms.map((w, i) => (asPrefix(terms, i) ? `${w}:*` : w)).join(' & ');
      const rank = ranked ? sql`ts_rank_cd(document, q)` : sql`0`;
      return sql<{ doc_key: number; rank: number }>`
        SELECT doc_key, ${rank} AS rank
        FROM ${t}, to_tsquery('english', ${expression}) AS q WHERE document @@ q
        ORDER BY doc_key DESC LIMIT ${candidates}`;
    },
  };
}
