import { z } from 'zod';
import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { UUID_PATTERN } from '../platform/ids.js';
import { listPublicGuides } from '../guides/guides.service.js';
import { publicSitemapEntries } from '../kb/public.service.js';
import type { FormTokens } from './form-token.js';
import type { ViewCounter } from './view-counter.js';
import { categoryData, homeData, searchPublic, viewArticle, visitorFeedback } from './helpcenter.service.js';
import { formFields, pageContext, sendPage } from './page-context.js';
import { articlePage, articlePath, categoryPage, errorPage, homePage, searchPage } from './views/articles.js';

const hidden = { hide: true } as const;
const IdParam = z.object({ id: z.string().regex(UUID_PATTERN) });
const PageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1), lang: z.string().optional() });

/** Home, categories, articles (with feedback), search and the sitemap; paths are under the /help prefix. */
export function registerPageRoutes(app: App, deps: RouteDeps, tokens: FormTokens, views: ViewCounter): void {
  app.get('/', { schema: hidden }, async (request, reply) => {
    const ctx = await pageContext(deps, request);
    return sendPage(reply, ctx, homePage(ctx, await homeData(deps, ctx.locale)));
  });

  app.get('/categories/:name', { schema: { ...hidden, params: z.object({ name: z.string().min(1).max(120) }), querystring: PageQuery } }, async (request, reply) => {
    const ctx = await pageContext(deps, request);
    const data = await categoryData(deps, request.params.name, ctx.locale, request.query.page);
    if (!data) return sendPage(reply, ctx, errorPage(ctx, 404, 'No such category', 'This category has no articles.'), 404);
    return sendPage(reply, ctx, categoryPage(ctx, request.params.name, data.articles, request.query.page, data.hasMore));
  });

  app.get('/articles/:id', { schema: { ...hidden, params: IdParam } }, async (request, reply) => {
    const ctx = await pageContext(deps, request);
    const found = await viewArticle(deps, views, request.params.id);
    if (!found) return sendPage(reply, ctx, errorPage(ctx, 404, 'Article not found', 'This article does not exist or is not public.'), 404);
    const { article, translations } = found;
    const visitor = tokens.visitor(request, reply);
    const feedback = (request.query as Record<string, string>).feedback;
    return sendPage(
      reply,
      ctx,
      articlePage(ctx, {
        id: article.id,
        title: article.title,
        body: article.body,
        version: Number(article.version),
        category: article.category,
        locale: article.locale,
        updatedAt: article.updated_at,
        translations,
        feedbackToken: tokens.issue('feedback', visitor),
        feedback: feedback === 'thanks' || feedback === 'invalid' ? feedback : undefined,
      }),
    );
  });

  app.post(
    '/articles/:id/feedback',
    { schema: { ...hidden, params: IdParam }, config: { rateLimit: { max: 30, timeWindow: '10 minutes' } } },
    async (request, reply) => {
      const fields = formFields(request.body);
      const target = articlePath(request.params.id);
      if (!tokens.verify('feedback', request, fields.token)) return reply.redirect(`${target}?feedback=invalid#fb`, 303);
      if (fields.helpful === 'yes' || fields.helpful === 'no') await visitorFeedback(deps, request.params.id, fields.helpful === 'yes', fields.comment);
      return reply.redirect(`${target}?feedback=thanks#fb`, 303);
    },
  );

  app.get('/search', { schema: hidden }, async (request, reply) => {
    const ctx = await pageContext(deps, request);
    const raw = (request.query as Record<string, unknown>).q;
    const q = typeof raw === 'string' ? raw.slice(0, 500) : '';
    return sendPage(reply, ctx, searchPage(ctx, q, await searchPublic(deps, q, ctx.locale)));
  });

  // The article part (up to 50,000 URLs, a sitemap file's limit) is rebuilt only when the
  // knowledge base changed or the origin differs: escaping 10,000 URLs per request costs milliseconds.
  let articleUrls: { entries: unknown; origin: string; xml: string } | undefined;
  app.get('/sitemap.xml', { schema: hidden }, async (request, reply) => {
    const ctx = await pageContext(deps, request, 'en');
    const entries = await publicSitemapEntries(deps);
    if (articleUrls?.entries !== entries || articleUrls.origin !== ctx.origin) {
      const categories = new Set(entries.filter((e) => e.category && e.locale === 'en').map((e) => e.category!));
      const xml = [
        sitemapUrl(ctx.origin, '/help'),
        ...[...categories].map((c) => sitemapUrl(ctx.origin, `/help/categories/${encodeURIComponent(c)}`)),
        ...entries.slice(0, 49_000).map((e) => sitemapUrl(ctx.origin, articlePath(e.id), e.updatedAt)),
      ].join('\n');
      articleUrls = { entries, origin: ctx.origin, xml };
    }
    const guides = await listPublicGuides(deps, undefined, 1_000);
    const body = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      articleUrls.xml,
      ...guides.map((g) => sitemapUrl(ctx.origin, `/help/guides/${g.id}`, g.updated_at)),
      '</urlset>',
    ].join('\n');
    return reply.type('application/xml; charset=utf-8').send(body);
  });
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const sitemapUrl = (origin: string, path: string, lastmod?: string) =>
  `<url><loc>${xmlText(origin + path)}</loc>${lastmod ? `<lastmod>${lastmod.slice(0, 10)}</lastmod>` : ''}</url>`;

/** robots.txt at the site's root (outside the /help scope): index the help center, not the API. */
export function registerRobotsRoute(app: App, deps: RouteDeps): void {
  app.get('/robots.txt', { schema: hidden }, async (request, reply) => {
    const ctx = await pageContext(deps, request, 'en');
    const lines = ['User-agent: *', 'Allow: /help', 'Disallow: /help/search', 'Disallow: /help/contact', 'Disallow: /help/runs/', 'Disallow: /api/', `Sitemap: ${ctx.origin}/help/sitemap.xml`];
    return reply.type('text/plain; charset=utf-8').send(`${lines.join('\n')}\n`);
  });
}
