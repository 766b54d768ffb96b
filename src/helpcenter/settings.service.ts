import type { Actor } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import { PerDatabaseCache } from '../platform/cache.js';
import { inTransaction } from '../platform/context.js';
import { diff, recordAudit } from '../audit/audit.service.js';
import type { HelpCenterSettings, Theme, UpdateSettingsInput } from './helpcenter.schema.js';
import { findSettingsRow, saveSettingsRow } from './settings.store.js';
import type { HelpCenterSettingsRow } from './helpcenter.tables.js';

export const DEFAULT_SETTINGS: HelpCenterSettings = { siteName: 'Help Center', logoUrl: null, baseUrl: null, theme: {}, version: 0, updatedAt: null };

// Every page needs the settings: each node keeps them for a few seconds instead of reading
// them per request. A change on this node applies at once; on other nodes within the TTL.
const cached = new PerDatabaseCache<HelpCenterSettings>(5_000);

function toSettings(row: HelpCenterSettingsRow | undefined): HelpCenterSettings {
  if (!row) return DEFAULT_SETTINGS;
  return { siteName: row.site_name, logoUrl: row.logo_url, baseUrl: row.base_url, theme: JSON.parse(row.theme) as Theme, version: Number(row.version), updatedAt: row.updated_at };
}

/** The help center's name, logo, public origin and theme. */
export async function getSettings(deps: Deps): Promise<HelpCenterSettings> {
  return cached.get(deps.db, async () => toSettings(await findSettingsRow(deps.db.kysely)));
}

/** Changes the settings (admin), audited as `helpcenter.settings.updated`. */
export async function updateSettings(deps: Deps, actor: Actor, input: UpdateSettingsInput): Promise<HelpCenterSettings> {
  const settings = await inTransaction(deps, async (trx) => {
    const row = await findSettingsRow(trx);
    const before = toSettings(row);
    const next: HelpCenterSettings = {
      siteName: input.siteName ?? before.siteName,
      logoUrl: input.logoUrl === undefined ? before.logoUrl : input.logoUrl,
      baseUrl: input.baseUrl === undefined ? before.baseUrl : input.baseUrl,
      theme: input.theme ?? before.theme,
      version: before.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    const fields = (s: HelpCenterSettings) => ({ siteName: s.siteName, logoUrl: s.logoUrl, baseUrl: s.baseUrl, theme: s.theme });
    const changes = diff(fields(before), fields(next));
    if (!changes) return before;
    await saveSettingsRow(
      trx,
      { site_name: next.siteName, logo_url: next.logoUrl, base_url: next.baseUrl, theme: JSON.stringify(next.theme), version: next.version, updated_at: next.updatedAt! },
      row !== undefined,
    );
    await recordAudit(trx, deps.clock, { actor, action: 'helpcenter.settings.updated', entityType: 'helpcenter_settings', entityId: 'default', changes });
    return next;
  });
  cached.set(deps.db, settings);
  return settings;
}
