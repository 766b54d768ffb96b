import { DEFAULT_RANKING, SearchIndex, type IndexDoc, type RankingParams } from './engine.js';
import { DEFAULT_QUERY, planQuery, type QueryParams, type SynonymSets } from './query.js';
import { snippet } from './snippet.js';
import { words } from './text.js';

/** Knowledge-base search over one in-memory index: what the service and the benchmarks call. */

export interface SearchRequest {
  q: string;
  limit: number;
  /** Only documents of this visibility (the help center asks for public ones). */
  visibility?: string;
  locale?: string;
  category?: string;
  /** Complete the last word as it is typed (default true). */
  prefix?: boolean;
  /** Correct words no document contains (default true; benchmarks turn it off to measure it). */
  typos?: boolean;
}

export interface SearchResult {
  id: string;
  externalId: string | null;
  title: string;
  score: number;
  snippet: string;
}

/** An index, its synonyms and the query planner: search as the service runs it. */
export class Searcher {
  readonly index: SearchIndex;
  private synonyms: SynonymSets = [];

  constructor(
    ranking: RankingParams = DEFAULT_RANKING,
    private readonly queryParams: QueryParams = DEFAULT_QUERY,
  ) {
    this.index = new SearchIndex(ranking);
  }

  upsert(doc: IndexDoc): void {
    this.index.upsert(doc);
  }

  remove(id: string): void {
    this.index.remove(id);
  }

  /** Replaces the synonym sets: each a list of equivalent words or phrases. */
  setSynonyms(sets: string[][]): void {
    this.synonyms = sets.map((set) => set.map((phrase) => words(phrase)).filter((phrase) => phrase.length > 0)).filter((set) => set.length > 1);
  }

  /** The best documents for the query, with scores and highlighted snippets. */
  search(request: SearchRequest): SearchResult[] {
    const plan = planQuery(request.q, this.index, {
      prefix: request.prefix ?? true,
      typos: request.typos ?? true,
      synonyms: this.synonyms,
      params: this.queryParams,
    });
    if (plan.clauses.length === 0) return [];
    const { visibility, locale, category } = request;
    const accept = (doc: IndexDoc) =>
      (visibility === undefined || doc.visibility === visibility) && (locale === undefined || doc.locale === locale) && (category === undefined || doc.category === category);
    return this.index.search(plan.clauses, request.limit, accept).map(({ doc, score }) => ({
      id: doc.id,
      externalId: doc.externalId,
      title: doc.title,
      score: Math.round(score * 10_000) / 10_000,
      snippet: snippet(doc.body, plan.highlight, doc.english),
    }));
  }
}
