import { html, raw, type SafeHtml } from '../html.js';
import { plainSummary, renderMarkdown } from '../markdown.js';
import { href, type Page, type PageContext } from './layout.js';

export const categoryPath = (name: string) => `/help/categories/${encodeURIComponent(name)}`;
export const articlePath = (id: string) => `/help/articles/${id}`;
export const guidePath = (id: string) => `/help/guides/${id}`;

interface HomeData {
  categories: Array<{ name: string; count: number }>;
  popular: Array<{ id: string; title: string }>;
  guides: Array<{ id: string; title: string; description: string }>;
}

/** The home page: search, categories, popular articles and troubleshooting guides. */
export function homePage(ctx: PageContext, data: HomeData): Page {
  const { siteName } = ctx.settings;
  return {
    title: siteName,
    description: `Answers, how-to articles and troubleshooting guides from ${siteName}.`,
    canonical: href(ctx, '/help'),
    main: html`<h1>How can we help?</h1>
<section aria-labelledby="cats"><h2 id="cats">Categories</h2>
${data.categories.length === 0 ? html`<p class="muted">No articles yet.</p>` : html`<ul class="grid">${data.categories.map((c) => html`<li class="card"><a href="${href(ctx, categoryPath(c.name))}">${c.name}</a> <span class="muted">(${c.count} ${c.count === 1 ? 'article' : 'articles'})</span></li>`)}</ul>`}
</section>
${data.guides.length > 0 ? html`<section aria-labelledby="guides"><h2 id="guides">Troubleshooting guides</h2><ul>${data.guides.map((g) => html`<li><a href="${href(ctx, guidePath(g.id))}">${g.title}</a>${g.description ? html` <span class="muted">— ${g.description}</span>` : ''}</li>`)}</ul></section>` : ''}
${data.popular.length > 0 ? html`<section aria-labelledby="popular"><h2 id="popular">Popular articles</h2><ul>${data.popular.map((a) => html`<li><a href="${href(ctx, articlePath(a.id))}">${a.title}</a></li>`)}</ul></section>` : ''}`,
  };
}

/** A category: its articles grouped by section, paged. */
export function categoryPage(ctx: PageContext, name: string, articles: Array<{ id: string; title: string; section: string | null }>, page: number, hasMore: boolean): Page {
  const sections = new Map<string, typeof articles>();
  for (const a of articles) sections.set(a.section ?? '', [...(sections.get(a.section ?? '') ?? []), a]);
  const list = (items: typeof articles) => html`<ul>${items.map((a) => html`<li><a href="${href(ctx, articlePath(a.id))}">${a.title}</a></li>`)}</ul>`;
  const base = categoryPath(name);
  return {
    title: page > 1 ? `${name} (page ${page})` : name,
    description: `Articles about ${name}.`,
    canonical: href(ctx, page > 1 ? `${base}?page=${page}` : base),
    breadcrumbs: [{ label: ctx.settings.siteName, href: href(ctx, '/help') }, { label: name }],
    main: html`<h1>${name}</h1>
${[...sections].map(([section, items]) => (section ? html`<section><h2>${section}</h2>${list(items)}</section>` : list(items)))}
<nav aria-label="Pages">${page > 1 ? html`<a rel="prev" href="${href(ctx, `${base}?page=${page - 1}`)}">Previous page</a> ` : ''}${hasMore ? html`<a rel="next" href="${href(ctx, `${base}?page=${page + 1}`)}">Next page</a>` : ''}</nav>`,
  };
}

interface ArticleData {
  id: string;
  title: string;
  body: string;
  version: number;
  category: string | null;
  locale: string;
  updatedAt: string;
  translations: Array<{ id: string; locale: string; title: string }>;
  feedbackToken: string;
  feedback?: 'thanks' | 'invalid';
}

/** An article: its rendered body, translations, "was this helpful?" and "still need help?". */
export function articlePage(ctx: PageContext, a: ArticleData): Page {
  const crumbs: Page['breadcrumbs'] = [{ label: ctx.settings.siteName, href: href(ctx, '/help') }];
  if (a.category) crumbs.push({ label: a.category, href: href(ctx, categoryPath(a.category)) });
  crumbs.push({ label: a.title });
  return {
    title: a.title,
    description: plainSummary(a.body) || a.title,
    canonical: articlePath(a.id),
    lang: a.locale,
    breadcrumbs: crumbs,
    main: html`<article class="card">
<h1>${a.title}</h1>
<p class="muted">Updated <time datetime="${a.updatedAt}">${a.updatedAt.slice(0, 10)}</time></p>
${raw(renderMarkdown(a.body, `${a.id}:${a.version}`))}
</article>
${a.translations.length > 0 ? html`<nav aria-label="Other languages" class="card"><h2>Other languages</h2><ul>${a.translations.map((t) => html`<li><a href="${articlePath(t.id)}" hreflang="${t.locale}" lang="${t.locale}">${t.title}</a> (${t.locale})</li>`)}</ul></nav>` : ''}
${feedbackForm(a)}
<aside class="card" aria-labelledby="more"><h2 id="more">Still need help?</h2><p><a class="button" href="${href(ctx, `/help/contact?article=${a.id}`)}">Contact support</a></p></aside>`,
  };
}

function feedbackForm(a: ArticleData): SafeHtml {
  if (a.feedback === 'thanks') return html`<section class="card notice" aria-labelledby="fb" role="status"><h2 id="fb">Thank you</h2><p>Your feedback helps us improve this article.</p></section>`;
  return html`<section class="card" aria-labelledby="fb"><h2 id="fb">Was this article helpful?</h2>
${a.feedback === 'invalid' ? html`<p class="error" role="alert">The form had expired; please answer again.</p>` : ''}
<form method="post" action="${articlePath(a.id)}/feedback">
<input type="hidden" name="token" value="${a.feedbackToken}">
<div class="field"><label for="fb-comment">Comment (optional)</label><textarea id="fb-comment" name="comment" rows="2" maxlength="2000"></textarea></div>
<p><button type="submit" name="helpful" value="yes">Yes, it helped</button> <button type="submit" name="helpful" value="no" class="secondary">No</button></p>
</form></section>`;
}

/** Search results (any text answers; an empty query shows the form only). */
export function searchPage(ctx: PageContext, q: string, results: Array<{ id: string; title: string; snippet: string }>): Page {
  return {
    title: q ? `Search: ${q}` : 'Search',
    description: 'Search the help center.',
    canonical: null,
    query: q,
    breadcrumbs: [{ label: ctx.settings.siteName, href: href(ctx, '/help') }, { label: 'Search' }],
    main: html`<h1>${q ? html`Results for “${q}”` : 'Search'}</h1>
${
  q && results.length === 0
    ? html`<p>No article matches. Try other words, or <a href="${href(ctx, '/help/contact')}">contact support</a>.</p>`
    : html`<ol>${results.map((r) => html`<li><h2><a href="${href(ctx, articlePath(r.id))}">${r.title}</a></h2><p>${raw(r.snippet)}</p></li>`)}</ol>`
}`,
  };
}

/** A friendly error page. */
export function errorPage(ctx: PageContext, status: number, heading: string, text: string): Page {
  return {
    title: heading,
    description: heading,
    canonical: null,
    main: html`<h1>${heading}</h1><p>${text}</p><p><a href="${href(ctx, '/help')}">Back to the help center</a> · <a href="${href(ctx, '/help/contact')}">Contact support</a></p>${status >= 500 ? html`<p class="muted">Error ${status}</p>` : ''}`,
  };
}
