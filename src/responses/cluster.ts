import { englishKey, isStopWord } from '../kb/search/analyze.js';
import { words } from '../kb/search/text.js';

/**
 * Clustering short support texts (ticket subjects and reports, search queries) by the
 * significant words they share: TF-IDF vectors over the texts being clustered (stems, stop words
 * and support small talk dropped, the head counted twice), then one greedy pass that puts each
 * text into the cluster whose centroid it is most similar to, or opens a new one. Deterministic
 * for a given input order; O(texts × clusters sharing a term).
 */

export interface ClusterInput {
  /** The words that state the need: a subject or a query (counted twice). */
  head: string;
  body?: string;
  /** How many occurrences this text stands for (a query asked 5 times weighs 5). */
  weight: number;
}

export interface Cluster {
  members: number[];
  weight: number;
  /** The member closest to the centroid. */
  representative: number;
  /** The heaviest terms, as written. */
  terms: string[];
}

/** Words every support text has, which say nothing about the topic. */
const SMALL_TALK = new Set(
  'hi hello hey thanks thank please help helps issue issues problem problems question questions regards best team support need want get got also still just like could can cannot working work works anyone something anything way know dear sir madam'.split(' '),
);
const MAX_BODY_CHARS = 600;

type Vector = Map<string, number>;

function termCounts(input: ClusterInput, surface: Map<string, Map<string, number>>): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string, times: number) => {
    for (const word of words(text)) {
      if (word.length < 3 || isStopWord(word) || SMALL_TALK.has(word) || /^\d+$/.test(word)) continue;
      const key = englishKey(word);
      counts.set(key, (counts.get(key) ?? 0) + times);
      const forms = surface.get(key) ?? new Map<string, number>();
      forms.set(word, (forms.get(word) ?? 0) + times);
      surface.set(key, forms);
    }
  };
  add(input.head, 2);
  add((input.body ?? '').slice(0, MAX_BODY_CHARS), 1);
  return counts;
}

function normalise(v: Vector): Vector {
  let norm = 0;
  for (const x of v.values()) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [k, x] of v) v.set(k, x / norm);
  return v;
}

const dot = (a: Vector, b: Vector) => {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [k, x] of small) sum += x * (large.get(k) ?? 0);
  return sum;
};

/** Clusters the texts; `minSimilarity` is the cosine a text needs with a centroid to join it. */
export function clusterTexts(inputs: ClusterInput[], minSimilarity = 0.3): Cluster[] {
  const surface = new Map<string, Map<string, number>>();
  const counts = inputs.map((input) => termCounts(input, surface));
  const df = new Map<string, number>();
  for (const c of counts) for (const key of c.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  const n = inputs.length;
  const vectors = counts.map((c) => normalise(new Map([...c].map(([k, tf]) => [k, (1 + Math.log(tf)) * Math.log(1 + n / df.get(k)!)]))));

  // Centroids are kept as sums with their squared norms, so a similarity costs one sparse dot.
  const centroids: Vector[] = [];
  const normSq: number[] = [];
  const members: number[][] = [];
  const byTerm = new Map<string, Set<number>>();
  vectors.forEach((vector, i) => {
    if (vector.size === 0) return;
    const candidates = new Set<number>();
    for (const key of vector.keys()) for (const c of byTerm.get(key) ?? []) candidates.add(c);
    let best = -1;
    let bestSim = minSimilarity;
    for (const c of candidates) {
      const sim = dot(vector, centroids[c]) / Math.sqrt(normSq[c]);
      if (sim >= bestSim) [best, bestSim] = [c, sim];
    }
    if (best < 0) {
      best = centroids.length;
      centroids.push(new Map());
      normSq.push(0);
      members.push([]);
    }
    members[best].push(i);
    const centroid = centroids[best];
    for (const [k, x] of vector) {
      const before = centroid.get(k) ?? 0;
      normSq[best] += (before + x) ** 2 - before ** 2;
      centroid.set(k, before + x);
      const set = byTerm.get(k) ?? new Set<number>();
      set.add(best);
      byTerm.set(k, set);
    }
  });

  return members.map((list, c) => {
    const centroid = normalise(new Map(centroids[c]));
    const representative = list.reduce((a, b) => (dot(vectors[b], centroid) > dot(vectors[a], centroid) + 1e-9 ? b : a), list[0]);
    const terms = [...centroids[c]]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 5)
      .map(([key]) => [...(surface.get(key) ?? new Map([[key, 1]]))].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0]);
    return { members: list, weight: list.reduce((sum, i) => sum + inputs[i].weight, 0), representative, terms };
  });
}
