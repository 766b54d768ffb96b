import type { Deps } from '../platform/context.js';
import { hourlySeries } from './analytics.store.js';
import { HOUR_MS } from './buckets.js';
import { agentsNeeded, type StaffingInput } from './erlang.js';
import { backtest, fitHoltWinters, forecastAhead, type Backtest } from './holt-winters.js';

export const SEASON_HOURS = 168;

export interface Forecast {
  method: 'holt-winters' | 'mean';
  params: { alpha: number; beta: number; gamma: number; season: number };
  backtest: Backtest;
  items: Array<{ hour: string; expected: number }>;
}

/** Hourly ticket counts (zeros filled in) for the `hours` whole hours before `endMs`. */
export async function createdPerHour(deps: Deps, endMs: number, hours: number): Promise<number[]> {
  const end = Math.floor(endMs / HOUR_MS) * HOUR_MS;
  const start = end - hours * HOUR_MS;
  const series = await hourlySeries(deps.db.kysely, 'created', new Date(start).toISOString(), new Date(end).toISOString());
  return Array.from({ length: hours }, (_, i) => series.get(new Date(start + i * HOUR_MS).toISOString()) ?? 0);
}

/**
 * Hourly volume for the next `hours` after the current hour, fitted on `historyWeeks` of
 * history, with the error of the same method on the last week held out. With less than three
 * weeks of history (two to start the season, one to hold out) it falls back to the mean.
 */
export async function forecastVolume(deps: Deps, hours: number, historyWeeks: number): Promise<Forecast> {
  const nowMs = deps.clock.now().getTime();
  const series = await createdPerHour(deps, nowMs, historyWeeks * SEASON_HOURS);
  // Skip leading empty weeks (a young help desk): they would teach the model a false trend.
  const firstBusy = series.findIndex((v) => v > 0);
  const used = firstBusy < 0 ? [] : series.slice(Math.floor(firstBusy / SEASON_HOURS) * SEASON_HOURS);
  const startMs = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  const hourAt = (i: number) => new Date(startMs + i * HOUR_MS).toISOString();
  if (used.length < 3 * SEASON_HOURS) {
    const avg = used.length ? used.reduce((a, b) => a + b, 0) / used.length : 0;
    const mae = used.length ? used.reduce((a, y) => a + Math.abs(y - avg), 0) / used.length : 0;
    return {
      method: 'mean',
      params: { alpha: 0, beta: 0, gamma: 0, season: SEASON_HOURS },
      backtest: { heldOutHours: 0, mae, mape: null },
      items: Array.from({ length: hours }, (_, i) => ({ hour: hourAt(i), expected: avg })),
    };
  }
  const fit = fitHoltWinters(used, SEASON_HOURS);
  const values = forecastAhead(fit, used.length, hours);
  return {
    method: 'holt-winters',
    params: fit.params,
    backtest: backtest(used, SEASON_HOURS, SEASON_HOURS),
    items: values.map((expected, i) => ({ hour: hourAt(i), expected })),
  };
}

/** Agents needed per forecast hour with Erlang C. */
export async function staffingPlan(deps: Deps, hours: number, historyWeeks: number, input: Omit<StaffingInput, 'perHour'>) {
  const forecast = await forecastVolume(deps, hours, historyWeeks);
  return {
    inputs: input,
    items: forecast.items.map(({ hour, expected }) => {
      const s = agentsNeeded({ ...input, perHour: expected });
      return { hour, expected, agents: s.agents, serviceLevel: s.serviceLevel, occupancy: s.occupancy };
    }),
  };
}
