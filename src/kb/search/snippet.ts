import { keyOf } from './analyze.js';
import { tokens, type Token } from './text.js';

/** Snippets: the passage of a body that matches most of the query, HTML-escaped, matches in `<mark>`. */

export const SNIPPET_CHARS = 200;
/** Bodies are scanned this far for a passage; a match deeper in a huge article is not worth the time. */
const SCAN_CHARS = 50_000;
const MAX_MATCHES = 400;
const LEAD_CHARS = 40;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** The best passage of `text` for the highlighted keys, at most about `size` characters. */
export function snippet(text: string, highlight: ReadonlySet<string>, english: boolean, size = SNIPPET_CHARS): string {
  const scanned = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text;
  const toks = tokens(scanned);
  const matches: { token: Token; key: string }[] = [];
  for (const token of toks) {
    const key = keyOf(token.word, english);
    if (highlight.has(key) || highlight.has(token.word)) matches.push({ token, key });
    if (matches.length >= MAX_MATCHES) break;
  }
  if (matches.length === 0) return render(text, 0, cutEnd(text, size), []);
  let best = 0;
  let bestDistinct = 0;
  let bestCount = 0;
  for (let i = 0; i < matches.length; i++) {
    const keys = new Set<string>();
    let j = i;
    while (j < matches.length && matches[j].token.end - matches[i].token.start <= size - LEAD_CHARS) keys.add(matches[j++].key);
    if (keys.size > bestDistinct || (keys.size === bestDistinct && j - i > bestCount)) {
      best = i;
      bestDistinct = keys.size;
      bestCount = j - i;
    }
  }
  const anchor = matches[best].token.start;
  let start = 0;
  if (anchor > LEAD_CHARS) {
    // Begin at a word a little before the first match, so it reads in context.
    const lead = toks.find((t) => t.start >= anchor - LEAD_CHARS);
    start = lead ? lead.start : anchor;
  }
  const end = cutEnd(text, start + size, start);
  return render(text, start, end, matches.map((m) => m.token).filter((t) => t.start >= start && t.end <= end));
}

/** An end offset at or before `limit` that does not split a word. */
function cutEnd(text: string, limit: number, start = 0): number {
  if (limit >= text.length) return text.length;
  const space = text.lastIndexOf(' ', limit);
  return space > start ? space : limit;
}

function render(text: string, start: number, end: number, marks: Token[]): string {
  let out = start > 0 ? '…' : '';
  let at = start;
  for (const mark of marks) {
    out += escapeHtml(text.slice(at, mark.start)) + '<mark>' + escapeHtml(text.slice(mark.start, mark.end)) + '</mark>';
    at = mark.end;
  }
  out += escapeHtml(text.slice(at, end));
  return end < text.length ? `${out.trimEnd()}…` : out;
}
