import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from './html.js';

// One parser for the help center; GitHub-flavoured Markdown, no raw-HTML passthrough surprises:
// whatever marked emits goes through sanitize-html with an allow-list below.
const marked = new Marked({ gfm: true, breaks: false, async: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd', 'ul', 'ol', 'li',
    'strong', 'em', 'del', 's', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sup', 'sub', 'mark',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title', 'width', 'height'], th: ['align'], td: ['align'], ol: ['start'], code: ['class'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // The page's one h1 is the article title: headings inside the body start at h2.
  transformTags: {
    h1: 'h2',
    a: (tagName, attribs) => ({ tagName, attribs: /^https?:/i.test(attribs.href ?? '') ? { ...attribs, rel: 'nofollow noopener' } : attribs }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy', alt: attribs.alt ?? '' } }),
  },
  allowedClasses: { code: [/^language-[\w-]+$/] },
};

// Rendered bodies are kept per article version: rendering and sanitising costs far more than
// the page around it, and an article's text only changes with its version.
const cache = new Map<string, string>();
const MAX_CACHED = 2_000;

/**
 * Markdown to safe HTML. Never throws: text marked cannot parse is shown as escaped
 * preformatted text, so a broken article still renders its page.
 */
export function renderMarkdown(markdown: string, cacheKey?: string): string {
  if (cacheKey) {
    const hit = cache.get(cacheKey);
    if (hit !== undefined) return hit;
  }
  let out: string;
  try {
    out = sanitizeHtml(marked.parse(markdown) as string, SANITIZE);
  } catch {
    out = `<pre>${escapeHtml(markdown)}</pre>`;
  }
  if (cacheKey) {
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(cacheKey, out);
  }
  return out;
}

/** The first words of a Markdown body as plain text, for a meta description. */
export function plainSummary(markdown: string, max = 160): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/^\s*(?:[-+*]|\d+\.)\s+/gm, ' ')
    .replace(/[*_`~]+/g, '')
    .replace(/[#>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}
