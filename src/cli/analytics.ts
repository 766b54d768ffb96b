import type { Command } from 'commander';
import { DIMENSIONS, type DimOrAll } from '../analytics/contribution.js';
import { metricsReport, reportToCsv } from '../analytics/metrics.service.js';
import { checkPeriod } from '../analytics/period.js';
import { rebuildRollups } from '../analytics/rebuild.service.js';
import { openRuntime, runCommand } from './runtime.js';

const BY = ['all', ...DIMENSIONS] as const;

/** `frontline analytics report|rebuild`: metrics over a period, and rollups recomputed from the tickets. */
export function registerAnalyticsCommands(program: Command): void {
  const analytics = program.command('analytics').description('Support metrics and their rollups');
  analytics
    .command('report')
    .description('Every metric over a period, for the whole help desk or by one dimension')
    .requiredOption('--from <time>', 'start of the period (ISO-8601, e.g. 2026-11-01 or 2026-11-01T00:00:00Z)')
    .requiredOption('--to <time>', 'end of the period, exclusive')
    .option('--by <dimension>', `break down by ${BY.join(', ')}`, 'all')
    .option('--format <format>', 'csv or json', 'csv')
    .action((options: { from: string; to: string; by: string; format: string }) =>
      runCommand(async () => {
        if (!(BY as readonly string[]).includes(options.by)) throw new Error(`--by must be one of ${BY.join(', ')}`);
        if (options.format !== 'csv' && options.format !== 'json') throw new Error('--format must be csv or json');
        const period = checkPeriod(new Date(options.from), new Date(options.to));
        const deps = await openRuntime();
        try {
          const report = await metricsReport(deps, period, options.by as DimOrAll);
          process.stdout.write(options.format === 'csv' ? reportToCsv(report) : `${JSON.stringify(report, null, 2)}\n`);
        } finally {
          await deps.db.close();
        }
      }),
    );
  analytics
    .command('rebuild')
    .description('Recompute every rollup from the tickets, their messages and the audit trail (run after a bulk import or seed)')
    .action(() =>
      runCommand(async () => {
        const deps = await openRuntime();
        try {
          const result = await rebuildRollups(deps, (n) => process.stderr.write(`\r${n} tickets`));
          process.stderr.write('\n');
          process.stdout.write(`Rebuilt rollups from ${result.tickets} tickets in ${(result.ms / 1000).toFixed(1)} s: ${result.rollupRows} rollup rows, ${result.histogramRows} histogram rows\n`);
        } finally {
          await deps.db.close();
        }
      }),
    );
}
