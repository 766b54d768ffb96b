/**
 * Additive Holt-Winters (triple exponential smoothing) for hourly volumes with a 168-hour
 * (weekly) season, which also carries the daily pattern. Smoothing parameters are fitted by a
 * grid search minimising one-step-ahead squared error on the history.
 */
export interface HwParams {
  alpha: number;
  beta: number;
  gamma: number;
  season: number;
}

export interface HwFit {
  params: HwParams;
  level: number;
  trend: number;
  seasonal: number[];
  /** One-step-ahead squared error over the fitted part. */
  sse: number;
}

const ALPHAS = [0.02, 0.05, 0.1, 0.2, 0.35, 0.5];
const BETAS = [0, 0.001, 0.01];
const GAMMAS = [0.05, 0.1, 0.2, 0.35, 0.5];

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** Runs the smoother over the series with given parameters (needs two full seasons). */
export function runHoltWinters(series: number[], params: HwParams): HwFit {
  const m = params.season;
  const first = series.slice(0, m);
  const second = series.slice(m, 2 * m);
  let level = mean(first);
  let trend = (mean(second) - level) / m;
  const seasonal = first.map((y) => y - level);
  let sse = 0;
  for (let t = 0; t < series.length; t++) {
    const s = seasonal[t % m];
    const y = series[t];
    if (t >= m) sse += (y - (level + trend + s)) ** 2;
    const previous = level;
    level = params.alpha * (y - s) + (1 - params.alpha) * (level + trend);
    trend = params.beta * (level - previous) + (1 - params.beta) * trend;
    seasonal[t % m] = params.gamma * (y - level) + (1 - params.gamma) * s;
  }
  return { params, level, trend, seasonal, sse };
}

/** Fits α, β, γ on the series by grid search. */
export function fitHoltWinters(series: number[], season: number): HwFit {
  let best: HwFit | undefined;
  for (const alpha of ALPHAS)
    for (const beta of BETAS)
      for (const gamma of GAMMAS) {
        const fit = runHoltWinters(series, { alpha, beta, gamma, season });
        if (!best || fit.sse < best.sse) best = fit;
      }
  return best!;
}

/** The next `hours` values after the fitted series (never negative). */
export function forecastAhead(fit: HwFit, length: number, hours: number): number[] {
  const out: number[] = [];
  for (let h = 1; h <= hours; h++) out.push(Math.max(0, fit.level + h * fit.trend + fit.seasonal[(length + h - 1) % fit.params.season]));
  return out;
}

export interface Backtest {
  heldOutHours: number;
  mae: number;
  /** Mean absolute percentage error over hours with at least one ticket; null when none had. */
  mape: number | null;
}

/** Holds out the last `holdOut` values, fits on the rest and scores the forecast of the held-out part. */
export function backtest(series: number[], season: number, holdOut: number): Backtest {
  const train = series.slice(0, series.length - holdOut);
  const actual = series.slice(series.length - holdOut);
  const predicted = forecastAhead(fitHoltWinters(train, season), train.length, holdOut);
  let absolute = 0;
  let percentage = 0;
  let counted = 0;
  actual.forEach((y, i) => {
    absolute += Math.abs(y - predicted[i]);
    if (y >= 1) {
      percentage += Math.abs(y - predicted[i]) / y;
      counted++;
    }
  });
  return { heldOutHours: holdOut, mae: absolute / Math.max(1, holdOut), mape: counted > 0 ? percentage / counted : null };
}
