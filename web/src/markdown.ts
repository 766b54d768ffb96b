import { marked } from 'marked';

const ALLOWED = new Set(['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);
const ATTRIBUTES: Record<string, string[]> = { a: ['href', 'title'], img: ['src', 'alt', 'title'], th: ['align'], td: ['align'], ol: ['start'] };
const SAFE_URL = /^(https?:|mailto:|\/|#)/i;

/**
 * Markdown to HTML that is safe to put in the page: marked renders, then everything not on the
 * allow-list (tags, attributes, URL schemes such as javascript:) is dropped, in an inert document.
 */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false, gfm: true, breaks: false });
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const clean = (node: Element) => {
    for (const child of [...node.children]) {
      const tag = child.tagName.toLowerCase();
      if (!ALLOWED.has(tag)) {
        // Keep the text of unknown elements, never scripts or styles.
        if (tag === 'script' || tag === 'style' || tag === 'iframe' || tag === 'object' || tag === 'template') child.remove();
        else child.replaceWith(...child.childNodes);
        continue;
      }
      for (const attr of [...child.attributes]) {
        const allowed = ATTRIBUTES[tag]?.includes(attr.name) ?? false;
        const url = attr.name === 'href' || attr.name === 'src';
        if (!allowed || (url && !SAFE_URL.test(attr.value.trim()))) child.removeAttribute(attr.name);
      }
      if (tag === 'a') child.setAttribute('rel', 'noopener noreferrer');
      clean(child);
    }
  };
  // Unwrapping can expose new children: clean until nothing changes.
  let before = '';
  while (before !== doc.body.innerHTML) {
    before = doc.body.innerHTML;
    clean(doc.body);
  }
  return doc.body.innerHTML;
}
