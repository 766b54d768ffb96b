import type { Actor } from '../platform/auth/principal.js';
import type { Action, Automation, Conditions, Trigger } from './automations.schema.js';
import type { AutomationRow } from './automations.tables.js';

/** The API shape of an automation row. */
export const toAutomation = (row: AutomationRow): Automation => ({
  id: row.id,
  name: row.name,
  description: row.description,
  trigger: row.trigger as Trigger,
  conditions: JSON.parse(row.conditions) as Conditions,
  actions: JSON.parse(row.actions) as Action[],
  active: row.active === 1,
  position: Number(row.position),
  runCount: Number(row.run_count),
  lastRunAt: row.last_run_at,
  lastError: row.last_error,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Who the audit trail says made an automated change: `automation:<name>`. */
export const automationActor = (rule: Pick<Automation, 'id' | 'name'>): Actor => ({ type: 'automation', id: rule.id, label: `automation:${rule.name}` });
