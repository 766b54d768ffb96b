/**
 * Baselines for the knowledge-base retrieval benchmark, deliberately plain: lower-cased words
 * split on anything that is not a letter or digit, no stemming, no stop-word handling, no typo
 * correction, no synonyms, one field (title and body together).
 */

export interface BaselineDoc {
  id: string;
  text: string;
}

export type Ranker = (query: string, limit: number) => string[];

const tokenize = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Okapi BM25 (k1 1.2, b 0.75) over one field. */
export function plainBm25(docs: BaselineDoc[], k1 = 1.2, b = 0.75): Ranker {
  const tfs = docs.map((d) => {
    const tf = new Map<string, number>();
    for (const w of tokenize(d.text)) tf.set(w, (tf.get(w) ?? 0) + 1);
    return tf;
  });
  const lengths = docs.map((d) => tokenize(d.text).length);
  const avg = lengths.reduce((a, x) => a + x, 0) / Math.max(docs.length, 1) || 1;
  const df = new Map<string, number>();
  for (const tf of tfs) for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = docs.length;
  return (query, limit) => {
    const terms = tokenize(query);
    const scored = docs.map((d, i) => {
      let s = 0;
      for (const t of terms) {
        const f = tfs[i].get(t);
        if (!f) continue;
        const idf = Math.log(1 + (n - df.get(t)! + 0.5) / (df.get(t)! + 0.5));
        s += (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * lengths[i]) / avg));
      }
      return { id: d.id, s };
    });
    return scored.filter((x) => x.s > 0).sort((a, c) => c.s - a.s || (a.id < c.id ? -1 : 1)).slice(0, limit).map((x) => x.id);
  };
}

/** TF-IDF cosine: (1 + log tf) × log(N / df), vectors normalised to unit length. */
export function tfidfCosine(docs: BaselineDoc[]): Ranker {
  const df = new Map<string, number>();
  const tfs = docs.map((d) => {
    const tf = new Map<string, number>();
    for (const w of tokenize(d.text)) tf.set(w, (tf.get(w) ?? 0) + 1);
    for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
    return tf;
  });
  const n = docs.length;
  const idf = (w: string) => Math.log((n + 1) / ((df.get(w) ?? 0) + 1)) + 1;
  const vector = (tf: Map<string, number>) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [w, f] of tf) {
      const x = (1 + Math.log(f)) * idf(w);
      v.set(w, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [w, x] of v) v.set(w, x / norm);
    return v;
  };
  const vectors = tfs.map(vector);
  return (query, limit) => {
    const tf = new Map<string, number>();
    for (const w of tokenize(query)) if (df.has(w)) tf.set(w, (tf.get(w) ?? 0) + 1);
    const q = vector(tf);
    const scored = vectors.map((v, i) => {
      let s = 0;
      for (const [w, x] of q) s += x * (v.get(w) ?? 0);
      return { id: docs[i].id, s };
    });
    return scored.filter((x) => x.s > 0).sort((a, c) => c.s - a.s || (a.id < c.id ? -1 : 1)).slice(0, limit).map((x) => x.id);
  };
}
