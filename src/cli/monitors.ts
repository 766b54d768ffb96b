import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import { runMonitors } from '../monitors/monitors.service.js';
import { openRuntime, runCommand } from './runtime.js';

/** `frontline monitors run`: every enabled monitor once; prints each alert as a JSON line. */
export function registerMonitorCommands(program: Command): void {
  const monitors = program.command('monitors').description('Proactive monitors and their alerts');
  monitors
    .command('run')
    .description('Run every enabled monitor once and print the alerts (one JSON line each); timings go to standard error')
    .action(() =>
      runCommand(async () => {
        const deps = await openRuntime();
        try {
          const report = await runMonitors(deps, { ...SYSTEM_ACTOR, label: 'cli' });
          for (const alert of report.alerts) process.stdout.write(`${JSON.stringify(alert)}\n`);
          for (const r of report.ran) process.stderr.write(`${r.monitor}: ${r.findings} findings, ${r.raised} new alerts, ${r.ms} ms\n`);
        } finally {
          await deps.db.close();
        }
      }),
    );
}
