export interface PortalLoginTokensTable {
  token_hash: string;
  email: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface PortalSessionsTable {
  id_hash: string;
  customer_id: string;
  expires_at: string;
  created_at: string;
}

export const PORTAL_EVENT_KINDS = ['suggestion_shown', 'article_opened', 'form_abandoned', 'form_submitted'] as const;
export type PortalEventKind = (typeof PORTAL_EVENT_KINDS)[number];

export interface PortalEventsTable {
  id: string;
  session: string;
  kind: PortalEventKind;
  query: string | null;
  article_id: string | null;
  ticket_id: string | null;
  at: string;
}

declare module '../platform/db/tables.js' {
  interface Database {
    portal_login_tokens: PortalLoginTokensTable;
    portal_sessions: PortalSessionsTable;
    portal_events: PortalEventsTable;
  }
}
