import type { Command } from 'commander';
import { forecastVolume } from '../analytics/forecast.service.js';
import { agentsNeeded } from '../analytics/erlang.js';
import { openRuntime, runCommand } from './runtime.js';

const number = (name: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max}`);
  return n;
};

/** `frontline forecast`: hourly ticket volume for the next weeks, its backtest error, and agents needed (Erlang C). */
export function registerForecast(program: Command): void {
  program
    .command('forecast')
    .description('Forecast hourly ticket volume (Holt-Winters, weekly season) with its backtest error and the agents needed per hour (Erlang C)')
    .option('--hours <n>', 'hours ahead', number('hours', 1, 672), 336)
    .option('--history-weeks <n>', 'weeks of history to fit on', number('history-weeks', 3, 52), 8)
    .option('--aht <seconds>', 'average handle time', number('aht', 1, 86_400), 600)
    .option('--target <seconds>', 'target answer time', number('target', 1, 604_800), 3600)
    .option('--service-level <share>', 'share answered within the target, e.g. 0.8', number('service-level', 0.01, 0.999), 0.8)
    .option('--max-occupancy <share>', 'highest share of time agents are busy', number('max-occupancy', 0.05, 1), 0.85)
    .option('--format <format>', 'csv or json', 'csv')
    .action((o: { hours: number; historyWeeks: number; aht: number; target: number; serviceLevel: number; maxOccupancy: number; format: string }) =>
      runCommand(async () => {
        if (o.format !== 'csv' && o.format !== 'json') throw new Error('--format must be csv or json');
        const deps = await openRuntime();
        try {
          const forecast = await forecastVolume(deps, o.hours, o.historyWeeks);
          const items = forecast.items.map((item) => ({
            ...item,
            agents: agentsNeeded({ perHour: item.expected, ahtSeconds: o.aht, targetSeconds: o.target, serviceLevel: o.serviceLevel, maxOccupancy: o.maxOccupancy }).agents,
          }));
          const bt = forecast.backtest;
          process.stderr.write(
            `${forecast.method} (α=${forecast.params.alpha}, β=${forecast.params.beta}, γ=${forecast.params.gamma}, season ${forecast.params.season} h); ` +
              `backtest on the last ${bt.heldOutHours} h: MAE ${bt.mae.toFixed(2)} tickets/h, MAPE ${bt.mape === null ? 'n/a' : `${(bt.mape * 100).toFixed(1)}%`}\n`,
          );
          if (o.format === 'json') process.stdout.write(`${JSON.stringify({ ...forecast, items }, null, 2)}\n`);
          else process.stdout.write(['hour,expected,agents', ...items.map((i) => `${i.hour},${i.expected.toFixed(2)},${i.agents}`)].join('\n') + '\n');
        } finally {
          await deps.db.close();
        }
      }),
    );
}
