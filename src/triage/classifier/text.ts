/**
 * Text normalisation and tokenisation for the classifier. Unicode-aware and dictionary-free:
 * the same rules apply to any language written with letters, and English gets a light
 * suffix stripper so that "refunds", "refunded" and "refunding" share one word feature.
 */

const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’`´]/g;
const DIGIT = /\p{Nd}/gu;
// A token is a run of letters or digits; everything else (punctuation, symbols, spaces) splits.
const TOKEN = /[\p{L}\p{N}]+/gu;

/** Folds case, compatibility forms and accents, joins contractions, and maps every digit to 0. */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    // "don't" and "what's" become one token each, as writers use both spellings.
    .replace(APOSTROPHES, '')
    // Numbers matter by shape, not value: "order 1234" and "order 9876" should look alike.
    .replace(DIGIT, '0');
}

/** Splits normalised text into word tokens (letters and digits). */
export function tokenize(normalised: string): string[] {
  return normalised.match(TOKEN) ?? [];
}

const VOWEL = /[aeiouy]/;

/**
 * A light English suffix stripper (plural, -ing, -ed, -ly), cautious on short words. Tokens
 * that are not plain a–z pass through unchanged, so other languages are left alone.
 */
export function stem(token: string): string {
  const n = token.length;
  if (n <= 3 || !/^[a-z]+$/.test(token)) return token;
  let word = token;
  if (word.endsWith('ies') && n > 4) word = word.slice(0, -3) + 'y';
  else if (word.endsWith('sses')) word = word.slice(0, -2);
  else if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) word = word.slice(0, -1);
  word = stripVerbal(word);
  if (word.length > 4 && word.endsWith('ly')) word = word.slice(0, -2);
  // A final silent e goes, so "charge" meets "charged" and "charging" at "charg".
  if (word.length > 4 && word.endsWith('e') && !word.endsWith('ee')) word = word.slice(0, -1);
  return word;
}

/** Strips -ing / -ed when a vowel stays in the stem, then repairs the common spelling changes. */
function stripVerbal(word: string): string {
  let base: string | null = null;
  if (word.length > 5 && word.endsWith('ing')) base = word.slice(0, -3);
  else if (word.length > 4 && word.endsWith('ed') && !word.endsWith('eed')) base = word.slice(0, -2);
  if (base === null || !VOWEL.test(base)) return word;
  // "stopped" → "stop", but keep "ll", "ss", "zz" ("called" → "call").
  const last = base[base.length - 1];
  if (base.length > 2 && last === base[base.length - 2] && !'lsz'.includes(last)) return base.slice(0, -1);
  // "booking" → "book" but "charging" → "charg"; "charged" gives the same "charg".
  return base;
}

/** Normalises, tokenises and (optionally) stems text: the word view of a text. */
export function wordsOf(text: string, withStemming: boolean): string[] {
  const tokens = tokenize(normalise(text));
  return withStemming ? tokens.map(stem) : tokens;
}
