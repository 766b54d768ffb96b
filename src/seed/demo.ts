import type { Deps } from '../platform/context.js';

export interface DemoCredentials {
  adminEmail: string;
  adminPassword: string;
}

/** Creates the demo help desk. (Being written.) */
export async function seedDemo(_deps: Deps): Promise<DemoCredentials> {
  throw new Error('not yet written');
}

/** Seeds the demo when the database has no users yet; returns the admin's credentials then, else null. */
export async function seedDemoIfEmpty(_deps: Deps): Promise<DemoCredentials | null> {
  return null;
}
