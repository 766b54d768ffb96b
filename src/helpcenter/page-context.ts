import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { canonicalLocale, isKnownLocale } from '../kb/locale.js';
import { getSettings } from './settings.service.js';
import { layout, type Page, type PageContext } from './views/layout.js';

/** The interface locale from `?lang=` (default en); an unknown one is a 400. */
export function localeOf(request: FastifyRequest): string {
  return parseLocale((request.query as Record<string, unknown> | undefined)?.lang);
}

/** A `lang` value as a canonical locale (default en); an unknown one is a 400. */
export function parseLocale(lang: unknown): string {
  if (lang === undefined || lang === '') return 'en';
  if (typeof lang !== 'string' || lang.length > 35 || !isKnownLocale(lang)) throw new AppError('validation_failed', 'That language is not one we know.');
  return canonicalLocale(lang)!;
}

/** The settings, origin and locale a page is rendered with. */
export async function pageContext(deps: Deps, request: FastifyRequest, locale?: string): Promise<PageContext> {
  const settings = await getSettings(deps);
  // Canonical links and the sitemap use a configured origin (the setting, else FRONTLINE_PUBLIC_URL),
  // never the request's Host header, which a client chooses and a cache in front could keep.
  const origin = settings.baseUrl ?? deps.config.publicUrl;
  return { settings, origin, locale: locale ?? localeOf(request) };
}

/** Sends a page as HTML. */
export function sendPage(reply: FastifyReply, ctx: PageContext, page: Page, status = 200): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
    .send(layout(ctx, page));
}

/** A form body as a flat record of strings (our forms never repeat a field). */
export function formFields(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}
