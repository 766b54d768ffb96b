/** Plugs triage into a process: lifecycle hooks and the retraining job. Returns the engine the routes share. */
import type { Deps } from '../platform/context.js';
import { registerRetrainJob } from './retrain.service.js';
import { installTriageHooks } from './triage.hooks.js';
import { TriageEngine } from './triage.service.js';
import './triage.tables.js';

export function installTriage(deps: Deps): TriageEngine {
  const engine = new TriageEngine(deps);
  installTriageHooks(deps, engine);
  registerRetrainJob(deps, engine);
  return engine;
}
