/**
 * The strongest words for a predicted category, found with the public predictor alone (the
 * classifier's internals are hashed n-grams that cannot be named): each distinct content word of
 * the text is scored on its own, and the words the model reads as the chosen category most
 * confidently are the evidence. A word costs one tiny prediction (a few n-grams).
 */
import type { Predictor } from './classifier/predict.js';
import { STOP_WORDS } from './similar/text.js';

/** Distinct words examined at most (the opening of the ticket). */
const MAX_WORDS = 16;
const WORD = /[\p{L}\p{N}]{3,30}/gu;

export interface WordEvidence {
  word: string;
  /** The model's confidence in the category from this word alone. */
  strength: number;
}

/** Up to `count` words of the text that point to `label`, strongest first. */
export function categoryEvidence(predictor: Predictor, text: string, label: string, count = 3): WordEvidence[] {
  const words: string[] = [];
  const seen = new Set<string>();
  for (const m of text.slice(0, 2_000).toLowerCase().matchAll(WORD)) {
    const word = m[0];
    if (seen.has(word) || STOP_WORDS.has(word)) continue;
    seen.add(word);
    words.push(word);
    if (words.length === MAX_WORDS) break;
  }
  const found: WordEvidence[] = [];
  for (const word of words) {
    const p = predictor.predict(word);
    if (p.guess === label && p.reason !== 'unknown_words') found.push({ word, strength: Math.round(p.confidence * 100) / 100 });
  }
  return found.sort((a, b) => b.strength - a.strength).slice(0, count);
}
