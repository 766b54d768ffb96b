import { englishKey, isStopWord } from './analyze.js';
import type { QueryAlternatives, QueryClause, QueryGroup, SearchIndex, Variant } from './engine.js';
import { words } from './text.js';
import { typoBudget } from './vocabulary.js';

/**
 * Turns what a user typed into weighted query groups: each word with its stem, corrections for
 * words no document contains, completions of the word still being typed, and synonyms.
 */

export interface QueryParams {
  /** Weight of a stop word when the query has other words (a query of stop words only keeps them whole). */
  stopWeight: number;
  /** Weight of a corrected word, by edit distance (index 1 and 2). */
  typoWeights: [number, number, number];
  /** Weight of a completion of the last word. */
  prefixWeight: number;
  /** Weight of a synonym's words. */
  synonymWeight: number;
  maxCorrections: number;
  maxCompletions: number;
}

/** Expansion weights and limits (docs/kb.md explains each). */
export const DEFAULT_QUERY: QueryParams = {
  stopWeight: 0.5,
  typoWeights: [1, 0.7, 0.5],
  prefixWeight: 0.8,
  synonymWeight: 0.7,
  maxCorrections: 4,
  maxCompletions: 6,
};

/** Longer queries are cut, not refused: a pasted paragraph still answers. */
export const MAX_QUERY_CHARS = 500;
export const MAX_QUERY_WORDS = 32;

/** Each synonym set is a list of phrases, each phrase a list of words. */
export type SynonymSets = string[][][];

export interface QueryOptions {
  /** Complete the last word as a prefix (search-as-you-type) unless the text ends in a space. */
  prefix: boolean;
  /** Correct words that no document contains. */
  typos: boolean;
  synonyms: SynonymSets;
  params: QueryParams;
}

export interface QueryPlan {
  clauses: QueryClause[];
  /** Index keys worth highlighting in snippets. */
  highlight: Set<string>;
}

/** The index keys a word can match: its English stem, and itself for documents in other languages. */
function formsOf(word: string, weight: number): Variant[] {
  const stem = englishKey(word);
  return stem === word ? [{ key: word, weight }] : [{ key: stem, weight }, { key: word, weight }];
}

/** Adds variants, keeping the higher weight when a key is already there. */
function addVariants(group: QueryGroup, variants: Variant[]): void {
  for (const v of variants) {
    const existing = group.variants.find((x) => x.key === v.key);
    if (!existing) group.variants.push(v);
    else if (existing.weight < v.weight) existing.weight = v.weight;
  }
}

/** Builds the query plan for `text` against the index's vocabulary. */
export function planQuery(text: string, index: SearchIndex, options: QueryOptions): QueryPlan {
  const clipped = text.slice(0, MAX_QUERY_CHARS);
  const ws = words(clipped).slice(0, MAX_QUERY_WORDS);
  const { params } = options;
  const onlyStopWords = ws.every(isStopWord);
  const stillTyping = options.prefix && /[\p{L}\p{N}]$/u.test(clipped);
  const known = (variants: Variant[]) => variants.some((v) => index.documentFrequency(v.key) > 0);
  // Stop words still count a little, but highlighting them everywhere would hide the real matches.
  const quiet = new Set<QueryGroup>();
  const groups: QueryGroup[] = ws.map((word, i) => {
    const stop = isStopWord(word);
    const group: QueryGroup = { weight: stop && !onlyStopWords ? params.stopWeight : 1, variants: formsOf(word, 1) };
    if (stop && !onlyStopWords) quiet.add(group);
    if (options.typos && !stop && !known(group.variants)) {
      for (const s of index.vocabulary.similar(word, typoBudget(word.length), params.maxCorrections)) {
        addVariants(group, formsOf(s.word, params.typoWeights[s.distance]));
      }
    }
    if (stillTyping && i === ws.length - 1 && word.length >= 2) {
      for (const s of index.vocabulary.completions(word, params.maxCompletions)) {
        addVariants(group, formsOf(s.word, params.prefixWeight * (isStopWord(s.word) ? params.stopWeight : 1)));
      }
    }
    return group;
  });
  const clauses = withSynonyms(ws, groups, options.synonyms, { params, quiet, index });
  const highlight = new Set<string>();
  const mark = (group: QueryGroup) => {
    if (!quiet.has(group)) for (const v of group.variants) highlight.add(v.key);
  };
  for (const clause of clauses) {
    if ('variants' in clause) mark(clause);
    else for (const alternative of clause.alternatives) alternative.groups.forEach(mark);
  }
  return { clauses, highlight };
}

