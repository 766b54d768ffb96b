import { stem } from 'porter2';

/**
 * Text handling for similar-ticket matching: what a customer wrote, without the parts that make
 * unrelated tickets look alike (quoted replies, signatures, mail-client boilerplate), as
 * normalised, stemmed terms.
 */

// Where a quoted earlier message starts; everything from there on is history, not this report.
const HISTORY_STARTS = [
  /^\s*On\s.{1,200}\swrote:\s*$/i,
  /^\s*Le\s.{1,200}\sa écrit\s*:\s*$/i,
  /^\s*Am\s.{1,200}\sschrieb\s.{0,100}:\s*$/i,
  /^\s*-{2,}\s*(Original|Forwarded) Message\s*-{2,}\s*$/i,
  /^\s*Begin forwarded message:\s*$/i,
  /^\s*_{20,}\s*$/,
];
// An Outlook-style header block ("From: …" then "Sent:"/"Date:" within two lines) also starts history.
const HEADER_FROM = /^\s*\*?From:\*?\s/i;
const HEADER_NEXT = /^\s*\*?(Sent|Date|To):\*?\s/i;
const SIGNATURE_START = /^\s*--\s*$/;
const DROPPED_LINES = [/^\s*>/, /^\s*Sent from my \w+/i, /^\s*Get Outlook for /i];

/**
 * The customer's own words in a message: stops at quoted history or a signature delimiter and
 * drops quoted (`>`) and "Sent from my phone" lines.
 */
export function ownText(message: string): string {
  if (message.length === 0) return message;
  const lines = message.split(/\r\n|\r|\n/);
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (SIGNATURE_START.test(line) || HISTORY_STARTS.some((p) => p.test(line))) break;
    if (HEADER_FROM.test(line) && (HEADER_NEXT.test(lines[i + 1] ?? '') || HEADER_NEXT.test(lines[i + 2] ?? ''))) break;
    if (DROPPED_LINES.some((p) => p.test(line))) continue;
    kept.push(line);
  }
  return kept.join('\n');
}

/** Common English function words: they say nothing about what a ticket is about. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further get got had has have having he her here hers him his how ' +
    'i if in into is it its itself just me more most my myself no nor not of off on once only or other our ours out over own ' +
    'please same she should so some such than thank thanks that the their theirs them then there these they this those ' +
    'through to too under until up very was we were what when where which while who whom why will with would you your yours ' +
    'hi hello dear regards s t don dont im ive id youre isnt cant wont didnt doesnt shall may might must'
  ).split(' '),
);

const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’`´]/g;
const TOKEN = /[\p{L}\p{N}]+/gu;
const ASCII_WORD = /^[a-z]+$/;
const DIGITS = /^\p{N}+$/u;
/** Longer tokens are hashes, encoded data or URLs run together: no two tickets share them by meaning. */
const MAX_TOKEN = 40;

const STEM_CACHE_LIMIT = 100_000;
const stemCache = new Map<string, string>();

function stemmed(word: string): string {
  let key = stemCache.get(word);
  if (key === undefined) {
    // Porter2 is an English stemmer; other scripts and mixed tokens stay as written.
    key = word.length > 3 && ASCII_WORD.test(word) ? stem(word) : word;
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, key);
  }
  return key;
}

/** Lower case, compatibility forms folded, accents and apostrophes dropped ("don't" → "dont"). */
export function normalise(text: string): string {
  const lower = text.toLowerCase();
  // Plain ASCII (most tickets) needs no Unicode folding.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(lower)) return lower.replace(APOSTROPHES, '');
  return lower.normalize('NFKD').replace(COMBINING_MARKS, '').replace(APOSTROPHES, '');
}

/**
 * The terms of a text, in order: stemmed words without stop words. Single digits go (version
 * fragments, list numbers); longer numbers stay, since an error code or a referenced id is
 * among the best evidence that two reports are about one thing.
 */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (const token of normalise(text).match(TOKEN) ?? []) {
    if (token.length > MAX_TOKEN || STOP_WORDS.has(token)) continue;
    if (token.length === 1 && DIGITS.test(token)) continue;
    terms.push(stemmed(token));
  }
  return terms;
}
