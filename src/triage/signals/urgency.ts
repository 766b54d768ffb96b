/**
 * Urgency: what the customer says about time and stakes ("urgent", "by end of day", "we are
 * losing orders"). Scored like frustration: 1 − Π(1 − weight) over the cues found.
 */
export interface UrgencySignal {
  score: number;
  cues: string[];
}

const CUES: { weight: number; pattern: RegExp }[] = [
  { weight: 0.5, pattern: /\b(urgent(ly)?|asap|emergency|critical|top priority|highest priority|p1|sev ?1)\b/i },
  { weight: 0.35, pattern: /\b(immediately|right now|right away|as soon as possible|time[- ]sensitive|without delay)\b/i },
  { weight: 0.35, pattern: /\b(by|before) (the )?(end of (the )?day|eod|tonight|tomorrow|this afternoon|noon|friday|monday)\b|\b(deadline|due today|today)\b/i },
  { weight: 0.4, pattern: /\b(losing|lost) (money|revenue|sales|orders|customers|business)\b|\b(blocked|blocking|blocker|can'?t work|cannot work|dead in the water)\b/i },
  { weight: 0.3, pattern: /\b(in|on) production\b|\bgo[- ]live\b|\blaunch(ing)? (today|tomorrow)\b/i },
  { weight: 0.3, pattern: /\b(customers|clients|patients) (are )?waiting\b/i },
];

/** Urgency cues in a text. */
export function urgencyOf(text: string): UrgencySignal {
  const sample = text.slice(0, 4_000);
  const cues: string[] = [];
  let keep = 1;
  for (const cue of CUES) {
    const m = cue.pattern.exec(sample);
    if (m) {
      cues.push(m[0].trim());
      keep *= 1 - cue.weight;
    }
  }
  return { score: Math.round((1 - keep) * 1000) / 1000, cues };
}
