/** Every text signal of a ticket in one call: language, sentiment, frustration, urgency. */
import { frustrationOf, type FrustrationSignal } from './frustration.js';
import { detectLanguage, type LanguageSignal } from './language.js';
import { sentimentOf, type SentimentSignal } from './sentiment.js';
import { urgencyOf, type UrgencySignal } from './urgency.js';

export interface TextSignals {
  language: LanguageSignal;
  sentiment: SentimentSignal;
  frustration: FrustrationSignal;
  urgency: UrgencySignal;
}

export interface SignalContext {
  /** The requester's earlier tickets within `repeatWindowHours` (null: unknown). */
  recentContacts: number | null;
  repeatWindowHours: number;
}

/** Reads the signals of a ticket's subject and body. */
export function readSignals(subject: string, body: string, context: SignalContext): TextSignals {
  const text = subject ? `${subject}\n${body}` : body;
  const sentiment = sentimentOf(text);
  return {
    language: detectLanguage(text),
    sentiment,
    frustration: frustrationOf(text, sentiment, context.recentContacts, context.repeatWindowHours),
    urgency: urgencyOf(text),
  };
}
