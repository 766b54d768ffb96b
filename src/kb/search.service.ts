import type { Deps } from '../platform/context.js';
import type { Db } from '../platform/db/database.js';
import type { KbArticleRow } from '../platform/db/tables.js';
import { findChangedArticles, findDeletionsAfter } from './articles.store.js';
import { currentChangeSeq } from './changes.js';
import { isEnglish } from './locale.js';
import type { IndexDoc } from './search/engine.js';
import { Searcher, type SearchRequest, type SearchResult } from './search/searcher.js';
import { markdownToText } from './search/text.js';
import { logSearch, type SearchOrigin } from './search-log.js';
import { findSynonymSets } from './synonyms.store.js';

/**
 * Keeps each node's in-memory search index in step with the database. The index is built on
 * the first search; this node's writes update it right after they commit; before each search
 * a one-row read of the change counter tells whether another node (or process) wrote since,
 * and if so only the articles whose `change_seq` lies above the value seen are reloaded.
 */

interface Runtime {
  searcher: Searcher;
  /** Every change up to this counter value is in the index. */
  synced: number;
  /** The change number of what the index holds for each article id (deleted ones included). */
  seqOf: Map<string, number>;
  /** False until the first load from the database has finished. */
  loaded: boolean;
  syncing?: Promise<void>;
}

const runtimes = new WeakMap<Db, Runtime>();
// Articles per read while loading: indexing a page takes tens of milliseconds, so requests
// served by the same process wait at most that long between pages.
const PAGE = 250;

/** The columns search needs from an article row. */
export type IndexedRow = Pick<KbArticleRow, 'id' | 'external_id' | 'title' | 'body' | 'category' | 'section' | 'tags' | 'visibility' | 'status' | 'locale' | 'type' | 'change_seq'>;

/** What the index holds for an article: only published ones are searchable. */
export function toIndexDoc(row: IndexedRow): IndexDoc | null {
  if (row.status !== 'published') return null;
  return {
    id: row.id,
    externalId: row.external_id,
    title: row.title,
    body: markdownToText(row.body),
    category: row.category,
    section: row.section,
    tags: JSON.parse(row.tags) as string[],
    visibility: row.visibility,
    locale: row.locale,
    type: row.type,
    english: isEnglish(row.locale),
  };
}

function runtimeOf(db: Db): Runtime {
  let runtime = runtimes.get(db);
  if (!runtime) runtimes.set(db, (runtime = { searcher: new Searcher(), synced: 0, seqOf: new Map(), loaded: false }));
  return runtime;
}

/** Applies one article's state unless the index already holds that change or a later one. */
function apply(runtime: Runtime, id: string, seq: number, doc: IndexDoc | null): void {
  if ((runtime.seqOf.get(id) ?? -1) >= seq) return;
  runtime.seqOf.set(id, seq);
  if (doc) runtime.searcher.upsert(doc);
  else runtime.searcher.remove(id);
}

async function sync(db: Db, runtime: Runtime, version: number): Promise<void> {
  const from = runtime.synced;
  let after: { seq: number; id?: string } = { seq: from };
  for (;;) {
    const rows = await findChangedArticles(db.kysely, after, PAGE, !runtime.loaded);
    for (const row of rows) apply(runtime, row.id, Number(row.change_seq), toIndexDoc(row));
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1];
    after = { seq: Number(last.change_seq), id: last.id };
  }
  for (const deletion of await findDeletionsAfter(db.kysely, from)) apply(runtime, deletion.article_id, Number(deletion.seq), null);
  runtime.searcher.setSynonyms(await findSynonymSets(db.kysely));
  runtime.synced = Math.max(runtime.synced, version);
  runtime.loaded = true;
}

/** Brings this node's index up to the database's latest change, loading it on first use. */
async function catchUp(db: Db, runtime: Runtime): Promise<void> {
  for (;;) {
    if (runtime.syncing) await runtime.syncing;
    const version = await currentChangeSeq(db.kysely);
    if (runtime.loaded && version <= runtime.synced) return;
    // Another search may have started a sync while we read the counter: wait for that one instead.
    if (runtime.syncing) continue;
    runtime.syncing = sync(db, runtime, version).finally(() => {
      runtime.syncing = undefined;
    });
    await runtime.syncing;
    return;
  }
}

/** Loads this node's index ahead of the first search (the server calls it shortly after start). */
export async function warmSearchIndex(deps: Deps): Promise<void> {
  await catchUp(deps.db, runtimeOf(deps.db));
}

/**
 * Searches published articles (both visibilities unless the request names one). With an
 * `origin` (a person searching, not internal matching) the search goes to the gap report's log.
 */
export async function searchArticles(deps: Deps, request: SearchRequest, origin?: SearchOrigin): Promise<{ items: SearchResult[] }> {
  const runtime = runtimeOf(deps.db);
  await catchUp(deps.db, runtime);
  const items = runtime.searcher.search(request);
  if (origin) logSearch(deps, origin, request.q, items);
  return { items };
}

/** This node's searcher, caught up with the database (for matching long texts: src/kb/match.service.ts). */
export async function currentSearcher(deps: Deps): Promise<Searcher> {
  const runtime = runtimeOf(deps.db);
  await catchUp(deps.db, runtime);
  return runtime.searcher;
}

/**
 * Called after a write commits, with the change number it took: updates this node's index at
 * once (when it has one) so the writer finds its own change in the next search.
 */
export function noteArticleWrites(deps: Deps, seq: number, rows: IndexedRow[], removedIds: string[]): void {
  const runtime = runtimes.get(deps.db);
  if (!runtime) return;
  for (const row of rows) apply(runtime, row.id, Number(row.change_seq), toIndexDoc(row));
  for (const id of removedIds) apply(runtime, id, seq, null);
  if (runtime.loaded && seq === runtime.synced + 1) runtime.synced = seq;
}

/** Called after the synonym sets change (with the change number taken). */
export function noteSynonymsChanged(deps: Deps, seq: number, sets: string[][]): void {
  const runtime = runtimes.get(deps.db);
  if (!runtime) return;
  runtime.searcher.setSynonyms(sets);
  if (runtime.loaded && seq === runtime.synced + 1) runtime.synced = seq;
}
