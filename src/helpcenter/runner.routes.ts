import { z } from 'zod';
import type { RouteDeps } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import type { App } from '../platform/http/server.js';
import { UUID_PATTERN } from '../platform/ids.js';
import { getPublicGuide } from '../guides/guides.service.js';
import { answerRun, finishRun, getRun, startRun } from '../guides/runs.service.js';
import { publicArticle } from '../kb/public.service.js';
import { VISITOR } from './helpcenter.service.js';
import { formFields, pageContext, sendPage } from './page-context.js';
import { errorPage } from './views/articles.js';
import { guideIntroPage, runPage, runPath } from './views/guides.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

const hidden = { hide: true } as const;
const IdParam = z.object({ id: z.string().regex(UUID_PATTERN) });
const RunParam = z.object({ runId: z.string().regex(UUID_PATTERN) });
const limited = { rateLimit: { max: 300, timeWindow: '10 minutes' } };

/**
 * The public guide runner: one node per page, every answer a plain form POST that redirects
 * to the run's page (POST/redirect/GET), so it works without JavaScript and a reload never
 * answers twice. The run id in the URL is the visitor's handle on the run (UUIDv7: unguessable).
 */
export function registerRunnerRoutes(app: App, deps: RouteDeps): void {
  const notFoundPage = async (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = await pageContext(deps, request);
    return sendPage(reply, ctx, errorPage(ctx, 404, 'Guide not found', 'This guide does not exist or is not public.'), 404);
  };

  app.get('/guides/:id', { schema: { ...hidden, params: IdParam } }, async (request, reply) => {
    const guide = await getPublicGuide(deps, request.params.id);
    if (!guide) return notFoundPage(request, reply);
    const ctx = await pageContext(deps, request);
    return sendPage(reply, ctx, guideIntroPage(ctx, guide));
  });

  app.post('/guides/:id/start', { schema: { ...hidden, params: IdParam }, config: limited }, async (request, reply) => {
    const guide = await getPublicGuide(deps, request.params.id);
    if (!guide) return notFoundPage(request, reply);
    const run = await startRun(deps, VISITOR, guide.id, { channel: 'helpcenter' });
    return reply.redirect(runPath(run.id), 303);
  });

  app.get('/runs/:runId', { schema: { ...hidden, params: RunParam } }, async (request, reply) => {
    const run = await publicRun(request.params.runId);
    if (!run) return notFoundPage(request, reply);
    const ctx = await pageContext(deps, request);
    const error = (request.query as Record<string, string>).error === 'choose' ? 'Choose one of the answers.' : undefined;
    const articleId = run.outcome?.articleId;
    const article = articleId ? await publicArticle(deps, articleId) : undefined;
    return sendPage(reply, ctx, runPage(ctx, run, { error, articleTitle: article?.article.title }));
  });

  app.post('/runs/:runId', { schema: { ...hidden, params: RunParam }, config: limited }, async (request, reply) => {
    const run = await publicRun(request.params.runId);
    if (!run) return notFoundPage(request, reply);
    const fields = formFields(request.body);
    const page = runPath(run.id);
    try {
      if (fields.solved === '1' && fields.node === run.currentNode.id) await finishRun(deps, VISITOR, run.id, 'solved');
      else await answerRun(deps, VISITOR, run.id, { nodeId: fields.node ?? '', option: /^\d{1,2}$/.test(fields.option ?? '') ? Number(fields.option) : undefined });
    } catch (error) {
      // A missing choice shows the question again; a stale or repeated submit shows where the run is now.
      if (error instanceof AppError && error.code === 'validation_failed') return reply.redirect(`${page}?error=choose`, 303);
      if (!(error instanceof AppError && error.code === 'guide_run_closed')) throw error;
    }
    return reply.redirect(page, 303);
  });

  app.post('/runs/:runId/give-up', { schema: { ...hidden, params: RunParam }, config: limited }, async (request, reply) => {
    const run = await publicRun(request.params.runId);
    if (!run) return notFoundPage(request, reply);
    if (run.status === 'active') await finishRun(deps, VISITOR, run.id, 'gave_up').catch((error: unknown) => {
      if (!(error instanceof AppError && error.code === 'guide_run_closed')) throw error;
    });
    return reply.redirect(`/help/contact?run=${run.id}`, 303);
  });

  /** Only runs started in the help center are reachable from it (agents' runs stay internal). */
  async function publicRun(runId: string) {
    try {
      const run = await getRun(deps, runId);
      return run.channel === 'helpcenter' ? run : undefined;
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return undefined;
      throw error;
    }
  }
}