/** Groups for the words of a synonym phrase, its stop words weighted down as in the query. */
function phraseGroups(phrase: string[], params: QueryParams, quiet: Set<QueryGroup>): QueryGroup[] {
  const content = phrase.some((w) => !isStopWord(w));
  return phrase.map((word) => {
    const group = { weight: content && isStopWord(word) ? params.stopWeight : 1, variants: formsOf(word, 1) };
    if (content && isStopWord(word)) quiet.add(group);
    return group;
  });
}

interface SynonymContext {
  params: QueryParams;
  quiet: Set<QueryGroup>;
  index: SearchIndex;
}

/** How much a group can score at most, up to BM25's saturation: its weight times its rarity. */
const groupIdf = (group: QueryGroup, index: SearchIndex) => group.weight * index.idf(group.variants[0].key);

/**
 * The weight of a synonym. A rarer synonym of a common word must not outscore the word itself
 * (the word is what was asked), so its weight is scaled by the ratio of their rarities, as
 * search engines that treat synonyms as one term do.
 */
function synonymWeight(original: QueryGroup[], synonym: QueryGroup[], context: SynonymContext): number {
  const asked = original.reduce((sum, g) => sum + groupIdf(g, context.index), 0);
  const offered = synonym.reduce((sum, g) => sum + groupIdf(g, context.index), 0);
  return context.params.synonymWeight * Math.min(1, offered > 0 ? asked / offered : 1);
}

/**
 * Expands synonyms found in the query. A one-word synonym of a one-word match joins that
 * word's group; a phrase on either side makes the matched words a clause of alternatives
 * (the words as typed, or each synonym phrase at a lower weight) scored by the best one.
 */
function withSynonyms(ws: string[], groups: QueryGroup[], sets: SynonymSets, context: SynonymContext): QueryClause[] {
  const { params, quiet } = context;
  const spans = new Map<number, { end: number; clause: QueryAlternatives }>();
  const covered: boolean[] = ws.map(() => false);
  const keys = ws.map(englishKey);
  for (const set of sets) {
    for (const phrase of set) {
      const at = findPhrase(keys, phrase.map(englishKey));
      if (at < 0) continue;
      const end = at + phrase.length;
      const original = groups.slice(at, end);
      for (const other of set) {
        if (other === phrase) continue;
        const alternative = phraseGroups(other, params, quiet);
        const weight = synonymWeight(original, alternative, context);
        if (phrase.length === 1 && other.length === 1) {
          addVariants(groups[at], formsOf(other[0], weight));
          continue;
        }
        let span = spans.get(at);
        if (!span || span.end !== end) {
          if (covered.slice(at, end).some(Boolean)) continue;
          span = { end, clause: { alternatives: [{ weight: 1, groups: original }] } };
          spans.set(at, span);
          for (let i = at; i < end; i++) covered[i] = true;
        }
        span.clause.alternatives.push({ weight, groups: alternative });
      }
    }
  }
  const clauses: QueryClause[] = [];
  for (let i = 0; i < ws.length; ) {
    const span = spans.get(i);
    if (span) {
      clauses.push(span.clause);
      i = span.end;
    } else {
      clauses.push(groups[i++]);
    }
  }
  return clauses;
}

function findPhrase(keys: string[], phrase: string[]): number {
  if (phrase.length === 0) return -1;
  outer: for (let i = 0; i + phrase.length <= keys.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (keys[i + j] !== phrase[j]) continue outer;
    return i;
  }
  return -1;
}
