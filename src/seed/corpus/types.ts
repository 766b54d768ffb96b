/** The four teams the demo help desk routes to. */
export type GroupKey = 'Billing' | 'Technical' | 'Accounts' | 'Platform';

/**
 * One situation a customer writes about: a subject and a first message, with {slots}, and the
 * lines of its conversation that only make sense for it. Lines it lacks come from its sub-type.
 */
export interface Scenario {
  subject: string;
  body: string;
  reply?: string;
  followUp?: string;
  note?: string;
  resolution?: string;
}

/**
 * A sub-type of one of PRODUCT.md's four priority tiers, with the text that goes with it.
 * Texts hold {slot} placeholders that the generator fills (see slots.ts); within one ticket a
 * slot keeps the same value, so a subject and its body name the same integration or invoice.
 */
export interface SubType {
  key: string;
  tier: 1 | 2 | 3 | 4;
  /** The category agents would choose, stored on the ticket. */
  category: string;
  group: GroupKey;
  /** Tags an agent would add; the generator takes one or two of them. */
  tags: readonly string[];
  /** How common this sub-type is relative to the others. */
  weight: number;
  scenarios: readonly Scenario[];
  /** An agent's first public answer, fitting any of the scenarios. */
  replies: readonly string[];
  /** A customer's answer to an agent, fitting any of the scenarios. */
  followUps: readonly string[];
  /** Internal notes between agents, fitting any of the scenarios. */
  notes: readonly string[];
  /** An agent's answer that solves the ticket, fitting any of the scenarios. */
  resolutions: readonly string[];
}
