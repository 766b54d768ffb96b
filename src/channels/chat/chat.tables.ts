import type { Selectable } from 'kysely';

export type ChatStatus = 'waiting' | 'active' | 'ended' | 'offline';
export type ChatSender = 'visitor' | 'agent' | 'system';

export interface ChatSessionsTable {
  id: string;
  visitor_id: string;
  visitor_name: string | null;
  visitor_email: string | null;
  status: ChatStatus;
  group_id: string | null;
  agent_id: string | null;
  ticket_id: string | null;
  page_url: string | null;
  last_seq: number;
  started_at: string;
  ended_at: string | null;
}

export interface ChatMessagesTable {
  id: string;
  session_id: string;
  seq: number;
  sender: ChatSender;
  author_id: string | null;
  client_id: string;
  body: string;
  created_at: string;
}

export type ChatSessionRow = Selectable<ChatSessionsTable>;
export type ChatMessageRow = Selectable<ChatMessagesTable>;

declare module '../../platform/db/tables.js' {
  interface Database {
    chat_sessions: ChatSessionsTable;
    chat_messages: ChatMessagesTable;
  }
}
