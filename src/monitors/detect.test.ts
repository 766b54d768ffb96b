import { describe, expect, it } from 'vitest';
import { seasonalSeries } from '../analytics/test-series.js';
import { detectDecline, detectSpike, sameHourBefore, sampleOf, termClusters } from './detect.js';

const SPIKE = { zScore: 4, minTickets: 10, minRatio: 1.5 };

describe('volume spike detection', () => {
  const series = seasonalSeries(6);
  const lastWeek = Array.from({ length: 168 }, (_, i) => 5 * 168 + i);

  it('raises nothing over a normal week', () => {
    const spikes = lastWeek.filter((i) => detectSpike(series[i], sameHourBefore(series, i, 4), SPIKE).spike);
    expect(spikes).toEqual([]);
  });

  it('finds a spike injected into the seasonal series, in office hours and at night', () => {
    for (const hour of [5 * 168 + 24 + 10, 5 * 168 + 24 * 3 + 2]) {
      const spiked = [...series];
      spiked[hour] += 40;
      expect(detectSpike(spiked[hour], sameHourBefore(spiked, hour, 4), SPIKE).spike).toBe(true);
    }
  });

  it('is robust to an earlier spike in the baseline (median and MAD)', () => {
    const history = [20, 21, 19, 80];
    expect(detectSpike(22, history, SPIKE).spike).toBe(false);
    expect(detectSpike(60, history, SPIKE).spike).toBe(true);
  });
});

describe('CSAT decline detection', () => {
  const scores = (mean: number, n: number) => Array.from({ length: n }, (_, i) => Math.min(5, Math.max(1, Math.round(mean + [-1, 0, 0, 1, 0.5, -0.5][i % 6]))));
  const rule = { minDrop: 0.3, zScore: 2, minResponses: 20 };

  it('detects a drop of 0.5 over a week against the four weeks before', () => {
    const trailing = sampleOf(scores(4.5, 400));
    const week = sampleOf(scores(4.0, 100));
    expect(trailing.mean - week.mean).toBeGreaterThanOrEqual(0.45);
    expect(detectDecline(week, trailing, rule).declining).toBe(true);
  });

  it('stays quiet for a steady score and for too few responses', () => {
    expect(detectDecline(sampleOf(scores(4.5, 100)), sampleOf(scores(4.5, 400)), rule).declining).toBe(false);
    expect(detectDecline(sampleOf(scores(3.5, 5)), sampleOf(scores(4.5, 400)), rule).declining).toBe(false);
  });
});

describe('term clusters', () => {
  it('groups tickets by a shared issue and names it', () => {
    const texts = ['Printer jam on floor 3', 'printer jam again', 'The printer jams', 'Printer jam in accounting', 'Password reset link', 'Invoice total wrong'];
    const clusters = termClusters(texts, 3, 5);
    expect(clusters[0].terms).toEqual(['printer', 'jam']);
    expect(clusters[0].members).toEqual([0, 1, 2, 3]);
    expect(clusters).toHaveLength(1);
  });
});
