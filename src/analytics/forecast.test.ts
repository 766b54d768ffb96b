import { describe, expect, it } from 'vitest';
import { binEdges, binOf, quantileFromBins } from './buckets.js';
import { agentsNeeded, erlangC, serviceLevel } from './erlang.js';
import { backtest, fitHoltWinters, forecastAhead } from './holt-winters.js';
import { seasonalSeries } from './test-series.js';

describe('Erlang C', () => {
  // Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example": 100 calls per
  // half hour (200/h, A = 10 Erlangs), 180 s handle time, 80% answered in 20 s. Its worked steps
  // give P(wait) = 68.2% with 11 agents and 14 agents as the raw requirement before shrinkage.
  it('matches the published worked example', () => {
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4);
    expect(serviceLevel(13, 10, 180, 20)).toBeLessThan(0.8);
    const plan = agentsNeeded({ perHour: 200, ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8, maxOccupancy: 1 });
    expect(plan.agents).toBe(14);
    expect(plan.serviceLevel).toBeCloseTo(0.888, 3);
  });

  it('100 contacts an hour at 180 s, 80% in 20 s needs 8 agents (7 give 74%)', () => {
    // A = 5 Erlangs. With 7 agents P(wait) = 0.3241 and SL = 1 − 0.3241·e^(−2·20/180) = 74.0%;
    // with 8, P(wait) = 0.1673 and SL = 88.0% (the same formula as the example above).
    expect(erlangC(7, 5)).toBeCloseTo(0.3241, 4);
    expect(serviceLevel(7, 5, 180, 20)).toBeCloseTo(0.7404, 4);
    expect(agentsNeeded({ perHour: 100, ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8, maxOccupancy: 1 }).agents).toBe(8);
  });

  it('respects the occupancy cap and needs nobody for no work', () => {
    const plan = agentsNeeded({ perHour: 100, ahtSeconds: 180, targetSeconds: 3600, serviceLevel: 0.5, maxOccupancy: 0.5 });
    expect(plan.agents).toBe(10);
    expect(plan.occupancy).toBeLessThanOrEqual(0.5);
    expect(agentsNeeded({ perHour: 0, ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8, maxOccupancy: 0.85 }).agents).toBe(0);
  });
});

describe('Holt-Winters forecast', () => {
  it('learns a weekly pattern and reports its backtest error on the held-out last week', () => {
    const series = seasonalSeries(8);
    const result = backtest(series, 168, 168);
    // The noise is ±2 tickets around office-hour levels of 20: a good fit errs by about that.
    expect(result.mae).toBeLessThan(2);
    expect(result.mape).not.toBeNull();
    expect(result.mape!).toBeLessThan(0.25);
    const fit = fitHoltWinters(series, 168);
    const next = forecastAhead(fit, series.length, 336);
    expect(next).toHaveLength(336);
    // Monday 10:00 busy, Sunday 03:00 quiet.
    expect(next[10]).toBeGreaterThan(15);
    expect(next[6 * 24 + 3]).toBeLessThan(5);
  });
});

describe('histogram percentiles', () => {
  it('reads quantiles within one bin (±9%)', () => {
    const bins = new Map<number, number>();
    const values = Array.from({ length: 1001 }, (_, i) => 60 + i * 30);
    for (const v of values) bins.set(binOf(v), (bins.get(binOf(v)) ?? 0) + 1);
    const median = quantileFromBins(bins, 0.5)!;
    expect(Math.abs(median / values[500] - 1)).toBeLessThan(0.09);
    const p90 = quantileFromBins(bins, 0.9)!;
    expect(Math.abs(p90 / values[900] - 1)).toBeLessThan(0.09);
    const [low, high] = binEdges(binOf(3600));
    expect(low).toBeLessThanOrEqual(3600);
    expect(high).toBeGreaterThan(3600);
    expect(quantileFromBins(new Map(), 0.5)).toBeNull();
  });
});
