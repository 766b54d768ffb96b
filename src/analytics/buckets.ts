/**
 * Time buckets and log-spaced histogram bins: the shared arithmetic of rollups and their readers.
 * Buckets are named by their first instant in the stored time format, so they sort and compare
 * like every other timestamp in the database.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** The hour bucket of an ISO-8601 UTC time. */
export const hourOf = (iso: string): string => `${iso.slice(0, 13)}:00:00.000Z`;
/** The day bucket of an ISO-8601 UTC time. */
export const dayOf = (iso: string): string => `${iso.slice(0, 10)}T00:00:00.000Z`;

/** Calendar months (UTC) since January 1970 of a time in ms: month buckets are numbered by it. */
export const monthIndex = (ms: number): number => {
  const d = new Date(ms);
  return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
};
/** The first instant (ms) of a month numbered by monthIndex. */
export const monthStart = (index: number): number => Date.UTC(1970 + Math.floor(index / 12), ((index % 12) + 12) % 12, 1);

/**
 * Bins per doubling: each bin spans a factor 2^(1/4) ≈ 1.19. A percentile is interpolated inside
 * the bin that holds the exact one, so it is within that factor of it (−16% … +19%; under 1 s in bin 0).
 */
export const BINS_PER_OCTAVE = 4;

/** The histogram bin of a duration in seconds: bin 0 holds [0, 1 s), bin k ≥ 1 holds [2^((k−1)/4), 2^(k/4)). */
export function binOf(seconds: number): number {
  if (!(seconds >= 1)) return 0;
  return Math.floor(BINS_PER_OCTAVE * Math.log2(seconds)) + 1;
}

/** The lower and upper edges of a bin, in seconds. */
export function binEdges(bin: number): [number, number] {
  if (bin <= 0) return [0, 1];
  return [2 ** ((bin - 1) / BINS_PER_OCTAVE), 2 ** (bin / BINS_PER_OCTAVE)];
}

/**
 * The q-quantile (0 < q < 1) of a histogram given as bin → count, interpolating geometrically
 * inside the bin where the cumulative count crosses q·n; null when empty.
 */
export function quantileFromBins(bins: Map<number, number>, q: number): number | null {
  let total = 0;
  for (const n of bins.values()) total += n;
  if (total <= 0) return null;
  const target = q * total;
  let seen = 0;
  for (const bin of [...bins.keys()].sort((a, b) => a - b)) {
    const n = bins.get(bin) ?? 0;
    if (n <= 0) continue;
    if (seen + n >= target) {
      const [low, high] = binEdges(bin);
      const fraction = Math.min(1, Math.max(0, (target - seen) / n));
      return bin === 0 ? high * fraction : low * (high / low) ** fraction;
    }
    seen += n;
  }
  return binEdges(Math.max(...bins.keys()))[1];
}
