import { SYSTEM_ACTOR, type Actor } from '../platform/auth/principal.js';
import { inTransaction, type Deps } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { raiseAlert } from './alerts.service.js';
import { MONITORS, type MonitorDefinition } from './monitors.catalog.js';
import { THRESHOLDS, type Alert, type MonitorName } from './monitors.schema.js';
import { findSettings, saveSettings } from './monitors.store.js';

export interface MonitorView {
  name: MonitorName;
  description: string;
  enabled: boolean;
  thresholds: Record<string, unknown>;
}

/** Every monitor with its thresholds (stored ones over the defaults). */
export async function listMonitors(deps: Deps): Promise<MonitorView[]> {
  const stored = new Map((await findSettings(deps.db.kysely)).map((s) => [s.monitor, s]));
  return MONITORS.map((m) => {
    const s = stored.get(m.name);
    const thresholds = THRESHOLDS[m.name].parse(s ? JSON.parse(s.thresholds) : {}) as Record<string, unknown>;
    return { name: m.name, description: m.description, enabled: s ? s.enabled === 1 : true, thresholds };
  });
}

/** Sets a monitor's thresholds (merged over the current ones) and switch; impossible values are a 400 `invalid_thresholds`. */
export async function updateMonitor(deps: Deps, actor: Actor, name: MonitorName, input: { enabled?: boolean; thresholds?: Record<string, unknown> }): Promise<MonitorView> {
  const current = (await listMonitors(deps)).find((m) => m.name === name)!;
  const parsed = THRESHOLDS[name].safeParse({ ...current.thresholds, ...(input.thresholds ?? {}) });
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ path: `thresholds.${i.path.join('.')}`, message: i.message }));
    throw new AppError('invalid_thresholds', fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields });
  }
  const next = { ...current, enabled: input.enabled ?? current.enabled, thresholds: parsed.data as Record<string, unknown> };
  await inTransaction(deps, async (trx) => {
    await saveSettings(trx, name, next.enabled, next.thresholds, deps.clock.now().toISOString());
    await recordAudit(trx, deps.clock, {
      actor,
      action: 'monitor.updated',
      entityType: 'monitor',
      entityId: name,
      changes: { before: { enabled: current.enabled, thresholds: current.thresholds }, after: { enabled: next.enabled, thresholds: next.thresholds } },
    });
  });
  return next;
}

export interface RunReport {
  ran: Array<{ monitor: string; findings: number; raised: number; ms: number }>;
  alerts: Alert[];
}

/** Runs every enabled monitor once (or only `only`) and records what they find. */
export async function runMonitors(deps: Deps, actor: Actor = SYSTEM_ACTOR, only?: MonitorName): Promise<RunReport> {
  const now = deps.clock.now();
  const report: RunReport = { ran: [], alerts: [] };
  for (const view of await listMonitors(deps)) {
    if (!view.enabled || (only && view.name !== only)) continue;
    const started = performance.now();
    const monitor = MONITORS.find((m) => m.name === view.name) as MonitorDefinition<MonitorName>;
    const findings = await monitor.detect(deps, view.thresholds as never, now);
    let raised = 0;
    for (const finding of findings) {
      const result = await raiseAlert(deps, actor, view.name, finding, (view.thresholds.notify as string[] | undefined) ?? []);
      if (result.raised) raised++;
      report.alerts.push(result.alert);
    }
    report.ran.push({ monitor: view.name, findings: findings.length, raised, ms: Math.round(performance.now() - started) });
  }
  return report;
}
