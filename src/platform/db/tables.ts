import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Row types of every table, as the migrations create them.
 * Conventions that keep one code path for both dialects:
 * - times are ISO-8601 UTC strings with milliseconds (`2026-01-02T03:04:05.678Z`), which sort as they read;
 * - booleans are integers 0/1;
 * - JSON documents are text.
 */
export interface Database {
  system_settings: SystemSettingsTable;
  counters: CountersTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  organisations: OrganisationsTable;
  organisation_domains: OrganisationDomainsTable;
  customers: CustomersTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  custom_fields: CustomFieldsTable;
  tickets: TicketsTable;
  ticket_tags: TicketTagsTable;
  messages: MessagesTable;
  audit_events: AuditEventsTable;
  idempotency_keys: IdempotencyKeysTable;
}

export interface SystemSettingsTable {
  key: string;
  value: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string | null;
  active: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  role: string | null;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface OrganisationsTable {
  id: string;
  name: string;
  plan: string | null;
  vip: number;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrganisationDomainsTable {
  domain: string;
  organisation_id: string;
}

export interface CustomersTable {
  id: string;
  email: string;
  name: string | null;
  organisation_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface GroupsTable {
  id: string;
  name: string;
  description: string | null;
  created_at: string;
  updated_at: string;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
}

export interface CustomFieldsTable {
  id: string;
  key: string;
  label: string;
  type: string;
  options: string | null;
  required: number;
  active: number;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface TicketsTable {
  id: string;
  number: number;
  external_id: string | null;
  subject: string;
  status: string;
  priority: number;
  category: string | null;
  channel: string;
  requester_id: string;
  organisation_id: string | null;
  assignee_id: string | null;
  group_id: string | null;
  tags: string;
  custom_fields: string;
  triage: string | null;
  sla: string | null;
  sla_next_due_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  first_response_at: string | null;
  solved_at: string | null;
  closed_at: string | null;
}

export interface TicketTagsTable {
  ticket_id: string;
  tag: string;
}

export interface MessagesTable {
  id: string;
  ticket_id: string;
  visibility: string;
  author_type: string;
  author_id: string | null;
  body_text: string;
  body_html: string | null;
  channel: string;
  created_at: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  ticket_id: string | null;
  changes: string | null;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  fingerprint: string;
  status_code: number;
  response_body: string;
  created_at: string;
  expires_at: string;
}

export type UserRow = Selectable<UsersTable>;
export type TicketRow = Selectable<TicketsTable>;
export type NewTicketRow = Insertable<TicketsTable>;
export type TicketUpdate = Updateable<TicketsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;

// Knowledge base (migration 2026_11_26_0200_kb). Declared as a merge of Database so that
// features adding tables append here without editing the same lines.
export interface Database {
  kb_articles: KbArticlesTable;
  kb_article_tags: KbArticleTagsTable;
  kb_revisions: KbRevisionsTable;
  kb_feedback: KbFeedbackTable;
  kb_synonyms: KbSynonymsTable;
  kb_deletions: KbDeletionsTable;
}

export interface KbArticlesTable {
  id: string;
  external_id: string | null;
  group_id: string;
  locale: string;
  type: string;
  title: string;
  body: string;
  category: string | null;
  section: string | null;
  tags: string;
  visibility: string;
  status: string;
  review_due_at: string | null;
  view_count: number;
  helpful_count: number;
  not_helpful_count: number;
  author_type: string;
  author_id: string | null;
  author_label: string | null;
  version: number;
  change_seq: number;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface KbArticleTagsTable {
  article_id: string;
  tag: string;
}

export interface KbRevisionsTable {
  id: string;
  article_id: string;
  number: number;
  title: string;
  body: string;
  status: string;
  author_type: string;
  author_id: string | null;
  author_label: string | null;
  restored_from: number | null;
  created_at: string;
}

export interface KbFeedbackTable {
  id: string;
  article_id: string;
  helpful: number;
  comment: string | null;
  author_type: string;
  author_id: string | null;
  created_at: string;
}

export interface KbSynonymsTable {
  id: string;
  position: number;
  phrases: string;
  created_at: string;
}

export interface KbDeletionsTable {
  seq: number;
  article_id: string;
}

export type KbArticleRow = Selectable<KbArticlesTable>;
export type KbArticleUpdate = Updateable<KbArticlesTable>;
export type KbRevisionRow = Selectable<KbRevisionsTable>;
export type KbFeedbackRow = Selectable<KbFeedbackTable>;

export interface Database {
  jobs: JobsTable;
}

export interface JobsTable {
  id: string;
  name: string;
  key: string | null;
  payload: string;
  status: 'waiting' | 'running' | 'done' | 'failed';
  run_at: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export type JobRow = Selectable<JobsTable>;
