/**
 * Sentiment with wink-nlp's English model (AFINN-style lexicon with negation handling). The
 * model is an npm package, loaded on first use (about 150 ms), then about 0.3 ms per ticket.
 * For other languages the lexicon knows few words, so scores drift to neutral.
 */
import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** Characters read (the score is an average, and the opening carries the mood). */
const MAX_CHARS = 1_000;
let nlp: WinkMethods | null = null;

export interface SentimentSignal {
  /** From -1 (very negative) to 1 (very positive). */
  score: number;
  label: 'negative' | 'neutral' | 'positive';
}

/** The sentiment of a text. */
export function sentimentOf(text: string): SentimentSignal {
  nlp ??= winkNLP(model, ['sbd', 'negation', 'sentiment']);
  const score = text.trim() === '' ? 0 : Math.round((nlp.readDoc(text.slice(0, MAX_CHARS)).out(nlp.its.sentiment) as number) * 1000) / 1000;
  return { score, label: score <= -0.1 ? 'negative' : score >= 0.1 ? 'positive' : 'neutral' };
}
