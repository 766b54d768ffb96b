/**
 * Readability of English text: sentences with their offsets, syllables by the usual vowel-group
 * heuristic, Flesch reading ease (0–100, higher is easier; 60–70 is plain English) and the
 * Flesch–Kincaid grade. Heuristic by nature: good for "this sentence is hard", not for scores
 * to two decimals.
 */

export interface Sentence {
  text: string;
  start: number;
  end: number;
  words: number;
  syllables: number;
}

const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** Syllables of one word: vowel groups, a silent final e dropped, at least one. */
export function syllables(word: string): number {
  let w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length === 0) return 1;
  if (w.length <= 3) return 1;
  w = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, (m) => m[0]).replace(/^y/, '');
  const groups = w.match(/[aeiouy]+/g);
  return Math.max(1, groups?.length ?? 1);
}

const wordsOf = (text: string) => text.replace(URL, ' link ').match(WORD) ?? [];

/** Sentences of the text: ends at . ! ? followed by a space, and at line breaks (list items, greetings). */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const boundary = /[.!?]+(?=\s|$)|\n/g;
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed !== '') {
      const ws = wordsOf(trimmed);
      if (ws.length > 0) out.push({ text: trimmed, start: start + lead, end: start + lead + trimmed.length, words: ws.length, syllables: ws.reduce((n, w) => n + syllables(w), 0) });
    }
  };
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const end = m[0] === '\n' ? m.index : m.index + m[0].length;
    // A period inside a number or an address (1.5, example.com) is followed by no space: no break.
    push(end);
    start = m.index + m[0].length;
  }
  push(text.length);
  return out;
}

/** Flesch reading ease of a span of words and sentences. */
export const fleschReadingEase = (words: number, sentenceCount: number, syllableCount: number): number =>
  206.835 - 1.015 * (words / Math.max(1, sentenceCount)) - 84.6 * (syllableCount / Math.max(1, words));

/** Flesch–Kincaid grade level. */
export const fleschKincaidGrade = (words: number, sentenceCount: number, syllableCount: number): number =>
  0.39 * (words / Math.max(1, sentenceCount)) + 11.8 * (syllableCount / Math.max(1, words)) - 15.59;

export interface Readability {
  words: number;
  sentences: number;
  averageSentenceWords: number;
  fleschReadingEase: number;
  fleschKincaidGrade: number;
}

/** Figures for a whole text. */
export function readability(all: Sentence[]): Readability {
  const words = all.reduce((n, s) => n + s.words, 0);
  const syl = all.reduce((n, s) => n + s.syllables, 0);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    words,
    sentences: all.length,
    averageSentenceWords: round(words / Math.max(1, all.length)),
    fleschReadingEase: words === 0 ? 100 : round(fleschReadingEase(words, all.length, syl)),
    fleschKincaidGrade: words === 0 ? 0 : round(fleschKincaidGrade(words, all.length, syl)),
  };
}
