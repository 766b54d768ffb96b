/**
 * Language of a ticket with franc (trigram profiles), restricted to the languages below: fewer
 * candidates make short texts less ambiguous and detection faster. Texts too short to tell are
 * `und` (undetermined), never a guess.
 */
import { franc } from 'franc';

/** The supported languages: franc's ISO 639-3 code → the ISO 639-1 code we report. */
export const SUPPORTED_LANGUAGES: Readonly<Record<string, string>> = {
  eng: 'en', spa: 'es', fra: 'fr', deu: 'de', ita: 'it', por: 'pt', nld: 'nl', swe: 'sv', dan: 'da', nob: 'no',
  fin: 'fi', pol: 'pl', ces: 'cs', ron: 'ro', hun: 'hu', tur: 'tr', rus: 'ru', ukr: 'uk', ell: 'el', arb: 'ar',
  heb: 'he', hin: 'hi', jpn: 'ja', cmn: 'zh', kor: 'ko', vie: 'vi', ind: 'id', tha: 'th',
};
const ONLY = Object.keys(SUPPORTED_LANGUAGES);
/** Letters (not spaces or digits) below which a text is too short to tell. */
export const MIN_LETTERS = 12;
/** Characters read: the opening is enough, and franc's time grows with the text. */
const MAX_CHARS = 400;
const LETTER = /\p{L}/gu;
// Letters Ukrainian has and Russian lacks: franc's trigrams confuse the two on short texts.
const UKRAINIAN_ONLY = /[іїєґІЇЄҐ]/;

export interface LanguageSignal {
  /** ISO 639-1 code, or `und` when the text is too short or in none of the supported languages. */
  code: string;
  reason: 'detected' | 'too_short' | 'unsupported';
}

/**
 * Words so common in English, and so rare as words of the other supported languages, that a
 * plain-ASCII text made of enough of them is English. Most tickets are English: this answers
 * them without franc, which costs more than the rest of triage together (docs/triage.md).
 */
// Not 'was' (German, Dutch) nor 'for' (Danish, Norwegian).
const ENGLISH_MARKERS = new Set(['the', 'and', 'you', 'your', 'that', 'this', 'with', 'have', 'are', 'our', 'not', 'please', 'can', 'from', 'been', 'would', 'there', 'they', 'what', 'could', 'when', 'which', 'since', 'will', 'does', "don't", 'should']);
/** Function words of the other Latin-script languages: two of them send the text to franc. */
const FOREIGN_MARKERS = new Set(['der', 'und', 'nicht', 'ich', 'sie', 'ist', 'das', 'le', 'les', 'et', 'une', 'pas', 'je', 'vous', 'el', 'los', 'las', 'que', 'por', 'het', 'een', 'niet', 'og', 'och', 'att', 'ikke', 'jeg', 'di', 'che', 'il', 'sono', 'nao', 'uma', 'com', 'ik', 'wij', 'nie', 'jest', 'sa', 've', 'bir', 'dan', 'yang', 'saya']);
// Any character above ASCII but typographic punctuation and currency: accents, other scripts.
const NON_ASCII_LETTER = /[^\t\n\r\x20-\x7E’‘“”–—…€£]/;
const ASCII_WORD = /[a-z]+(?:'[a-z]+)?/g;

function clearlyEnglish(sample: string): boolean {
  if (NON_ASCII_LETTER.test(sample)) return false;
  const words = sample.toLowerCase().match(ASCII_WORD) ?? [];
  if (words.length < 6) return false;
  let markers = 0;
  let foreign = 0;
  for (const word of words) {
    if (ENGLISH_MARKERS.has(word)) markers++;
    else if (FOREIGN_MARKERS.has(word)) foreign++;
  }
  return markers >= 3 && markers >= 0.08 * words.length && foreign < 2;
}

/** Detects the language of a text. */
export function detectLanguage(text: string): LanguageSignal {
  const sample = text.slice(0, MAX_CHARS);
  if ((sample.match(LETTER)?.length ?? 0) < MIN_LETTERS) return { code: 'und', reason: 'too_short' };
  if (clearlyEnglish(sample)) return { code: 'en', reason: 'detected' };
  let code = franc(sample, { only: ONLY, minLength: MIN_LETTERS });
  if (code === 'und') return { code: 'und', reason: 'unsupported' };
  if (code === 'ukr' && !UKRAINIAN_ONLY.test(sample)) code = 'rus';
  return { code: SUPPORTED_LANGUAGES[code] ?? 'und', reason: 'detected' };
}
