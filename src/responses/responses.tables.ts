import type { Selectable } from 'kysely';

/**
 * Tables of migration 2026_11_26_0220_responses, merged into the Database interface here
 * (module augmentation) so that this feature adds tables without editing tables.ts.
 */
declare module '../platform/db/tables.js' {
  interface Database {
    kb_search_log: KbSearchLogTable;
  }
}

/** One knowledge-base search as a user ran it (help center, portal, agents), with its best score. */
export interface KbSearchLogTable {
  id: string;
  at: string;
  source: string;
  query: string;
  results: number;
  best_score: number;
  best_article_id: string | null;
}

export type KbSearchLogRow = Selectable<KbSearchLogTable>;
