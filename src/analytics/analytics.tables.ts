import type { Selectable } from 'kysely';

// Tables of migrations 2026_11_26_0700_analytics and 2026_11_27_0700_analytics_speed, merged into the shared Database type.
declare module '../platform/db/tables.js' {
  interface Database {
    analytics_rollup: AnalyticsRollupTable;
    analytics_hist: AnalyticsHistTable;
    analytics_ticket_state: AnalyticsTicketStateTable;
    analytics_rebuild_facts: AnalyticsRebuildFactsTable;
    monitor_settings: MonitorSettingsTable;
    alerts: AlertsTable;
  }
}

/** Additive counters of one (grain `hour`, `day` or `month`, dimension, bucket, value): every column is a sum. */
export interface AnalyticsRollupTable {
  grain: string;
  dim: string;
  bucket: string;
  value: string;
  created: number;
  escalated: number;
  open: number;
  responded: number;
  solved: number;
  fcr: number;
  reopened: number;
  frt_sum: number;
  res_sum: number;
}

/** Log-spaced histogram bins of first-response (`frt`) and resolution (`res`) seconds. */
export interface AnalyticsHistTable {
  grain: string;
  dim: string;
  bucket: string;
  value: string;
  metric: string;
  bin: number;
  n: number;
}

export interface AnalyticsTicketStateTable {
  ticket_id: string;
  created_at: string;
  first_response_at: string | null;
  solved_at: string | null;
  open: number;
  priority: number;
  channel: string;
  category: string | null;
  group_id: string | null;
  assignee_id: string | null;
  organisation_id: string | null;
  agent_replies: number;
  reopens: number;
  escalations: number;
  group_moves: number;
}

/** Scratch table of the rebuild (empty outside it): each ticket's facts from its history. */
export interface AnalyticsRebuildFactsTable {
  ticket_id: string;
  agent_replies: number;
  reopens: number;
  escalations: number;
  group_moves: number;
}

export interface MonitorSettingsTable {
  monitor: string;
  enabled: number;
  thresholds: string;
  updated_at: string;
}

export interface AlertsTable {
  id: string;
  monitor: string;
  dedup_key: string;
  status: string;
  severity: string;
  title: string;
  evidence: string;
  occurrences: number;
  created_at: string;
  updated_at: string;
  last_seen_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
}

export type TicketStateRow = Selectable<AnalyticsTicketStateTable>;
export type AlertRow = Selectable<AlertsTable>;
