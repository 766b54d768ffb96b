import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../platform/context.js';
import { inTransaction } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { randomToken, tokenHash } from '../platform/secrets.js';
import { readCookie } from '../platform/auth/guard.js';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import { findOrCreateCustomer } from '../tickets/customers.service.js';
import { serverSecret } from '../surveys/signing.js';

export const PORTAL_COOKIE = 'frontline_portal';
/** A sign-in link works once, within this time. */
const LINK_TTL_MS = 15 * 60_000;
/** Links sent to one address per hour at most: the form must not become a way to flood a mailbox. */
const LINKS_PER_ADDRESS_PER_HOUR = 5;

export interface PortalCustomer {
  id: string;
  email: string;
  name: string | null;
  /** The session's id hash: names the visit in deflection events and keys the CSRF token. */
  session: string;
}

/**
 * E-mails a one-time sign-in link. Answers the same whether or not the address is known, so the
 * form reveals nothing about who is a customer; the customer record is made when the link is used.
 */
export async function requestSignInLink(deps: Deps, email: string): Promise<void> {
  const now = deps.clock.now();
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  await inTransaction(deps, async (trx) => {
    const recent = await trx.selectFrom('portal_login_tokens').select((eb) => eb.fn.countAll<number | string>().as('n')).where('email', '=', email).where('created_at', '>=', hourAgo).executeTakeFirstOrThrow();
    if (Number(recent.n) >= LINKS_PER_ADDRESS_PER_HOUR) return;
    const token = randomToken(32);
    await trx
      .insertInto('portal_login_tokens')
      .values({ token_hash: tokenHash(token), email, expires_at: new Date(now.getTime() + LINK_TTL_MS).toISOString(), used_at: null, created_at: now.toISOString() })
      .execute();
    const link = `${deps.config.publicUrl}/portal/auth?token=${encodeURIComponent(token)}`;
    const text = [
      'Hello,',
      '',
      'Use this link to sign in to the support portal. It works once, for 15 minutes:',
      link,
      '',
      'If you did not ask for it, ignore this e-mail.',
    ].join('\n');
    await deps.jobs.enqueue('email.send', { to: email, subject: 'Your sign-in link', text, kind: 'portal_sign_in' }, { trx });
  });
}

/** Trades a sign-in link for a session; returns the cookie value. */
export async function redeemSignInLink(deps: Deps, token: string): Promise<{ cookie: string; maxAgeSeconds: number }> {
  const now = deps.clock.now();
  const maxAgeSeconds = deps.config.sessionTtlHours * 3600;
  return inTransaction(deps, async (trx) => {
    const used = await trx
      .updateTable('portal_login_tokens')
      .set({ used_at: now.toISOString() })
      .where('token_hash', '=', tokenHash(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now.toISOString())
      .returning('email')
      .executeTakeFirst();
    if (!used) throw new AppError('invalid_token', 'This sign-in link is not valid, was used already, or has expired');
    const customer = await findOrCreateCustomer(trx, deps.clock, SYSTEM_ACTOR, { email: used.email });
    const session = randomToken(32);
    await trx
      .insertInto('portal_sessions')
      .values({ id_hash: tokenHash(session), customer_id: customer.id, expires_at: new Date(now.getTime() + maxAgeSeconds * 1000).toISOString(), created_at: now.toISOString() })
      .execute();
    return { cookie: session, maxAgeSeconds };
  });
}

/** The signed-in customer of a request, or null. */
export async function portalCustomer(deps: Deps, cookieHeader: string | undefined): Promise<PortalCustomer | null> {
  const value = readCookie(cookieHeader, PORTAL_COOKIE);
  if (!value) return null;
  const session = tokenHash(value);
  const row = await deps.db.kysely
    .selectFrom('portal_sessions as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .select(['c.id', 'c.email', 'c.name'])
    .where('s.id_hash', '=', session)
    .where('s.expires_at', '>', deps.clock.now().toISOString())
    .executeTakeFirst();
  return row ? { ...row, session } : null;
}

export async function signOutPortal(deps: Deps, customer: PortalCustomer): Promise<void> {
  await deps.db.kysely.deleteFrom('portal_sessions').where('id_hash', '=', customer.session).execute();
}

export function portalCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  const parts = [`${PORTAL_COOKIE}=${encodeURIComponent(value)}`, 'Path=/portal', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** The CSRF token of a portal session, sent with every form. */
export async function portalCsrfToken(deps: Deps, customer: PortalCustomer): Promise<string> {
  return createHmac('sha256', await serverSecret(deps)).update(`portal-csrf:${customer.session}`).digest('base64url');
}

export async function assertPortalCsrf(deps: Deps, customer: PortalCustomer, given: string | undefined): Promise<void> {
  const expected = Buffer.from(await portalCsrfToken(deps, customer));
  const actual = Buffer.from(given ?? '');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw new AppError('csrf_failed');
}

export async function purgeExpiredPortalSessions(deps: Deps): Promise<number> {
  const now = deps.clock.now().toISOString();
  const sessions = await deps.db.kysely.deleteFrom('portal_sessions').where('expires_at', '<', now).executeTakeFirst();
  await deps.db.kysely.deleteFrom('portal_login_tokens').where('expires_at', '<', now).execute();
  return Number(sessions.numDeletedRows);
}
