import type { Deps } from '../platform/context.js';
import type { KbArticleRow } from '../platform/db/tables.js';
import { currentChangeSeq } from './changes.js';
import { addViews, findPopular, findPublicArticle, findPublicCategories, findPublicInCategory, findPublicTranslations, findSitemapPage } from './public.store.js';

/**
 * What the public help center may read of the knowledge base: published, public articles only.
 * Lists that do not depend on view counts are kept per node until the knowledge-base change
 * counter moves (one primary-key read, at most once a second), so pages cost no scan of 10,000 articles.
 */

const caches = new WeakMap<object, { seq: number; values: Map<string, unknown> }>();
// The counter is read at most this often per node: on PostgreSQL every read is a round trip,
// and a public page may lag a change by this much.
const SEQ_CHECK_MS = 1_000;
const seqs = new WeakMap<object, { at: number; seq: number }>();

async function latestSeq(deps: Deps): Promise<number> {
  const seen = seqs.get(deps.db);
  if (seen && Date.now() - seen.at < SEQ_CHECK_MS) return seen.seq;
  const seq = await currentChangeSeq(deps.db.kysely);
  seqs.set(deps.db, { at: Date.now(), seq });
  return seq;
}

async function cachedBySeq<T>(deps: Deps, key: string, load: () => Promise<T>): Promise<T> {
  const seq = await latestSeq(deps);
  let cache = caches.get(deps.db);
  if (!cache || cache.seq !== seq) caches.set(deps.db, (cache = { seq, values: new Map() }));
  if (cache.values.has(key)) return cache.values.get(key) as T;
  const value = await load();
  // A write may have landed while loading: keep the value only if the counter is unchanged.
  if (caches.get(deps.db) === cache) cache.values.set(key, value);
  return value;
}

export interface PublicCategory {
  name: string;
  count: number;
}

/** Categories of a locale's public articles with their article counts. */
export function publicCategories(deps: Deps, locale: string): Promise<PublicCategory[]> {
  return cachedBySeq(deps, `categories:${locale}`, async () =>
    (await findPublicCategories(deps.db.kysely, locale)).map((r) => ({ name: r.category!, count: Number(r.count) })),
  );
}

/** A page of a category's public articles (by section, then title). */
export function publicArticlesInCategory(deps: Deps, category: string, locale: string, page: number, perPage: number) {
  return cachedBySeq(deps, `category:${locale}:${category}:${page}:${perPage}`, () =>
    findPublicInCategory(deps.db.kysely, category, locale, (page - 1) * perPage, perPage + 1),
  );
}

// Views move without the change counter, so the most viewed list is kept for a minute instead.
const popular = new WeakMap<object, Map<string, { at: number; rows: Array<{ id: string; title: string; category: string | null }> }>>();
const POPULAR_TTL_MS = 60_000;

/** The most viewed public articles of a locale (at most a minute old). */
export async function popularArticles(deps: Deps, locale: string, limit: number) {
  let byKey = popular.get(deps.db);
  if (!byKey) popular.set(deps.db, (byKey = new Map()));
  const key = `${locale}:${limit}`;
  const hit = byKey.get(key);
  if (hit && Date.now() - hit.at < POPULAR_TTL_MS) return hit.rows;
  const rows = await findPopular(deps.db.kysely, locale, limit);
  byKey.set(key, { at: Date.now(), rows });
  return rows;
}

/** A public, published article with its public translations, or undefined. */
export async function publicArticle(deps: Deps, id: string): Promise<{ article: KbArticleRow; translations: Array<{ id: string; locale: string; title: string }> } | undefined> {
  const article = await findPublicArticle(deps.db.kysely, id);
  if (!article) return undefined;
  // A group's versions change only with the change counter: kept, so a page is one read.
  const group = await cachedBySeq(deps, `group:${article.group_id}`, () => findPublicTranslations(deps.db.kysely, article.group_id, ''));
  return { article, translations: group.filter((t) => t.id !== article.id) };
}

export interface SitemapEntry {
  id: string;
  locale: string;
  category: string | null;
  updatedAt: string;
}

/** Every public, published article, read a page at a time. */
export function publicSitemapEntries(deps: Deps): Promise<SitemapEntry[]> {
  return cachedBySeq(deps, 'sitemap', async () => {
    const entries: SitemapEntry[] = [];
    let after = '';
    for (;;) {
      const rows = await findSitemapPage(deps.db.kysely, after, 2_000);
      for (const r of rows) entries.push({ id: r.id, locale: r.locale, category: r.category, updatedAt: r.updated_at });
      if (rows.length < 2_000) return entries;
      after = rows[rows.length - 1].id;
    }
  });
}

/** Adds batched view counts (article id → views); articles deleted meanwhile are skipped. */
export async function recordArticleViews(deps: Deps, counts: Map<string, number>): Promise<void> {
  for (const [id, n] of counts) await addViews(deps.db.kysely, id, n);
}
