import type { Selectable } from 'kysely';

// Table of migration 2026_11_26_0400_automations, merged into the Database interface.
declare module '../platform/db/tables.js' {
  interface Database {
    macros: MacrosTable;
  }
}

export interface MacrosTable {
  id: string;
  name: string;
  description: string | null;
  /** The reply or note template, with `{{placeholders}}`; null for a macro that only changes fields. */
  body: string | null;
  visibility: string;
  /** JSON `TicketChange[]`. */
  actions: string;
  active: number;
  usage_count: number;
  last_used_at: string | null;
  created_at: string;
  updated_at: string;
}

export type MacroRow = Selectable<MacrosTable>;
