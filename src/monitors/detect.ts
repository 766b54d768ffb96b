/** The statistics behind the monitors, as pure functions the tests drive with synthetic series. */

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface SpikeThresholds {
  /** Robust z-score at or above which an hour is a spike. */
  zScore: number;
  /** Fewest tickets in the hour for it to count. */
  minTickets: number;
  /** The hour must also be at least this multiple of the baseline median. */
  minRatio: number;
}

export interface SpikeVerdict {
  spike: boolean;
  observed: number;
  baseline: number;
  sigma: number;
  z: number;
}

/**
 * Is `observed` a spike against the same hour of the week in earlier weeks? Baseline = median,
 * spread = 1.4826 × MAD (a robust standard deviation: one earlier spike does not raise the bar),
 * floored at √median and 1 so a flat history does not turn every extra ticket into an alert.
 */
export function detectSpike(observed: number, history: number[], t: SpikeThresholds): SpikeVerdict {
  const baseline = median(history);
  const mad = median(history.map((v) => Math.abs(v - baseline)));
  const sigma = Math.max(1.4826 * mad, Math.sqrt(baseline), 1);
  const z = (observed - baseline) / sigma;
  return { spike: z >= t.zScore && observed >= t.minTickets && observed >= baseline * t.minRatio, observed, baseline, sigma, z };
}

/** The same hour of the week in the `weeks` weeks before hour `index` of an hourly series. */
export function sameHourBefore(series: number[], index: number, weeks: number): number[] {
  const out: number[] = [];
  for (let k = 1; k <= weeks; k++) if (index - 168 * k >= 0) out.push(series[index - 168 * k]);
  return out;
}

export interface Sample {
  n: number;
  mean: number;
  sd: number;
}

export interface DeclineVerdict {
  declining: boolean;
  drop: number;
  z: number;
}

/**
 * Has the mean fallen significantly? Welch's z on the difference of means (large samples):
 * declining when the drop is at least `minDrop` and z at least `zScore`, with enough responses on both sides.
 */
export function detectDecline(current: Sample, trailing: Sample, t: { minDrop: number; zScore: number; minResponses: number }): DeclineVerdict {
  const drop = trailing.mean - current.mean;
  if (current.n < t.minResponses || trailing.n < t.minResponses) return { declining: false, drop, z: 0 };
  const se = Math.sqrt(current.sd ** 2 / current.n + trailing.sd ** 2 / trailing.n);
  const z = se > 0 ? drop / se : drop > 0 ? Infinity : 0;
  return { declining: drop >= t.minDrop && z >= t.zScore, drop, z };
}

/** n, mean and sample standard deviation of scores. */
export function sampleOf(values: number[]): Sample {
  const n = values.length;
  const mean = n ? values.reduce((a, b) => a + b, 0) / n : 0;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { n, mean, sd };
}

const STOP = new Set(
  'about after again also because been before being could does doing from have having help here into just like make more need needs please should since some still than that their them then there these they this those through very want what when where which while will with would your cannot can\'t doesn\'t don\'t isn\'t won\'t hello thanks thank issue problem question the and for not you our are was has any but get how why who all out its too'.split(' '),
);

/** Words of a subject that can name an issue: lower case, three letters or more, no stop words. */
export function issueTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'-]{2,}/gu) ?? [];
  return [...new Set(words.filter((w) => !STOP.has(w) && !/^\d+$/.test(w)))];
}

export interface TermCluster {
  /** The terms that name the cluster (a frequent word and its most frequent companion). */
  terms: string[];
  /** Indexes of the documents in the cluster. */
  members: number[];
}

/**
 * A simple term clustering of short texts: each word found in at least `minSize` documents seeds
 * a cluster of those documents, named by it and the word most often beside it. The most common
 * words seed first and each document joins one cluster at most, so clusters do not overlap.
 */
export function termClusters(texts: string[], minSize: number, maxClusters: number): TermCluster[] {
  const docs = texts.map(issueTerms);
  const postings = new Map<string, number[]>();
  docs.forEach((terms, i) =>
    terms.forEach((term) => {
      const list = postings.get(term);
      if (list) list.push(i);
      else postings.set(term, [i]);
    }),
  );
  const seeds = [...postings].filter(([, ids]) => ids.length >= minSize).sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const used = new Set<number>();
  const clusters: TermCluster[] = [];
  for (const [term, ids] of seeds) {
    const members = ids.filter((i) => !used.has(i));
    if (members.length < minSize) continue;
    const companions = new Map<string, number>();
    for (const i of members) for (const other of docs[i]) if (other !== term) companions.set(other, (companions.get(other) ?? 0) + 1);
    const [companion, together] = [...companions].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? ['', 0];
    // A companion names the cluster only when most members share it.
    const terms = together * 2 >= members.length ? [term, companion] : [term];
    // Named in the order the words appear in the first ticket ("printer jam", not "jam printer").
    const first = docs[members[0]];
    terms.sort((a, b) => first.indexOf(a) - first.indexOf(b));
    members.forEach((i) => used.add(i));
    clusters.push({ terms, members });
    if (clusters.length >= maxClusters) break;
  }
  return clusters;
}
