import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readCookie } from '../platform/auth/guard.js';

/**
 * CSRF protection for the help center's public forms, with no server-side state: a visitor
 * gets a random id in a cookie, and each form carries `issuedAt.HMAC(secret, form, id,
 * issuedAt)`. Another site cannot read the cookie, so it cannot forge a token bound to it; a
 * token expires after two hours and only fits its own form.
 */
export const VISITOR_COOKIE = 'frontline_hc';
const MAX_AGE_MS = 2 * 60 * 60 * 1000;
const COOKIE_MAX_AGE_S = 24 * 60 * 60;

export type FormName = 'contact' | 'feedback';

export class FormTokens {
  constructor(private readonly secret: string, private readonly now: () => number) {}

  private sign(form: FormName, visitor: string, issuedAt: number): string {
    return createHmac('sha256', this.secret).update(`helpcenter-form:${form}:${visitor}:${issuedAt}`).digest('base64url');
  }

  /** The visitor's id, set as a cookie when the request had none. */
  visitor(request: FastifyRequest, reply: FastifyReply): string {
    const existing = readCookie(request.headers.cookie, VISITOR_COOKIE);
    if (existing && /^[\w-]{16,64}$/.test(existing)) return existing;
    const id = randomBytes(16).toString('base64url');
    const secure = request.protocol === 'https' ? '; Secure' : '';
    reply.header('set-cookie', `${VISITOR_COOKIE}=${id}; Path=/help; HttpOnly; SameSite=Lax; Max-Age=${COOKIE_MAX_AGE_S}${secure}`);
    return id;
  }

  /** A token for one form, bound to the visitor. */
  issue(form: FormName, visitor: string): string {
    const issuedAt = this.now();
    return `${issuedAt}.${this.sign(form, visitor, issuedAt)}`;
  }

  /** True when the token was issued to this visitor's cookie, for this form, less than two hours ago. */
  verify(form: FormName, request: FastifyRequest, token: unknown): boolean {
    const visitor = readCookie(request.headers.cookie, VISITOR_COOKIE);
    if (!visitor || typeof token !== 'string') return false;
    const match = /^(\d{1,16})\.([\w-]{43})$/.exec(token);
    if (!match) return false;
    const issuedAt = Number(match[1]);
    const age = this.now() - issuedAt;
    if (age < 0 || age > MAX_AGE_MS) return false;
    const expected = Buffer.from(this.sign(form, visitor, issuedAt));
    const given = Buffer.from(match[2]);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
