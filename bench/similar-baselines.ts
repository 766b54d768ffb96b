/**
 * Textbook baselines for the similar-ticket evaluation, scoring every document (no index, no
 * shortcuts): plain BM25 (k1 1.2, b 0.75) and plain TF-IDF cosine, both over subject and body
 * as one text, lower-cased words, no stemming, no stop words, no field weights.
 */

export interface Doc {
  id: string;
  text: string;
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function counts(tokens: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const t of tokens) map.set(t, (map.get(t) ?? 0) + 1);
  return map;
}

/** A ranker: the ids of the other documents, best first. */
export type Ranker = (queryId: string) => string[];

function rankBy(docs: Doc[], queryId: string, score: (i: number) => number): string[] {
  const scored: { id: string; s: number }[] = [];
  docs.forEach((d, i) => {
    if (d.id !== queryId) scored.push({ id: d.id, s: score(i) });
  });
  scored.sort((a, b) => b.s - a.s || (a.id < b.id ? -1 : 1));
  return scored.map((x) => x.id);
}

/** BM25 with the query document's whole text as the query. */
export function bm25Baseline(docs: Doc[], k1 = 1.2, b = 0.75): Ranker {
  const tfs = docs.map((d) => counts(words(d.text)));
  const lengths = docs.map((d) => words(d.text).length);
  const avg = lengths.reduce((s, l) => s + l, 0) / docs.length;
  const df = new Map<string, number>();
  for (const tf of tfs) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log(1 + (docs.length - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5));
  const index = new Map(docs.map((d, i) => [d.id, i]));
  return (queryId) => {
    const q = tfs[index.get(queryId)!];
    return rankBy(docs, queryId, (i) => {
      let s = 0;
      for (const [t, qtf] of q) {
        const f = tfs[i].get(t);
        if (f) s += qtf * idf(t) * ((f * (k1 + 1)) / (f + k1 * (1 - b + (b * lengths[i]) / avg)));
      }
      return s;
    });
  };
}

/** Cosine of raw-count TF × IDF vectors. */
export function tfidfBaseline(docs: Doc[]): Ranker {
  const tfs = docs.map((d) => counts(words(d.text)));
  const df = new Map<string, number>();
  for (const tf of tfs) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log(docs.length / (df.get(t) ?? 1));
  const vectors = tfs.map((tf) => new Map([...tf].map(([t, c]) => [t, c * idf(t)])));
  const norms = vectors.map((v) => Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0)) || 1);
  const index = new Map(docs.map((d, i) => [d.id, i]));
  return (queryId) => {
    const qi = index.get(queryId)!;
    const q = vectors[qi];
    return rankBy(docs, queryId, (i) => {
      let s = 0;
      for (const [t, w] of q) {
        const x = vectors[i].get(t);
        if (x) s += w * x;
      }
      return s / (norms[qi] * norms[i]);
    });
  };
}
