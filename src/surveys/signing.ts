import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Deps } from '../platform/context.js';
import { resolveServerSecret } from '../platform/db/settings.js';
import type { Database } from '../platform/db/tables.js';

const secrets = new WeakMap<Deps['db'], Promise<string>>();

/**
 * The server secret, read once per database (it never changes while running). Inside a
 * transaction pass it as `db`: on SQLite the transaction holds the only connection.
 */
export function serverSecret(deps: Deps, db: Kysely<Database> = deps.db.kysely): Promise<string> {
  let secret = secrets.get(deps.db);
  if (!secret) {
    secret = resolveServerSecret(db, deps.config.secret);
    secrets.set(deps.db, secret);
  }
  return secret;
}

/**
 * The signature on a ticket's survey links: only the customer who got the e-mail (or the
 * portal page) can answer, without signing in. It names the ticket, not a rating, so one
 * signature serves all five one-click links.
 */
export const surveySignature = (secret: string, ticketId: string): string => createHmac('sha256', secret).update(`csat:${ticketId}`).digest('base64url');

export function validSurveySignature(secret: string, ticketId: string, signature: string): boolean {
  const expected = Buffer.from(surveySignature(secret, ticketId));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
