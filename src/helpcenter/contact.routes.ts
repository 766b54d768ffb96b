import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import type { FormTokens } from './form-token.js';
import { ContactForm as ContactFormSchema } from './helpcenter.schema.js';
import { findRunForContact, openTicketFromHelpCenter } from './helpcenter.service.js';
import { formFields, pageContext, parseLocale, sendPage } from './page-context.js';
import { contactPage, contactSentPage, type ContactForm } from './views/contact.js';
import type { Run } from '../guides/guides.schema.js';

const hidden = { hide: true } as const;

const runSummary = (run: Run | undefined) =>
  run && run.channel === 'helpcenter' ? { id: run.id, guideTitle: run.guideTitle, steps: run.path.map((s) => (s.answer ? `${s.title} → ${s.answer}` : s.title)) } : undefined;

/**
 * "Still need help?": the ticket form. Protected by a signed form token bound to a cookie
 * (form-token.ts), a honeypot field and a per-address rate limit. A rejected submit shows the
 * form again with everything the visitor typed.
 */
export function registerContactRoutes(app: App, deps: RouteDeps, tokens: FormTokens): void {
  const render = async (request: FastifyRequest, reply: FastifyReply, form: Omit<ContactForm, 'token'>, status: number, locale?: string) => {
    const ctx = await pageContext(deps, request, locale);
    const token = tokens.issue('contact', tokens.visitor(request, reply));
    return sendPage(reply, ctx, contactPage(ctx, { ...form, token }), status);
  };

  app.get('/contact', { schema: hidden }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const run = runSummary(await findRunForContact(deps, query.run));
    const subject = run ? `Help with: ${run.guideTitle}`.slice(0, 200) : undefined;
    return render(request, reply, { values: { subject }, errors: {}, run, articleId: query.article }, 200);
  });

  app.post('/contact', { schema: hidden, config: { rateLimit: { max: 10, timeWindow: '10 minutes' } } }, async (request, reply) => {
    const fields = formFields(request.body);
    // The form repeats ?lang= as a field, since its action has no query string.
    const locale = parseLocale(fields.lang);
    const run = runSummary(await findRunForContact(deps, fields.guideRunId));
    const values = { email: fields.email, name: fields.name, subject: fields.subject, message: fields.message };
    const base = { values, run, articleId: fields.articleId };
    if (!tokens.verify('contact', request, fields.token)) {
      return render(request, reply, { ...base, errors: {}, formError: 'This form had expired. Nothing was lost: check your message and send it again.' }, 403, locale);
    }
    // A bot fills every field, the hidden one too: it is thanked and nothing is created.
    if (fields.website) return reply.redirect('/help/contact/sent', 303);
    const parsed = ContactFormSchema.safeParse(values);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
      return render(request, reply, { ...base, errors }, 400, locale);
    }
    const ticket = await openTicketFromHelpCenter(deps, { ...parsed.data, guideRunId: run?.id, articleId: fields.articleId });
    const lang = locale === 'en' ? '' : `&lang=${encodeURIComponent(locale)}`;
    return reply.redirect(`/help/contact/sent?ref=${ticket.number}${lang}`, 303);
  });

  app.get('/contact/sent', { schema: hidden }, async (request, reply) => {
    const ctx = await pageContext(deps, request);
    const ref = (request.query as Record<string, string | undefined>).ref;
    return sendPage(reply, ctx, contactSentPage(ctx, ref && /^\d{1,12}$/.test(ref) ? ref : undefined));
  });
}
