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

/** Detects the language of a text. */
export function detectLanguage(text: string): LanguageSignal {
  const sample = text.slice(0, MAX_CHARS);
  if ((sample.match(LETTER)?.length ?? 0) < MIN_LETTERS) return { code: 'und', reason: 'too_short' };
  let code = franc(sample, { only: ONLY, minLength: MIN_LETTERS });
  if (code === 'und') return { code: 'und', reason: 'unsupported' };
  if (code === 'ukr' && !UKRAINIAN_ONLY.test(sample)) code = 'rus';
  return { code: SUPPORTED_LANGUAGES[code] ?? 'und', reason: 'detected' };
}
