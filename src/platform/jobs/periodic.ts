import type { Logger } from '../logging/logger.js';

export interface PeriodicTask {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

/**
 * Runs housekeeping tasks on a timer in the worker role. Each task runs once soon after start
 * (to catch up after downtime), then every `everyMs` with a little jitter so that several
 * workers do not all fire at once. A failure is logged and retried at the next tick.
 * (Persisted, retried jobs come with the job queue; these tasks are idempotent sweeps.)
 */
export function startPeriodicTasks(tasks: PeriodicTask[], logger: Logger): () => void {
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const schedule = (task: PeriodicTask, delayMs: number) => {
    const timer = setTimeout(async () => {
      timers.delete(timer);
      try {
        const result = await task.run();
        logger.debug({ task: task.name, result }, 'periodic task done');
      } catch (error) {
        logger.error({ err: error, task: task.name }, 'periodic task failed');
      }
      if (!stopped) schedule(task, task.everyMs * (0.9 + Math.random() * 0.2));
    }, delayMs);
    timer.unref();
    timers.add(timer);
  };
  for (const task of tasks) schedule(task, 1000 + Math.random() * 4000);
  return () => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
  };
}
