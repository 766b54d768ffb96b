import { actorOf, type Actor } from '../platform/auth/principal.js';
import type { RouteDeps } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { acceptForms } from '../platform/http/forms.js';
import type { App } from '../platform/http/server.js';
import { IdParams, protectedErrors } from '../platform/http/schemas.js';
import { AnswerBody, CsatListQuery, CsatListResponse, PublicSurveyForm, PublicSurveyQuery, Rating, SurveyParams, SurveySchema, TicketCsatResponse } from './surveys.schema.js';
import { surveyMessagePage, surveyPage } from './surveys.pages.js';
import { getTicketSurvey, listAnswers, recordAnswer } from './surveys.service.js';
import { serverSecret, validSurveySignature } from './signing.js';

const CUSTOMER: Actor = { type: 'customer', id: null, label: 'customer (survey link)' };

/** CSAT: the customer's signed survey pages, and the API for agents and reports. */
export function registerSurveyRoutes(app: App, deps: RouteDeps): void {
  const tags = ['csat'];
  const { guard } = deps;

  acceptForms(app);

  app.get('/api/v1/tickets/:id/csat', { schema: { tags, params: IdParams, response: { 200: TicketCsatResponse, ...protectedErrors } }, preHandler: guard.require('tickets:read') }, async (request) => ({
    survey: await getTicketSurvey(deps, request.params.id),
  }));

  app.post(
    '/api/v1/tickets/:id/csat',
    { schema: { tags, params: IdParams, body: AnswerBody, response: { 200: SurveySchema, ...protectedErrors }, description: 'Records a rating given by other means (phone, chat) on the customer\'s behalf' }, preHandler: guard.require('tickets:write') },
    async (request) => recordAnswer(deps, actorOf(request.principal!), request.params.id, request.body, 'api'),
  );

  app.get('/api/v1/csat', { schema: { tags, querystring: CsatListQuery, response: { 200: CsatListResponse, ...protectedErrors } }, preHandler: guard.require('tickets:read') }, async (request) =>
    listAnswers(deps, request.query),
  );

  /** Answers a public page: the signature stands in for a session, so no cookie and no CSRF risk. */
  const answerPage = async (ticketId: string, sig: string, ratingText: string | undefined, comment: string | undefined) => {
    const secret = await serverSecret(deps);
    if (!validSurveySignature(secret, ticketId, sig)) return { status: 404, html: surveyMessagePage('Survey not found', 'This survey link is not valid. Please use the link from your e-mail.') };
    const action = `/surveys/${encodeURIComponent(ticketId)}`;
    const survey = await getTicketSurvey(deps, ticketId).catch(() => null);
    if (!survey) return { status: 404, html: surveyMessagePage('Survey not found', 'There is no survey for this request.') };
    const rating = Rating.safeParse(ratingText);
    if (ratingText === undefined || !rating.success) return { status: ratingText === undefined ? 200 : 400, html: surveyPage(survey, sig, action, false) };
    try {
      const answered = await recordAnswer(deps, CUSTOMER, ticketId, { rating: rating.data, ...(comment === undefined ? {} : { comment: comment.slice(0, 2_000) }) }, 'email');
      return { status: 200, html: surveyPage(answered, sig, action, true) };
    } catch (error) {
      if (error instanceof AppError && error.code === 'survey_closed') return { status: 409, html: surveyMessagePage('Survey closed', 'Thank you — this survey was answered more than 7 days ago and can no longer be changed.') };
      throw error;
    }
  };

  app.get('/surveys/:ticketId', { schema: { hide: true, params: SurveyParams, querystring: PublicSurveyQuery } }, async (request, reply) => {
    const { status, html } = await answerPage(request.params.ticketId, request.query.sig, request.query.rating, undefined);
    return reply.status(status).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8').send(html);
  });

  app.post('/surveys/:ticketId', { schema: { hide: true, params: SurveyParams, body: PublicSurveyForm } }, async (request, reply) => {
    const { status, html } = await answerPage(request.params.ticketId, request.body.sig, request.body.rating, request.body.comment ?? '');
    return reply.status(status).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8').send(html);
  });
}
