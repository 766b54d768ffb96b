import type { Deps } from '../platform/context.js';
import { englishKey, isStopWord, keyOf } from './search/analyze.js';
import type { IndexDoc, SearchIndex } from './search/engine.js';
import { MAX_QUERY_WORDS } from './search/query.js';
import type { SearchResult } from './search/searcher.js';
import { forEachToken, words } from './search/text.js';
import { typoBudget } from './search/vocabulary.js';
import { currentSearcher } from './search.service.js';

/**
 * Matching a long text (a ticket, a logged search) against the articles. The search API cuts
 * queries at 32 words, so a ticket is first reduced to its informative words: the whole
 * subject (a word no article has replaced by its nearest correction, if any), then the body
 * words the articles know, by tf·idf. Each match carries a `coverage`:
 * the idf-weighted share of the text's key words the article contains (0 … 1). BM25 scores
 * grow with query length and corpus, so they cannot say "this article answers it"; coverage
 * can, and suggestions, drafts, the reply check and the gap report all read it.
 */

export interface MatchText {
  /** The words that state the need (a subject, a search query): all of them count for coverage. */
  head: string;
  /** More text (the messages): only its informative words known to the articles are used. */
  body?: string;
}

export interface ArticleMatch extends SearchResult {
  visibility: string;
  locale: string;
  /** Share of the text's key words (idf-weighted) found in the article, 0 … 1. */
  coverage: number;
}

/** Body words added to the query at most (the subject keeps the rest of the 32). */
const MAX_BODY_WORDS = 16;
const MAX_HEAD_WORDS = 16;
/** Only so much of a long thread is read: pasted logs should not drown the report. */
const MAX_BODY_CHARS = 20_000;
/** Corrections of an unknown word count for less than the word itself. */
const CORRECTION_WEIGHT = 0.7;

interface QueryKey {
  keys: string[];
  weight: number;
  /** What goes into the search: the word, or its correction when no article has the word. */
  queryWord: string;
}

/**
 * Typo corrections per index, remembered: finding one scans the vocabulary (about half a
 * millisecond), and tickets repeat the same unknown words (product names, jargon) all day. The
 * memory is dropped when the number of articles changes, after a minute, or past 10,000 words.
 */
const corrections = new WeakMap<SearchIndex, { size: number; since: number; words: Map<string, string | null> }>();
const CORRECTIONS_TTL_MS = 60_000;
const MAX_CORRECTIONS = 10_000;

function correctionOf(index: SearchIndex, word: string): string | null {
  let memo = corrections.get(index);
  if (!memo || memo.size !== index.size || performance.now() - memo.since > CORRECTIONS_TTL_MS || memo.words.size >= MAX_CORRECTIONS) {
    corrections.set(index, (memo = { size: index.size, since: performance.now(), words: new Map() }));
  }
  let found = memo.words.get(word);
  if (found === undefined) memo.words.set(word, (found = index.vocabulary.similar(word, typoBudget(word.length), 1)[0]?.word ?? null));
  return found;
}

/** Courtesy words of support mail: they state no need, and no article should be judged on them. */
const COURTESY = new Set(['hello', 'hi', 'hey', 'dear', 'please', 'thanks', 'thank', 'regards', 'cheers', 'kind', 'best', 'greetings']);
const significant = (word: string) => !isStopWord(word) && !COURTESY.has(word) && word.length > 1;

/** The informative words of the text, in query order, with the keys coverage checks. */
function queryWords(index: SearchIndex, text: MatchText): { query: string[]; keys: QueryKey[] } {
  // One entry per key: "charged" and "charge" are one need, not two.
  const seen = new Set<string>();
  const head = words(text.head)
    .filter(significant)
    .filter((word) => !seen.has(englishKey(word)) && seen.add(englishKey(word)) !== undefined)
    .slice(0, MAX_HEAD_WORDS);
  const counts = new Map<string, { word: string; count: number }>();
  for (const word of words((text.body ?? '').slice(0, MAX_BODY_CHARS))) {
    if (!significant(word) || word.length < 3) continue;
    const key = englishKey(word);
    if (seen.has(key) || index.documentFrequency(key) === 0) continue;
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { word, count: 1 });
  }
  const body = [...counts.entries()]
    .map(([key, { word, count }]) => ({ word, key, score: (1 + Math.log(count)) * index.idf(key) }))
    .sort((a, b) => b.score - a.score || a.word.localeCompare(b.word))
    .slice(0, Math.min(MAX_BODY_WORDS, MAX_QUERY_WORDS - head.length));
  const keys: QueryKey[] = [...head.map((w) => keyFor(index, w)), ...body.map((b) => ({ keys: [b.key, b.word], weight: index.idf(b.key), queryWord: b.word }))];
  return { query: keys.map((k) => k.queryWord), keys };
}

/** The keys a word may match and its weight: its idf, or a correction's when no article has the word. */
function keyFor(index: SearchIndex, word: string): QueryKey {
  const key = englishKey(word);
  if (index.documentFrequency(key) > 0 || index.documentFrequency(word) > 0) return { keys: [key, word], weight: index.idf(key), queryWord: word };
  const correction = correctionOf(index, word);
  if (correction) return { keys: [englishKey(correction), correction], weight: CORRECTION_WEIGHT * index.idf(englishKey(correction)), queryWord: correction };
  // A word no article has: weighed as a word of one article would be. It may name what the
  // articles lack (a product they never mention) or be an ordinary word they happen not to
  // use ("twice"); the absent-word idf, about double, let the second kind sink good matches.
  return { keys: [key, word], weight: Math.log(1 + (index.size - 0.5) / 1.5), queryWord: word };
}

// Key sets per indexed document; documents are replaced (never mutated) on change, so a
// WeakMap entry dies with the version it describes.
const docKeys = new WeakMap<IndexDoc, Set<string>>();

function keysOf(doc: IndexDoc): Set<string> {
  let keys = docKeys.get(doc);
  if (!keys) {
    keys = new Set<string>();
    const text = [doc.title, doc.tags.join(' '), doc.category ?? '', doc.section ?? '', doc.body].join('\n');
    const into = keys;
    forEachToken(text, (word) => {
      into.add(word);
      into.add(keyOf(word, doc.english));
    });
    docKeys.set(doc, keys);
  }
  return keys;
}

/** Idf-weighted share of the query keys the document holds. */
function coverage(doc: IndexDoc, keys: QueryKey[]): number {
  const have = keysOf(doc);
  let total = 0;
  let found = 0;
  for (const k of keys) {
    total += k.weight;
    if (k.keys.some((key) => have.has(key))) found += k.weight;
  }
  return total === 0 ? 0 : Math.round((found / total) * 1000) / 1000;
}

/** The best published articles for a text, best first, each with its coverage of the text. */
export async function matchArticles(deps: Deps, text: MatchText, options: { limit: number; visibility?: 'public' | 'internal' }): Promise<ArticleMatch[]> {
  const searcher = await currentSearcher(deps);
  const { query, keys } = queryWords(searcher.index, text);
  if (query.length === 0) return [];
  // Typos are already corrected above (once, remembered), so the engine need not look again.
  const hits = searcher.search({ q: query.join(' '), limit: options.limit, visibility: options.visibility, prefix: false, typos: false });
  return hits.flatMap((hit) => {
    const doc = searcher.index.get(hit.id);
    return doc ? [{ ...hit, visibility: doc.visibility, locale: doc.locale, coverage: coverage(doc, keys) }] : [];
  });
}
