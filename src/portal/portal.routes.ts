import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { acceptForms } from '../platform/http/forms.js';
import { Email, protectedErrors } from '../platform/http/schemas.js';
import type { App } from '../platform/http/server.js';
import { UUID_PATTERN } from '../platform/ids.js';
import { surveyUrl } from '../surveys/surveys.service.js';
import { serverSecret } from '../surveys/signing.js';
import { assertPortalCsrf, portalCookie, portalCsrfToken, portalCustomer, redeemSignInLink, requestSignInLink, signOutPortal, type PortalCustomer } from './portal-auth.js';
import { messagePage, newTicketPage, signInPage, ticketPage, ticketsPage, type Layout } from './portal.pages.js';
import { deflectionSummary, myTicket, myTickets, openMyTicket, recordPortalEvent, replyToMyTicket, suggestArticles } from './portal.service.js';
import { PORTAL_EVENT_KINDS } from './portal.tables.js';

const hidden = { hide: true } as const;
const TicketParams = z.object({ id: z.string().regex(UUID_PATTERN) });
const Csrf = z.string().max(200).optional();
/** Where customers read an article: the public help center. */
const articleUrl = (id: string) => `/help/articles/${encodeURIComponent(id)}`;

const sendHtml = (reply: FastifyReply, status: number, body: string) =>
  reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

