import { stem } from 'porter2';

/**
 * Index keys for words. English text is stemmed (Porter2: "installing" and "installation"
 * share "instal"); text in other locales is indexed word for word, since a wrong stemmer is
 * worse than none.
 */

/** Common English function words: indexed, but weighted down in queries that have other words. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your yours yourself yourselves s t don dont im ive id youre isnt cant wont didnt doesnt shall may might must'
  ).split(' '),
);

const STEM_CACHE_LIMIT = 200_000;
const stemCache = new Map<string, string>();

/** The English index key of a word: its Porter2 stem (cached; stems cost more than lookups). */
export function englishKey(word: string): string {
  let key = stemCache.get(word);
  if (key === undefined) {
    // Porter2 is defined for English letters; numbers and other scripts index as they are.
    key = /^[a-z]+$/.test(word) && word.length > 2 ? stem(word) : word;
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, key);
  }
  return key;
}

/** The index key of a word in a document of the given kind. */
export const keyOf = (word: string, english: boolean): string => (english ? englishKey(word) : word);

/** True for the English function words search weights down. */
export const isStopWord = (word: string): boolean => STOP_WORDS.has(word);
