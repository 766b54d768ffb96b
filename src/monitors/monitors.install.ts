import type { Deps } from '../platform/context.js';
import { runMonitors } from './monitors.service.js';

export const MONITORS_JOB = 'monitors.run';
/** How often the worker runs the monitors. */
export const MONITORS_EVERY_MS = 15 * 60_000;

/** Registers the job that runs every monitor (the worker's periodic task enqueues it). */
export function installMonitors(deps: Deps): void {
  deps.jobs.register(MONITORS_JOB, async () => {
    await runMonitors(deps);
  });
}

/**
 * Enqueues one monitors run; the key makes several workers (or a slow run) share one waiting job.
 */
export async function scheduleMonitorsRun(deps: Deps): Promise<void> {
  await deps.jobs.enqueue(MONITORS_JOB, {}, { key: 'periodic', maxAttempts: 1 });
}