/** The customer portal at /portal: server-rendered, works without JavaScript. */
export function registerPortalRoutes(app: App, deps: RouteDeps): void {
  const signedIn = async (request: FastifyRequest, reply: FastifyReply): Promise<PortalCustomer | null> => {
    const customer = await portalCustomer(deps, request.headers.cookie);
    if (!customer) void reply.redirect('/portal', 303);
    return customer;
  };
  const layoutFor = async (customer: PortalCustomer, title: string): Promise<Layout> => ({ title, signedInAs: customer.email, csrf: await portalCsrfToken(deps, customer) });

  acceptForms(app);

  app.get('/portal', { schema: hidden }, async (request, reply) => {
    if (await portalCustomer(deps, request.headers.cookie)) return reply.redirect('/portal/tickets', 303);
    return sendHtml(reply, 200, signInPage());
  });

  app.post(
    '/portal/login',
    { schema: { ...hidden, body: z.object({ email: z.string().max(300).default('') }) }, config: { rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: 60_000 } } },
    async (request, reply) => {
      const email = Email.safeParse(request.body.email);
      if (!email.success) return sendHtml(reply, 400, signInPage('Please enter a valid e-mail address.'));
      await requestSignInLink(deps, email.data);
      return sendHtml(reply, 200, messagePage('Check your e-mail', `If ${email.data} can receive mail, a sign-in link is on its way. It works once, for 15 minutes.`));
    },
  );

  app.get('/portal/auth', { schema: { ...hidden, querystring: z.object({ token: z.string().max(200).default('') }) } }, async (request, reply) => {
    try {
      const { cookie, maxAgeSeconds } = await redeemSignInLink(deps, request.query.token);
      reply.header('set-cookie', portalCookie(cookie, maxAgeSeconds, deps.config.cookieSecure));
      return reply.redirect('/portal/tickets', 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid_token') {
        return sendHtml(reply, 400, messagePage('Link not valid', 'This sign-in link was used already or has expired.', { href: '/portal', label: 'Get a new link' }));
      }
      throw error;
    }
  });

  app.post('/portal/logout', { schema: { ...hidden, body: z.object({ csrf: Csrf }) } }, async (request, reply) => {
    const customer = await signedIn(request, reply);
    if (!customer) return reply;
    await assertPortalCsrf(deps, customer, request.body.csrf);
    await signOutPortal(deps, customer);
    reply.header('set-cookie', portalCookie('', 0, deps.config.cookieSecure));
    return reply.redirect('/portal', 303);
  });

  app.get('/portal/tickets', { schema: hidden }, async (request, reply) => {
    const customer = await signedIn(request, reply);
    if (!customer) return reply;
    return sendHtml(reply, 200, ticketsPage(await layoutFor(customer, 'My requests'), await myTickets(deps, customer)));
  });

  app.get('/portal/tickets/new', { schema: hidden }, async (request, reply) => {
    const customer = await signedIn(request, reply);
    if (!customer) return reply;
    return sendHtml(reply, 200, newTicketPage(await layoutFor(customer, 'New request'), { subject: '', body: '' }, null));
  });

  app.post(
    '/portal/tickets',
    { schema: { ...hidden, body: z.object({ csrf: Csrf, subject: z.string().max(500).default(''), body: z.string().max(100_000).default(''), action: z.string().max(20).optional() }) } },
    async (request, reply) => {
      const customer = await signedIn(request, reply);
      if (!customer) return reply;
      await assertPortalCsrf(deps, customer, request.body.csrf);
      const values = { subject: request.body.subject.trim(), body: request.body.body };
      const layout = await layoutFor(customer, 'New request');
      if (request.body.action === 'suggest') {
        return sendHtml(reply, 200, newTicketPage(layout, values, await suggestArticles(deps, customer, `${values.subject} ${values.body}`)));
      }
      if (!values.subject || !values.body.trim()) {
        return sendHtml(reply, 400, newTicketPage(layout, values, null, 'Please give a subject and describe how we can help.'));
      }
      const id = await openMyTicket(deps, customer, values);
      return reply.redirect(`/portal/tickets/${id}`, 303);
    },
  );

  app.get('/portal/tickets/:id', { schema: { ...hidden, params: TicketParams } }, async (request, reply) => {
    const customer = await signedIn(request, reply);
    if (!customer) return reply;
    const found = await myTicket(deps, customer, request.params.id).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found') return null;
      throw error;
    });
    if (!found) return sendHtml(reply, 404, messagePage('Request not found', 'There is no such request among yours.', { href: '/portal/tickets', label: 'My requests' }));
    const survey = found.ticket.status === 'solved' || found.ticket.status === 'closed'
      ? await deps.db.kysely.selectFrom('csat_surveys').select('ticket_id').where('ticket_id', '=', found.ticket.id).executeTakeFirst()
      : undefined;
    const link = survey ? surveyUrl(deps, await serverSecret(deps), found.ticket.id) : null;
    return sendHtml(reply, 200, ticketPage(await layoutFor(customer, `#${found.ticket.number}`), found.ticket, found.messages, link));
  });

  app.post(
    '/portal/tickets/:id/reply',
    { schema: { ...hidden, params: TicketParams, body: z.object({ csrf: Csrf, body: z.string().max(100_000).default('') }) } },
    async (request, reply) => {
      const customer = await signedIn(request, reply);
      if (!customer) return reply;
      await assertPortalCsrf(deps, customer, request.body.csrf);
      if (request.body.body.trim()) await replyToMyTicket(deps, customer, request.params.id, request.body.body);
      return reply.redirect(`/portal/tickets/${request.params.id}`, 303);
    },
  );

  app.get('/portal/suggest', { schema: { ...hidden, querystring: z.object({ q: z.string().max(2_000).default('') }) } }, async (request, reply) => {
    const customer = await portalCustomer(deps, request.headers.cookie);
    if (!customer) throw new AppError('unauthenticated', 'Sign in to the portal first');
    return reply.header('cache-control', 'no-store').send({ items: await suggestArticles(deps, customer, request.query.q) });
  });

  app.get('/portal/articles/:id', { schema: { ...hidden, params: TicketParams } }, async (request, reply) => {
    const customer = await portalCustomer(deps, request.headers.cookie);
    if (customer) await recordPortalEvent(deps, customer, 'article_opened', { articleId: request.params.id });
    return reply.redirect(articleUrl(request.params.id), 303);
  });

  app.post(
    '/portal/events',
    { schema: { ...hidden, body: z.object({ csrf: Csrf, kind: z.enum(PORTAL_EVENT_KINDS), q: z.string().max(2_000).optional() }) } },
    async (request, reply) => {
      const customer = await portalCustomer(deps, request.headers.cookie);
      if (!customer) throw new AppError('unauthenticated', 'Sign in to the portal first');
      await assertPortalCsrf(deps, customer, request.body.csrf);
      // Only what the browser alone can know; shown, opened and submitted are recorded by the server.
      if (request.body.kind === 'form_abandoned') await recordPortalEvent(deps, customer, 'form_abandoned', { query: request.body.q });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/portal/deflection',
    {
      schema: {
        tags: ['portal'],
        querystring: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
        response: {
          200: z.object({
            visitsWithSuggestions: z.number(),
            visitsOpeningAnArticle: z.number(),
            visitsAbandoningTheForm: z.number(),
            visitsSubmittingATicket: z.number(),
            deflected: z.number(),
            deflectionRate: z.number().nullable(),
          }),
          ...protectedErrors,
        },
      },
      preHandler: deps.guard.require('tickets:read'),
    },
    async (request) => {
      const from = new Date(request.query.from).toISOString();
      const to = new Date(request.query.to).toISOString();
      if (from > to) throw new AppError('validation_failed', 'from must not be after to', { fields: [{ path: 'from', message: 'is after to' }] });
      return deflectionSummary(deps, from, to);
    },
  );
}
