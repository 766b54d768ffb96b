import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import type { App } from '../platform/http/server.js';
import { registerContactRoutes } from './contact.routes.js';
import { FormTokens } from './form-token.js';
import { ViewCounter } from './view-counter.js';
import { pageContext, sendPage } from './page-context.js';
import { registerPageRoutes, registerRobotsRoute } from './pages.routes.js';
import { registerRunnerRoutes } from './runner.routes.js';
import { registerSettingsRoutes } from './settings.routes.js';
import { errorPage } from './views/articles.js';
import { DEFAULT_SETTINGS } from './settings.service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The help center's pending article views (flushed every second; tests flush at once). */
    helpCenterViews?: ViewCounter;
  }
}

/** Largest form body the help center accepts (the ticket form's message is capped at 20,000 characters). */
const FORM_BODY_LIMIT = 128 * 1024;

/**
 * The public help center at /help (server-rendered HTML, no JavaScript) and its settings API.
 * The pages live in their own plugin scope: there, forms are parsed (urlencoded) and errors
 * become friendly HTML pages instead of problem+json; the rest of the API is unchanged.
 */
export async function registerHelpCenterRoutes(app: App, deps: RouteDeps, secret: string): Promise<void> {
  registerSettingsRoutes(app, deps);
  const tokens = new FormTokens(secret, () => deps.clock.now().getTime());
  const views = new ViewCounter(deps);
  app.addHook('onClose', () => views.flush());
  app.decorate('helpCenterViews', views);
  await app.register(async (scope) => {
    const pages = scope as unknown as App;
    pages.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    // How long the server spent on the page, for operators and the benchmark (bench/helpcenter.ts).
    pages.addHook('onSend', async (_request, reply) => {
      reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
    });
    pages.setErrorHandler((error, request, reply) => htmlError(deps, error, request, reply));
    pages.setNotFoundHandler(async (request, reply) => htmlError(deps, new AppError('route_not_found'), request, reply));
    registerPageRoutes(pages, deps, tokens, views);
    registerRunnerRoutes(pages, deps);
    registerContactRoutes(pages, deps, tokens);
  }, { prefix: '/help' });
  registerRobotsRoute(app, deps);
}

const MESSAGES: Record<number, [string, string]> = {
  400: ['That request did not make sense', 'Check the address or the form and try again.'],
  403: ['That form has expired', 'Go back, reload the page and send it again.'],
  404: ['Page not found', 'We could not find that page.'],
  409: ['That step has already been taken', 'Reload the page to see where you are.'],
  413: ['That was too long', 'Shorten your message and send it again.'],
  415: ['That form could not be read', 'Send the form from our page.'],
  429: ['Too many requests', 'Please wait a few minutes before trying again.'],
  500: ['Something went wrong on our side', 'Please try again in a moment.'],
};

/** Any error under /help as an HTML page with the right status; server faults are logged and disclose nothing. */
async function htmlError(deps: RouteDeps, error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const status = statusOf(error);
  if (status >= 500) request.log.error({ err: error }, 'help-center request failed');
  const [heading, text] = MESSAGES[status] ?? MESSAGES[status >= 500 ? 500 : 400];
  const detail = error instanceof AppError && error.code === 'validation_failed' && error.detail ? error.detail : text;
  let ctx;
  try {
    ctx = await pageContext(deps, request, 'en');
  } catch {
    ctx = { settings: DEFAULT_SETTINGS, origin: '', locale: 'en' };
  }
  return sendPage(reply, ctx, errorPage(ctx, status, heading, detail), status);
}

function statusOf(error: unknown): number {
  if (error instanceof AppError) return error.code === 'route_not_found' ? 404 : error.status;
  // Parameters that fail their pattern (a malformed id) name no page: 404.
  if (hasZodFastifySchemaValidationErrors(error)) return (error as { validationContext?: string }).validationContext === 'params' ? 404 : 400;
  const code = (error as Partial<FastifyError>).statusCode;
  return typeof code === 'number' && code >= 400 && code < 600 ? code : 500;
}
