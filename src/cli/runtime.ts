import { createDeps } from '../app.js';
import { loadConfig, ConfigError, type Config } from '../platform/config/config.js';
import type { Deps } from '../platform/context.js';
import { openDatabase } from '../platform/db/database.js';
import { inputFileProblem } from '../platform/files/json-lines.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { createLogger } from '../platform/logging/logger.js';

/**
 * Loads the configuration, opens and migrates the database, and returns the services'
 * dependencies. Logs go to standard error so that commands can print results on standard output.
 */
export async function openRuntime(overrides: Partial<Config> = {}): Promise<Deps> {
  const config = { ...loadConfig(), ...overrides };
  const logger = createLogger(config.logLevel, 2);
  const db = await openDatabase(config.databaseUrl);
  try {
    const applied = await migrateToLatest(db);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  } catch (error) {
    await db.close();
    throw error;
  }
  return createDeps({ config, db, logger });
}

/** Runs a command body, turning known failures into a one-line message and exit code 1. */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : describe(error);
    process.stderr.write(`frontline: ${message}\n`);
    process.exitCode = 1;
  }
}

function describe(error: unknown): string {
  const e = error as { code?: string; detail?: string; message?: string };
  if (e && typeof e.code === 'string' && e.detail) return `${e.detail} (${e.code})`;
  return e?.message ?? String(error);
}

/** Stops the command with a one-line message when a path is not a readable, non-empty file. */
export async function checkInputFile(path: string): Promise<void> {
  const problem = await inputFileProblem(path);
  if (problem) throw new Error(problem);
}

/** Reads all of standard input (for passwords and piped files). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
