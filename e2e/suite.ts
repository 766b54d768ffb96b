import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createUser } from '../src/accounts/users.service.js';
import { SYSTEM_ACTOR } from '../src/platform/auth/principal.js';
import type { RouteDeps } from '../src/platform/context.js';
import { launchBrowser, signIn } from './browser.js';
import { startServer } from './server.js';

/** Where the browser tests leave their screenshots. */
export const SHOTS = 'e2e/artifacts';
/** Every test user's password. */
const PASSWORD = 'correct horse battery';

// The same people in every file: `admin@example.test` is Ada Admin, and so on.
const STAFF = { admin: 'Ada Admin', lead: 'Lee Lead', agent: 'Andy Agent' } as const;

/** Creates the test user of a role (`ROLE@example.test`, PASSWORD). */
export const addStaff = (deps: RouteDeps, role: keyof typeof STAFF) => createUser(deps, SYSTEM_ACTOR, { email: `${role}@example.test`, name: STAFF[role], role, password: PASSWORD });

/**
 * What a browser test file starts with: a real server (`env` adds configuration) and Chromium,
 * shared by the file's tests and closed after them, and the screenshots folder. Call it at the top
 * of the file; read `server` and `browser` in hooks and tests, once this set-up has run.
 */
export function browserSuite(env: Record<string, string> = {}) {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer(env);
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
    /** Signs in with the console's form in a fresh browser context (see browser.ts). */
    signIn: (email: string) => signIn(browser!, server!.url, email, PASSWORD),
  };
}
