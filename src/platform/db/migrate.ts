import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Db } from './database.js';
import * as core from './migrations/2026_11_26_0001_core.js';
import * as jobs from './migrations/2026_11_26_0050_jobs.js';
import * as triageModels from './migrations/2026_11_26_0100_triage_models.js';
import * as triageRules from './migrations/2026_11_26_0110_triage_rules.js';
import * as routing from './migrations/2026_11_26_0120_routing_incidents.js';
import * as surveys from './migrations/2026_11_26_0620_surveys.js';
import * as portal from './migrations/2026_11_26_0630_portal.js';
import * as chat from './migrations/2026_11_26_0640_chat.js';
import * as kb from './migrations/2026_11_26_0200_kb.js';
import * as guidesHelpcenter from './migrations/2026_11_26_0210_guides_helpcenter.js';
import * as analytics from './migrations/2026_11_26_0700_analytics.js';
import * as analyticsSpeed from './migrations/2026_11_27_0700_analytics_speed.js';
import * as ticketNumberSequence from './migrations/2026_11_27_1000_ticket_number_sequence.js';
import * as responses from './migrations/2026_11_26_0220_responses.js';
import * as automations from './migrations/2026_11_26_0400_automations.js';
import * as sla from './migrations/2026_11_26_0300_sla.js';
import * as email from './migrations/2026_11_26_0600_email.js';

/**
 * Every migration, in order. Listed statically (not read from the folder) so that the same
 * code runs from TypeScript sources in tests and from the compiled build.
 */
const MIGRATIONS: Record<string, Migration> = {
  '2026_11_26_0001_core': core,
  '2026_11_26_0050_jobs': jobs,
  '2026_11_26_0100_triage_models': triageModels,
  '2026_11_26_0110_triage_rules': triageRules,
  '2026_11_26_0120_routing_incidents': routing,
  '2026_11_26_0200_kb': kb,
  '2026_11_26_0210_guides_helpcenter': guidesHelpcenter,
  '2026_11_26_0220_responses': responses,
  '2026_11_26_0400_automations': automations,
  '2026_11_26_0300_sla': sla,
  '2026_11_26_0600_email': email,
  '2026_11_26_0620_surveys': surveys,
  '2026_11_26_0630_portal': portal,
  '2026_11_26_0640_chat': chat,
  '2026_11_26_0700_analytics': analytics,
  '2026_11_27_0700_analytics_speed': analyticsSpeed,
  '2026_11_27_1000_ticket_number_sequence': ticketNumberSequence,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export class MigrationError extends Error {}

/**
 * Features develop in parallel and their migrations land in any order; each touches only its
 * own tables, so a database that already ran a later-named one still takes an earlier-named
 * newcomer instead of refusing to start.
 */
const migratorFor = (db: Db) => new Migrator({ db: db.kysely, provider, allowUnorderedMigrations: true });

/** Applies every pending migration; throws MigrationError naming the one that failed. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = migratorFor(db);
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`Migration ${failed} failed: ${(result.error as Error).message ?? result.error}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of the migrations not yet applied (readiness checks this). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const migrator = migratorFor(db);
  const all = await migrator.getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
