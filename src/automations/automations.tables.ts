import type { Selectable } from 'kysely';

// Tables of migration 2026_11_26_0400_automations, merged into the Database interface.
declare module '../platform/db/tables.js' {
  interface Database {
    automations: AutomationsTable;
    automation_runs: AutomationRunsTable;
  }
}

export interface AutomationsTable {
  id: string;
  name: string;
  description: string | null;
  active: number;
  position: number;
  trigger: string;
  /** JSON `{all: Condition[], any: Condition[]}`. */
  conditions: string;
  /** JSON `Action[]`. */
  actions: string;
  run_count: number;
  last_run_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface AutomationRunsTable {
  automation_id: string;
  ticket_id: string;
  fire_key: string;
  created_at: string;
}

export type AutomationRow = Selectable<AutomationsTable>;
