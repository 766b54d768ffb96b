import type { Selectable } from 'kysely';

export interface RoutingRulesTable {
  id: string;
  position: number;
  category: string;
  group_id: string;
  skill: string | null;
  created_at: string;
}

export interface GroupRoutingTable {
  group_id: string;
  mode: 'manual' | 'round_robin' | 'least_loaded';
  last_assignee_id: string | null;
  updated_at: string;
}

export interface AgentSkillsTable {
  user_id: string;
  skill: string;
}

export interface AgentStatusTable {
  user_id: string;
  /** 1 when the agent takes new tickets; no row means available. */
  available: number;
  /** Open tickets the agent may hold before routing passes them by; null for no cap. */
  max_open: number | null;
  updated_at: string;
}

export interface IncidentLinksTable {
  ticket_id: string;
  incident_id: string;
  /** `auto` (burst detection) or the label of the agent who linked it. */
  linked_by: string;
  created_at: string;
}

export type RoutingRuleRow = Selectable<RoutingRulesTable>;

declare module '../platform/db/tables.js' {
  interface Database {
    routing_rules: RoutingRulesTable;
    group_routing: GroupRoutingTable;
    agent_skills: AgentSkillsTable;
    agent_status: AgentStatusTable;
    incident_links: IncidentLinksTable;
  }
}
