import type { Selectable } from 'kysely';

// Row type of the help center's settings (migration 2026_11_26_0210_guides_helpcenter).
declare module '../platform/db/tables.js' {
  interface Database {
    helpcenter_settings: HelpCenterSettingsTable;
  }
}

export interface HelpCenterSettingsTable {
  id: string;
  site_name: string;
  logo_url: string | null;
  base_url: string | null;
  /** JSON object of theme variables (see helpcenter.schema.ts). */
  theme: string;
  version: number;
  updated_at: string;
}

export type HelpCenterSettingsRow = Selectable<HelpCenterSettingsTable>;
