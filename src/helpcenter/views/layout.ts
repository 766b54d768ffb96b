import type { HelpCenterSettings, Theme } from '../helpcenter.schema.js';
import { html, raw, type SafeHtml } from '../html.js';

export interface PageContext {
  settings: HelpCenterSettings;
  /** The public origin, e.g. https://help.example.com (no trailing slash). */
  origin: string;
  /** The interface locale (?lang=), `en` by default. */
  locale: string;
}

export interface Page {
  title: string;
  description: string;
  /** Path of the canonical URL (with ?lang= when not the default), or null for pages not to index. */
  canonical: string | null;
  /** Language of the main content when it differs from the interface (an article in another locale). */
  lang?: string;
  breadcrumbs?: Array<{ label: string; href?: string }>;
  /** Whether the search box in the header should hold a query. */
  query?: string;
  main: SafeHtml;
}

const DEFAULT_THEME: Required<Theme> = {
  primary: '#1a56db',
  primaryText: '#ffffff',
  background: '#f7f8fa',
  surface: '#ffffff',
  text: '#1f2328',
  muted: '#57606a',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  radius: '8px',
};

const BASE_CSS = `*{box-sizing:border-box}body{margin:0;font-family:var(--hc-font);color:var(--hc-text);background:var(--hc-bg);line-height:1.6}
a{color:var(--hc-primary)}a:focus,button:focus,input:focus,textarea:focus{outline:3px solid var(--hc-primary);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--hc-surface);padding:.5rem 1rem;z-index:10}.skip:focus{left:1rem}
header.site{background:var(--hc-primary);color:var(--hc-primary-text);padding:1rem}header.site a{color:var(--hc-primary-text);text-decoration:none}
.bar{max-width:60rem;margin:0 auto;display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between}
.brand{display:flex;gap:.5rem;align-items:center;font-weight:700;font-size:1.2rem}.brand img{max-height:2rem}
form.search{display:flex;gap:.5rem}form.search input{min-width:14rem}
input,textarea,select{font:inherit;padding:.5rem;border:1px solid var(--hc-muted);border-radius:var(--hc-radius);background:var(--hc-surface);color:var(--hc-text)}
button,.button{font:inherit;padding:.5rem 1rem;border:0;border-radius:var(--hc-radius);background:var(--hc-primary);color:var(--hc-primary-text);cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:var(--hc-surface);color:var(--hc-primary);border:1px solid var(--hc-primary)}
main{max-width:60rem;margin:0 auto;padding:1rem}.card{background:var(--hc-surface);border-radius:var(--hc-radius);padding:1rem 1.5rem;margin:1rem 0}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem;padding:0;list-style:none}
.muted,.crumbs{color:var(--hc-muted)}.crumbs ol{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}.crumbs li+li:before{content:"/";margin-right:.5rem}
label{display:block;font-weight:600;margin-top:.75rem}fieldset{border:0;padding:0;margin:0}legend{font-weight:600}
.field input,.field textarea{width:100%}.error{color:#b42318;font-weight:600}.notice{border-left:4px solid var(--hc-primary);padding-left:1rem}
.hp,.sr{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}mark{background:#fff3b0}footer.site{max-width:60rem;margin:2rem auto;padding:1rem;color:var(--hc-muted)}
article img{max-width:100%}pre{overflow:auto;background:var(--hc-bg);padding:1rem}table{border-collapse:collapse}td,th{border:1px solid var(--hc-muted);padding:.25rem .5rem}`;

// The stylesheet of a theme is built once per settings version, not per page.
let styleCache: { version: number; css: string } | undefined;

function stylesheet(settings: HelpCenterSettings): string {
  if (styleCache?.version === settings.version) return styleCache.css;
  const t = { ...DEFAULT_THEME, ...settings.theme };
  const vars = `:root{--hc-primary:${t.primary};--hc-primary-text:${t.primaryText};--hc-bg:${t.background};--hc-surface:${t.surface};--hc-text:${t.text};--hc-muted:${t.muted};--hc-font:${t.fontFamily};--hc-radius:${t.radius}}`;
  // Theme values are pattern-checked on save; '<' is dropped again so nothing can end the element.
  const css = (vars + BASE_CSS).replace(/</g, '');
  styleCache = { version: settings.version, css };
  return css;
}

/** A link inside the help center that keeps the interface locale. */
export function href(ctx: PageContext, path: string): string {
  if (ctx.locale === 'en') return path;
  return `${path}${path.includes('?') ? '&' : '?'}lang=${encodeURIComponent(ctx.locale)}`;
}

/** The whole document around a page's main content: landmarks, skip link, meta tags, theme. */
export function layout(ctx: PageContext, page: Page): string {
  const { settings } = ctx;
  const fullTitle = page.title === settings.siteName ? page.title : `${page.title} · ${settings.siteName}`;
  return (
    '<!doctype html>\n' +
    html`<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${page.description}">
${page.canonical ? html`<link rel="canonical" href="${ctx.origin + page.canonical}">` : html`<meta name="robots" content="noindex">`}
<style>${raw(stylesheet(settings))}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<div class="bar">
<a class="brand" href="${href(ctx, '/help')}">${settings.logoUrl ? html`<img src="${settings.logoUrl}" alt="">` : ''}<span>${settings.siteName}</span></a>
<form class="search" role="search" method="get" action="/help/search">
<label for="hc-q" class="sr">Search the help center</label>
<input id="hc-q" type="search" name="q" value="${page.query ?? ''}" placeholder="Search articles" maxlength="500">
${ctx.locale === 'en' ? '' : html`<input type="hidden" name="lang" value="${ctx.locale}">`}
<button type="submit">Search</button>
</form>
</div>
</header>
${page.breadcrumbs ? crumbs(page.breadcrumbs) : ''}
<main id="main" tabindex="-1"${page.lang && page.lang !== ctx.locale ? html` lang="${page.lang}"` : ''}>
${page.main}
</main>
<footer class="site">
<p><a href="${href(ctx, '/help/contact')}">Still need help? Contact us</a></p>
</footer>
</body>
</html>
`.value
  );
}

function crumbs(items: Array<{ label: string; href?: string }>): SafeHtml {
  return html`<nav class="crumbs" aria-label="Breadcrumb"><ol>${items.map((i) => html`<li>${i.href ? html`<a href="${i.href}">${i.label}</a>` : html`<span aria-current="page">${i.label}</span>`}</li>`)}</ol></nav>`;
}
