import { englishKey, isStopWord } from '../kb/search/analyze.js';

/**
 * Pulling the solution out of an article or an old reply, as plain text for an email: an
 * article's first numbered list (else its first bulleted list), else its paragraphs that share
 * the most words with the ticket; a solved ticket's reply without its greeting and sign-off.
 */

const MAX_STEPS = 10;
const MAX_STEP_CHARS = 400;
const MAX_PARAGRAPHS = 2;

const ORDERED = /^\s{0,3}\d{1,3}[.)]\s+(.*)$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const CONTINUATION = /^\s{2,}\S/;
const FENCE = /^\s*(```|~~~)/;

/** Inline Markdown as plain text: links as `text (url)`, emphasis and code marks dropped, HTML tags removed. */
export function plainInline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\((\S+?)(?:\s+"[^"]*")?\)/g, (_m, label: string, url: string) => (label === url ? url : `${label} (${url})`))
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\s][^*_]*?)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** The items of the first list of the kind with at least two items, continuation lines joined. */
function firstList(lines: string[], item: RegExp): string[] {
  let inFence = false;
  let items: string[] = [];
  for (const line of lines) {
    if (FENCE.test(line)) inFence = !inFence;
    if (inFence) continue;
    const match = item.exec(line);
    if (match) {
      items.push(match[1]);
    } else if (items.length > 0 && CONTINUATION.test(line) && !ORDERED.test(line) && !BULLET.test(line)) {
      items[items.length - 1] += ` ${line.trim()}`;
    } else if (items.length > 0 && line.trim() !== '') {
      if (items.length >= 2) break;
      items = [];
    }
  }
  return items.length >= 2 ? items : [];
}

/** Paragraphs of prose (headings, code, tables and lists left out). */
function paragraphs(markdown: string): string[] {
  return markdown
    .replace(/^\s*(```|~~~)[\s\S]*?^\s*\1.*$/gm, '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '' && !/^#{1,6}\s/.test(p) && !/^\|/.test(p) && !ORDERED.test(p.split('\n')[0]) && !BULLET.test(p.split('\n')[0]));
}

// Stemmed, so that "invoices" in an article meets "invoice" in the ticket.
const wordSet = (text: string) => new Set((text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).filter((w) => !isStopWord(w)).map(englishKey));

export interface ExtractedSolution {
  kind: 'steps' | 'paragraphs';
  items: string[];
}

/** The solution an article gives for a problem described by `problem`. */
export function articleSolution(markdown: string, problem: string): ExtractedSolution {
  const lines = markdown.split(/\r?\n/);
  const list = firstList(lines, ORDERED);
  const chosen = list.length > 0 ? list : firstList(lines, BULLET);
  if (chosen.length > 0) return { kind: 'steps', items: chosen.slice(0, MAX_STEPS).map((s) => clip(plainInline(s), MAX_STEP_CHARS)) };
  const wanted = wordSet(problem);
  const ranked = paragraphs(markdown).map((text, position) => ({ text, position, overlap: [...wordSet(text)].filter((w) => wanted.has(w)).length }));
  const best = [...ranked].sort((a, b) => b.overlap - a.overlap || a.position - b.position).slice(0, MAX_PARAGRAPHS);
  // In the article's own order: the second paragraph usually builds on the first.
  return { kind: 'paragraphs', items: best.sort((a, b) => a.position - b.position).map((p) => clip(plainInline(p.text), 1_200)) };
}

const GREETING = /^\s*(hi|hello|hey|dear|good (morning|afternoon|evening)|greetings)\b[^\n]{0,60}$/i;
const THANKS_OPENER = /^\s*thanks? (you )?(so much )?for (reaching out|contacting|getting in touch|your (message|patience|email))[^\n]*$/i;
const SIGN_OFF = /^\s*(best|best regards|kind regards|warm regards|regards|thanks|thank you|many thanks|cheers|sincerely|all the best|talk soon)\b[\s,.!]*(\S+( \S+)?)?\s*$/i;

/** The substance of an agent's reply: greeting, thanks-for-writing opener, sign-off and signature removed. */
export function replyCore(reply: string): string {
  const lines = reply.replace(/\r\n/g, '\n').split('\n');
  const signature = lines.findIndex((l) => l === '-- ' || l === '--');
  let body = signature >= 0 ? lines.slice(0, signature) : lines;
  while (body.length > 0 && (body[0].trim() === '' || GREETING.test(body[0]) || THANKS_OPENER.test(body[0]))) body = body.slice(1);
  // A sign-off sits in the last few lines; everything from it on is the signature block.
  const tail = Math.max(0, body.length - 4);
  const signOff = body.findIndex((l, i) => i >= tail && SIGN_OFF.test(l));
  if (signOff >= 0) body = body.slice(0, signOff);
  return body.join('\n').trim();
}
