/**
 * The final tier: the rules' verdict, replaced by the learned tier model when it is confident
 * (never below a Tier 1 rule match: the matrix's critical cues are not for a model to overrule),
 * then raised by signals. Every step that decided or moved the tier leaves a readable reason.
 */
import type { TextSignals } from '../signals/signals.js';
import type { TierVerdict } from './tier-rules.js';
import type { LearningSettings, SignalSettings, Tier } from './tiers.schema.js';

export interface CustomerContext {
  organisation: string;
  vip: boolean;
  plan: string | null;
}

export interface TierInputs {
  rules: TierVerdict;
  learned: { tier: Tier; confidence: number; version: number } | null;
  signals: TextSignals;
  customer: CustomerContext | null;
  /** Look-alike tickets created within the burst window (null: not known). */
  similarRecent: number | null;
  settings: { signals: SignalSettings; learning: LearningSettings };
}

export interface TierDecision {
  tier: Tier;
  /** The tier before signals raised it. */
  baseTier: Tier;
  source: 'rules' | 'default' | 'learned';
  rule: { subtype: string; title: string; tier: Tier; score: number; cues: string[] } | null;
  raisedBy: string[];
  reasons: string[];
}

const quote = (cues: string[]) => cues.map((c) => (c.startsWith('pattern ') ? c : `'${c}'`)).join(', ');

/** Decides a ticket's tier and says why. */
export function decideTier(inputs: TierInputs): TierDecision {
  const { rules, learned, settings } = inputs;
  const reasons: string[] = [];
  let tier: Tier = rules.tier;
  let source: TierDecision['source'] = rules.match ? 'rules' : 'default';
  if (rules.match) reasons.push(`matched ${quote(rules.match.cues)} → ${rules.match.title.toLowerCase()} → Tier ${rules.match.tier}`);
  else reasons.push(`no tier rule matched → default Tier ${rules.tier}`);

  if (learned && learned.confidence >= settings.learning.tierModelMinConfidence) {
    const lockedCritical = rules.match?.tier === 1 && learned.tier > 1;
    if (learned.tier !== tier && !lockedCritical) {
      reasons.push(`learned tier model v${learned.version} says Tier ${learned.tier} (confidence ${learned.confidence.toFixed(2)}), over the rules' Tier ${tier}`);
      tier = learned.tier;
      source = 'learned';
    } else if (learned.tier === tier) {
      reasons.push(`learned tier model v${learned.version} agrees (confidence ${learned.confidence.toFixed(2)})`);
    }
  }

  const baseTier = tier;
  const raisedBy: string[] = [];
  const s = settings.signals;
  const raise = (why: string, highest: Tier) => {
    if (raisedBy.length >= s.maxRaise || tier <= highest) return;
    const from = tier;
    tier = (tier - 1) as Tier;
    raisedBy.push(why);
    reasons.push(`${why} → raised from Tier ${from} to Tier ${tier}`);
  };
  if (inputs.similarRecent !== null && inputs.similarRecent >= s.burstMinSimilar) {
    raise(`${inputs.similarRecent} similar tickets in the last ${s.burstWindowMinutes} min (probable incident)`, 1);
  }
  const c = inputs.customer;
  if (c && ((s.vipRaises && c.vip) || (c.plan && s.raisingPlans.includes(c.plan.toLowerCase())))) {
    raise(c.vip && s.vipRaises ? `VIP organisation ${c.organisation}` : `organisation ${c.organisation} on the ${c.plan} plan`, 2);
  }
  const { frustration, urgency } = inputs.signals;
  if (frustration.score >= s.frustrationThreshold) raise(`frustrated customer (${frustration.cues.slice(0, 3).join('; ')})`, 2);
  if (urgency.score >= s.urgencyThreshold) raise(`urgency (${urgency.cues.map((u) => `'${u}'`).join(', ')})`, 2);

  const rule = rules.match ? { subtype: rules.match.subtype, title: rules.match.title, tier: rules.match.tier, score: rules.match.score, cues: rules.match.cues } : null;
  return { tier, baseTier, source, rule, raisedBy, reasons };
}
