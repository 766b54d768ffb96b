/**
 * Text handling for knowledge-base search: Markdown to plain text, and plain text to words.
 * Words are lower case without diacritics or apostrophes; letters and digits are split apart
 * ("covid19" reads as "covid 19", like "covid-19"); Chinese and Japanese characters are single
 * words, since those scripts put no spaces between words.
 */

export interface Token {
  /** The normalised word. */
  word: string;
  /** Offsets of the original text, for highlighting. */
  start: number;
  end: number;
}

/** Words longer than this are ids, hashes or URLs run together: indexed, but never typo-matched. */
export const MAX_WORD_LENGTH = 64;

const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const CJK_OR_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;
const LETTERS_DIGITS = /\p{N}+|[^\p{N}]+/gu;
const MIXED = /\p{N}/u;
const COMBINING = /\p{M}+/gu;
const ASCII_LOWER = /^[a-z0-9]+$/;

/** Lower-cases a raw word, drops diacritics, a possessive `'s` and other apostrophes. */
export function normaliseWord(raw: string): string {
  let word = raw.toLowerCase();
  if (ASCII_LOWER.test(word)) return word;
  word = word.normalize('NFKD').replace(COMBINING, '');
  word = word.replace(/['’]s$/, '').replace(/['’]/g, '');
  return word;
}

/** Calls `emit` for each word of the text with its offsets, in order. */
export function forEachToken(text: string, emit: (word: string, start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128 && !isAsciiLetterOrDigit(c)) {
      i++;
      continue;
    }
    // Fast path for the common case, a word of ASCII letters ended by ASCII punctuation or space.
    let j = i;
    let upper = false;
    let simple = true;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d >= 97 && d <= 122) j++;
      else if (d >= 65 && d <= 90) {
        upper = true;
        j++;
      } else {
        simple = d < 128 && !(d >= 48 && d <= 57) && d !== 39;
        break;
      }
    }
    if (simple) {
      const raw = text.slice(i, j);
      emit(upper ? raw.toLowerCase() : raw, i, j);
      i = j;
      continue;
    }
    // Digits, apostrophes and other scripts take the full Unicode path.
    WORD.lastIndex = i;
    const m = WORD.exec(text);
    if (!m) return;
    if (m.index === i) emitWord(m[0], i, emit);
    i = m.index === i ? i + m[0].length : m.index;
  }
}

const isAsciiLetterOrDigit = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);

function emitWord(raw: string, start: number, emit: (word: string, start: number, end: number) => void): void {
  if (!CJK.test(raw) && !MIXED.test(raw)) {
    const word = normaliseWord(raw);
    if (word) emit(word, start, start + raw.length);
    return;
  }
  // Split CJK characters apart, then letter and digit runs apart.
  for (const part of raw.matchAll(CJK_OR_RUN)) {
    const partStart = start + part.index;
    if (CJK.test(part[0])) {
      emit(part[0], partStart, partStart + part[0].length);
      continue;
    }
    for (const piece of part[0].matchAll(LETTERS_DIGITS)) {
      const word = normaliseWord(piece[0]);
      if (word) emit(word, partStart + piece.index, partStart + piece.index + piece[0].length);
    }
  }
}

/** The words of a text, in order. */
export function words(text: string): string[] {
  const out: string[] = [];
  forEachToken(text, (word) => out.push(word));
  return out;
}

/** The words of a text with their offsets. */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  forEachToken(text, (word, start, end) => out.push({ word, start, end }));
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Markdown as the plain text a reader sees: link and image text kept, URLs, markup, HTML tags
 * and code fences dropped, whitespace collapsed. Never throws, whatever the input.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/^\s*(```|~~~).*$/gm, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/^\s*\[[^\]]+\]:\s*\S+.*$/gm, ' ')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, ' ')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => decodeEntity(entity, name))
    .replace(/^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*([-*_]\s*){3,}$/gm, ' ')
    .replace(/[*~`|]+/g, ' ')
    .replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, '$1 ')
    .replace(/\s+/g, ' ')
    .trim();
}

function decodeEntity(entity: string, name: string): string {
  if (name[0] === '#') {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
  }
  return ENTITIES[name.toLowerCase()] ?? entity;
}
