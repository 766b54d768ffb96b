import { keyOf } from './analyze.js';
import { forEachToken, type Token } from './text.js';

/** Snippets: the passage of a body that matches most of the query, HTML-escaped, matches in `<mark>`. */

export const SNIPPET_CHARS = 200;
/** Bodies are scanned this far for a passage; a match deeper in a huge article is not worth the time. */
const SCAN_CHARS = 50_000;
const MAX_MATCHES = 400;
const LEAD_CHARS = 40;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** The first three letters of a word as one number. */
function head(word: string): number {
  return word.charCodeAt(0) * 4294967296 + (word.charCodeAt(1) || 0) * 65536 + (word.charCodeAt(2) || 0);
}

/**
 * Heads of the words that can have this key. Porter2 changes only endings, so a stem starts
 * with its word's first three letters, except three-letter words ending in y ("try" → "tri")
 * and "dying", "lying", "tying" ("die", "lie", "tie").
 */
function headsOf(key: string): number[] {
  const heads = [head(key)];
  if (key.length === 3 && key[2] === 'i') heads.push(head(`${key.slice(0, 2)}y`));
  if (key === 'die' || key === 'lie' || key === 'tie') heads.push(head(`${key[0]}yi`));
  return heads;
}

/** The best passage of `text` for the highlighted keys, at most about `size` characters. */
export function snippet(text: string, highlight: ReadonlySet<string>, english: boolean, size = SNIPPET_CHARS): string {
  const scanned = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text;
  // Stemming every word of every result costs more than ranking; most words cannot match, and
  // a cheap check of their first letters rules them out before the stem is looked up.
  const heads = new Set<number>();
  for (const key of highlight) for (const h of headsOf(key)) heads.add(h);
  const matches: { token: Token; key: string }[] = [];
  forEachToken(scanned, (word, start, end) => {
    if (matches.length >= MAX_MATCHES || !heads.has(head(word))) return;
    const key = keyOf(word, english);
    if (highlight.has(key) || highlight.has(word)) matches.push({ token: { word, start, end }, key });
  });
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
  // Begin at a word a little before the first match, so it reads in context.
  const space = anchor > LEAD_CHARS ? text.indexOf(' ', anchor - LEAD_CHARS) : -1;
  const start = space >= 0 && space < anchor ? space + 1 : anchor > LEAD_CHARS ? anchor : 0;
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
