import type { Selectable } from 'kysely';

// Row types of migration 2026_11_26_0210_guides_helpcenter, merged into the Database interface
// from this feature's own file so that tables.ts stays untouched by parallel work.
declare module '../platform/db/tables.js' {
  interface Database {
    guides: GuidesTable;
    guide_versions: GuideVersionsTable;
    guide_runs: GuideRunsTable;
    guide_run_steps: GuideRunStepsTable;
  }
}

export interface GuidesTable {
  id: string;
  title: string;
  description: string;
  category: string | null;
  locale: string;
  visibility: string;
  status: string;
  start_node_id: string;
  /** JSON array of GuideNode. */
  nodes: string;
  version: number;
  author_type: string;
  author_id: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface GuideVersionsTable {
  guide_id: string;
  version: number;
  title: string;
  start_node_id: string;
  nodes: string;
  created_at: string;
}

export interface GuideRunsTable {
  id: string;
  guide_id: string;
  guide_version: number;
  channel: string;
  ticket_id: string | null;
  status: string;
  current_node_id: string;
  step_count: number;
  outcome_node_id: string | null;
  end_reason: string | null;
  actor_type: string;
  actor_id: string | null;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface GuideRunStepsTable {
  run_id: string;
  position: number;
  guide_id: string;
  node_id: string;
  answer: string | null;
  at: string;
}

export type GuideRow = Selectable<GuidesTable>;
export type GuideVersionRow = Selectable<GuideVersionsTable>;
export type GuideRunRow = Selectable<GuideRunsTable>;
export type GuideRunStepRow = Selectable<GuideRunStepsTable>;
