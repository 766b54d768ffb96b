import { englishKey, isStopWord } from '../kb/search/analyze.js';
import { words } from '../kb/search/text.js';
import type { GuideSource, GuideSuggestion } from './sources.js';

/**
 * A GuideSource over a list of published guides: a team has tens or hundreds of guides, so
 * they are scored in memory (a small BM25-style overlap of the ticket's words with each guide's
 * title, weighted ×2, and its description and category), the list re-read at most every
 * `ttlMs`. The guides feature supplies the loader; this module does not know its tables.
 */

export interface GuideDoc {
  id: string;
  title: string;
  description: string;
  category: string | null;
  visibility: 'public' | 'internal';
}

/** Share of the ticket's key words a guide must hold to be suggested. */
const MIN_SHARE = 0.3;
const TITLE_WEIGHT = 2;

const keys = (text: string) => words(text).filter((w) => w.length > 1 && !isStopWord(w)).map(englishKey);

interface Indexed {
  doc: GuideDoc;
  title: Set<string>;
  rest: Set<string>;
}

/** Scores guides against a text: idf (over the guides) of each shared key, title ×2; and the share of the text's keys held. */
export function rankGuides(guides: Indexed[], text: { subject: string; body: string }, limit: number): { doc: GuideDoc; score: number; share: number }[] {
  const wanted = [...new Set([...keys(text.subject), ...keys(text.body.slice(0, 5_000))])];
  if (wanted.length === 0 || guides.length === 0) return [];
  const df = new Map<string, number>();
  for (const g of guides) for (const k of wanted) if (g.title.has(k) || g.rest.has(k)) df.set(k, (df.get(k) ?? 0) + 1);
  const idf = (k: string) => Math.log(1 + (guides.length - (df.get(k) ?? 0) + 0.5) / ((df.get(k) ?? 0) + 0.5));
  // A guide is judged on the subject's words: a long body would make every share small.
  const subjectKeys = new Set(keys(text.subject));
  return guides
    .map((g) => {
      let score = 0;
      let held = 0;
      let total = 0;
      for (const k of wanted) {
        const weight = g.title.has(k) ? TITLE_WEIGHT : g.rest.has(k) ? 1 : 0;
        score += weight * idf(k);
        if (subjectKeys.has(k)) {
          total += idf(k);
          if (weight > 0) held += idf(k);
        }
      }
      return { doc: g.doc, score: Math.round(score * 1000) / 1000, share: total === 0 ? 0 : held / total };
    })
    .filter((r) => r.score > 0 && r.share >= MIN_SHARE)
    .sort((a, b) => b.score - a.score || a.doc.title.localeCompare(b.doc.title))
    .slice(0, limit);
}

/** A GuideSource reading guides through `load` (cached for `ttlMs`), linking public ones with `urlOf`. */
export function guideSource(load: () => Promise<GuideDoc[]>, urlOf: (id: string) => string, ttlMs = 10_000): GuideSource {
  let cached: { at: number; guides: Promise<Indexed[]> } | undefined;
  const current = () => {
    if (!cached || performance.now() - cached.at > ttlMs) {
      const guides = load().then((docs) => docs.map((doc) => ({ doc, title: new Set(keys(doc.title)), rest: new Set(keys(`${doc.description} ${doc.category ?? ''}`)) })));
      // A failed load is not kept: the next request tries again.
      guides.catch(() => {
        if (cached?.guides === guides) cached = undefined;
      });
      cached = { at: performance.now(), guides };
    }
    return cached.guides;
  };
  return {
    async suggest(text, limit): Promise<GuideSuggestion[]> {
      return rankGuides(await current(), text, limit).map((r) => ({ id: r.doc.id, title: r.doc.title, score: r.score, url: r.doc.visibility === 'public' ? urlOf(r.doc.id) : null }));
    },
  };
}
