/**
 * Sentiment with wink-nlp's English model (AFINN-style lexicon with negation handling). The
 * model is an npm package of several megabytes: it is required on first use (about 150 ms), not
 * at import, so that CLI commands and processes that never triage do not pay for it.
 */
import { createRequire } from 'node:module';
import type { WinkMethods } from 'wink-nlp';

/** Characters read (the score is an average, and the opening carries the mood). */
const MAX_CHARS = 1_000;
const require = createRequire(import.meta.url);
let nlp: WinkMethods | null = null;

export interface SentimentSignal {
  /** From -1 (very negative) to 1 (very positive). */
  score: number;
  label: 'negative' | 'neutral' | 'positive';
}

function load(): WinkMethods {
  const winkNLP = require('wink-nlp') as typeof import('wink-nlp').default;
  const model = require('wink-eng-lite-web-model') as typeof import('wink-eng-lite-web-model').default;
  return winkNLP(model, ['sbd', 'negation', 'sentiment']);
}

/** The sentiment of a text. */
export function sentimentOf(text: string): SentimentSignal {
  nlp ??= load();
  const score = text.trim() === '' ? 0 : Math.round((nlp.readDoc(text.slice(0, MAX_CHARS)).out(nlp.its.sentiment) as number) * 1000) / 1000;
  return { score, label: score <= -0.1 ? 'negative' : score >= 0.1 ? 'positive' : 'neutral' };
}
