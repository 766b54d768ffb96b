// Test fixture shared by the forecast and monitor tests.

/** A seasonal hourly series: office hours, quiet weekends, a little deterministic noise. */
export function seasonalSeries(weeks: number, base = 20, seed = 7): number[] {
  let s = seed;
  const noise = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 4;
  return Array.from({ length: weeks * 168 }, (_, i) => {
    const hour = i % 24;
    const day = Math.floor(i / 24) % 7;
    const office = hour >= 8 && hour < 18 ? 1 : 0.2;
    const weekday = day < 5 ? 1 : 0.3;
    return Math.max(0, Math.round(base * office * weekday + noise()));
  });
}
