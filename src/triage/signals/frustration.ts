/**
 * Frustration: our own cues, because a lexicon's sentiment misses the ones that matter most to a
 * help desk (a customer writing for the third time is calm-worded but at the end of their rope).
 * Each cue found adds its weight; the score is 1 − Π(1 − weight), so cues add up without
 * passing 1 and no single mild cue makes a ticket "frustrated".
 */
import type { SentimentSignal } from './sentiment.js';

/** Earlier tickets of the requester counted at most: past this many the signal is as strong as it gets. */
export const RECENT_CONTACTS_CAP = 100;

export interface FrustrationSignal {
  /** 0 (none) … 1. */
  score: number;
  level: 'none' | 'low' | 'medium' | 'high';
  /** The cues found, readable ("SHOUTING", "said: \"third time\"", "3 earlier tickets in 72 h"). */
  cues: string[];
}

interface Cue {
  name: string;
  weight: number;
  pattern: RegExp;
}

const CUES: Cue[] = [
  { name: 'repeated problem', weight: 0.45, pattern: /\b(third|3rd|fourth|4th|fifth|second|2nd) time\b|\b(again and again|over and over|how many times|yet again|once again)\b/i },
  { name: 'still not fixed', weight: 0.45, pattern: /\bstill (not|isn'?t|hasn'?t|won'?t|doesn'?t|no) ?(fixed|resolved|solved|working|sorted|answered|heard)?\b|\bstill (broken|waiting|nothing)\b/i },
  { name: 'ignored', weight: 0.4, pattern: /\b(no ?one|nobody) (has )?(answered|replied|responded|got back)\b|\bno (response|reply|answer) (yet|from|for)\b|\bignor(ed|ing) (me|us|my)\b/i },
  { name: 'exasperation', weight: 0.35, pattern: /\b(unacceptable|ridiculous|outrageous|pathetic|useless|joke|worst|fed up|sick of|tired of|furious|disgusted|appalling|frustrat\w*|waste of (my |our )?time|incompetent|terrible service)\b/i },
  {
    name: 'threat to leave',
    weight: 0.5,
    pattern:
      /\b(will|'ll|going to|gonna|about to|ready to|or (i|we)) (cancel|leave|switch|move to|take (my|our) business|find another|stop using|dispute)\b|\b(chargeback|charge back|lawyer|attorney|legal action|small claims|sue you|take you to court|report you|bad review)\b/i,
  },
];

/** All-caps words of at least four letters (acronyms are shorter or rarer than this many). */
const CAPS_WORD = /\b[A-Z]{4,}\b/g;
const LETTERS = /\p{L}/gu;
const UPPER = /\p{Lu}/gu;

function shouting(text: string): boolean {
  const letters = text.match(LETTERS)?.length ?? 0;
  const upper = text.match(UPPER)?.length ?? 0;
  return (letters >= 20 && upper / letters > 0.6) || (text.match(CAPS_WORD)?.length ?? 0) >= 4;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Frustration in a text, with the requester's earlier tickets in the recent window (null when
 * unknown: the predict route has no requester) and the text's sentiment.
 */
export function frustrationOf(text: string, sentiment: SentimentSignal, recentContacts: number | null, windowHours: number): FrustrationSignal {
  const found: { cue: string; weight: number }[] = [];
  const sample = text.slice(0, 4_000);
  if (shouting(sample)) found.push({ cue: 'SHOUTING (capital letters)', weight: 0.35 });
  const bangs = sample.match(/!{2,}/g);
  if (bangs || (sample.match(/!/g)?.length ?? 0) >= 3) found.push({ cue: 'repeated exclamation marks', weight: 0.25 });
  for (const cue of CUES) {
    const m = cue.pattern.exec(sample);
    if (m) found.push({ cue: `${cue.name}: "${m[0].trim()}"`, weight: cue.weight });
  }
  if (recentContacts && recentContacts > 0) {
    const count = recentContacts >= RECENT_CONTACTS_CAP ? `${RECENT_CONTACTS_CAP} or more` : String(recentContacts);
    found.push({ cue: `${count} earlier ticket${recentContacts > 1 ? 's' : ''} from the same requester in ${windowHours} h`, weight: recentContacts >= 2 ? 0.5 : 0.3 });
  }
  if (sentiment.score <= -0.3) found.push({ cue: `negative sentiment (${sentiment.score})`, weight: Math.min(0.4, -sentiment.score / 2) });
  const score = round(1 - found.reduce((p, f) => p * (1 - f.weight), 1));
  const level = score >= 0.6 ? 'high' : score >= 0.4 ? 'medium' : score > 0 ? 'low' : 'none';
  return { score, level, cues: found.map((f) => f.cue) };
}
