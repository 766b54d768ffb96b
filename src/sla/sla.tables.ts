import type { Kysely, Selectable } from 'kysely';
import type { Database, TicketsTable } from '../platform/db/tables.js';

/** SLA tables (migration 2026_11_26_0300_sla), added to the Database interface by augmentation. */
declare module '../platform/db/tables.js' {
  interface Database {
    sla_calendars: SlaCalendarsTable;
    sla_policies: SlaPoliciesTable;
  }
}

export interface SlaCalendarsTable {
  id: string;
  name: string;
  time_zone: string;
  hours: string;
  holidays: string;
  is_default: number;
  created_at: string;
  updated_at: string;
}

export interface SlaPoliciesTable {
  id: string;
  name: string;
  position: number;
  active: number;
  conditions: string;
  targets: string;
  calendar_id: string | null;
  warn_percent: number;
  escalation: string;
  created_at: string;
  updated_at: string;
}

export type SlaCalendarRow = Selectable<SlaCalendarsTable>;
export type SlaPolicyRow = Selectable<SlaPoliciesTable>;

/**
 * The tickets table with the column this migration adds: the earliest deadline of a running SLA
 * metric. Kept out of the shared row type so that code inserting tickets need not know it.
 */
export type SlaDatabase = Omit<Database, 'tickets'> & { tickets: TicketsTable & { sla_due_at: string | null } };
export const withSlaColumns = (db: Kysely<Database>) => db as unknown as Kysely<SlaDatabase>;
