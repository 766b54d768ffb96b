/** Row types of the triage tables added by migration 2026_11_26_0110_triage_rules (merged into Database). */
import type { Selectable } from 'kysely';

export interface TriageRulesTable {
  id: string;
  version: number;
  created_at: string;
  actor_label: string | null;
  /** The TriageSettings document as JSON. */
  settings: string;
}

export interface TriageCorrectionsTable {
  id: string;
  ticket_id: string;
  /** `category` or `priority`. */
  field: string;
  before_value: string | null;
  after_value: string | null;
  subject: string;
  body: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  created_at: string;
  trained_at: string | null;
}

/** Versions of a trained model: the category classifier's, and the tier model's in a table of the same shape. */
export interface TriageModelsTable {
  id: string;
  version: number;
  created_at: string;
  /** 1 for the model in use; a partial unique index allows one. */
  active: number;
  /** The training summary, JSON. */
  metrics: string;
  /** The model file, JSON. */
  model: string;
}

export type TriageCorrectionRow = Selectable<TriageCorrectionsTable>;

declare module '../platform/db/tables.js' {
  interface Database {
    triage_rules: TriageRulesTable;
    triage_corrections: TriageCorrectionsTable;
    triage_models: TriageModelsTable;
    triage_tier_models: TriageModelsTable;
  }
}
