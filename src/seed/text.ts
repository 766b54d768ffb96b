import { SLOTS, type TextContext } from './corpus/slots.js';
import { TIER1 } from './corpus/tier1.js';
import { TIER2 } from './corpus/tier2.js';
import { TIER3 } from './corpus/tier3.js';
import { TIER4 } from './corpus/tier4.js';
import type { Scenario, SubType } from './corpus/types.js';
import type { Random } from './random.js';

export type { TextContext } from './corpus/slots.js';

/** Every sub-type of the four tiers, in tier order. */
export const SUBTYPES: readonly SubType[] = [...TIER1, ...TIER2, ...TIER3, ...TIER4];

/** A template split once into literal parts and slot names, so filling it is a join. */
interface Compiled {
  parts: string[];
  /** Memo keys (`count2`) and the slot each draws from (`count`). */
  keys: string[];
  slots: string[];
}

const compiledCache = new Map<string, Compiled>();

/** Splits a template at its {slots}; throws on a slot nobody defined, so a typo fails fast. */
export function compile(template: string): Compiled {
  let compiled = compiledCache.get(template);
  if (compiled) return compiled;
  const parts: string[] = [];
  const keys: string[] = [];
  const slots: string[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{([a-zA-Z]+)(\d*)\}/g)) {
    const slot = match[1];
    if (!SLOTS[slot]) throw new Error(`Unknown slot {${slot}} in "${template.slice(0, 60)}"`);
    parts.push(template.slice(last, match.index));
    keys.push(slot + match[2]);
    slots.push(slot);
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  compiled = { parts, keys, slots };
  compiledCache.set(template, compiled);
  return compiled;
}

/**
 * The slot values chosen for one ticket: a slot used twice (in the subject and the body, or
 * in a later reply) keeps its value, so the whole conversation names the same invoice.
 */
export type SlotMemo = Record<string, string>;

/** Fills a template's slots, drawing new values only for slots this ticket has not used yet. */
export function fill(r: Random, template: string, context: TextContext, memo: SlotMemo): string {
  const { parts, keys, slots } = compile(template);
  let out = parts[0];
  for (let i = 0; i < keys.length; i++) {
    let value = memo[keys[i]];
    if (value === undefined) {
      value = SLOTS[slots[i]](r, context);
      memo[keys[i]] = value;
    }
    out += value + parts[i + 1];
  }
  return out;
}

const GREETINGS = ['Hi,', 'Hello,', 'Hi team,', 'Hello Tallybook support,', 'Hi there,', 'Good morning,', 'Dear support team,'];
const SIGN_OFFS = ['Thanks,\n{first}', 'Best regards,\n{fullName}\n{company}', 'Thank you,\n{fullName}', 'Cheers,\n{first}', 'Kind regards,\n{fullName}, {company}', 'Many thanks,\n{first}'];

/** A ticket's text as its requester would write it on that channel. */
export interface DraftTicket {
  subType: SubType;
  scenario: Scenario;
  subject: string;
  body: string;
  tags: string[];
  memo: SlotMemo;
}

/** Draws sub-types in proportion to their weights. */
export class SubTypePicker {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(private readonly subTypes: readonly SubType[] = SUBTYPES) {
    let sum = 0;
    for (const s of subTypes) this.cumulative.push((sum += s.weight));
    this.total = sum;
  }

  pick(r: Random): SubType {
    const roll = r.next() * this.total;
    let i = 0;
    while (this.cumulative[i] <= roll) i++;
    return this.subTypes[i];
  }
}

const defaultPicker = new SubTypePicker();

/** Writes a new ticket: a sub-type by weight, one of its scenarios, and a channel-shaped first message. */
export function draftTicket(r: Random, context: TextContext, channel: string, subType: SubType = defaultPicker.pick(r)): DraftTicket {
  const scenario = r.pick(subType.scenarios);
  const memo: SlotMemo = {};
  let subject = fill(r, scenario.subject, context, memo);
  const text = fill(r, scenario.body, context, memo);
  let body: string;
  if (channel === 'chat' || channel === 'api') body = text;
  else if (channel === 'phone') body = `Phone call with ${context.firstName} ${context.lastName} (${context.company}), in their words:\n${text}`;
  else body = `${r.pick(GREETINGS)}\n\n${text}\n\n${fill(r, r.pick(SIGN_OFFS), context, memo)}`;
  // Critical tickets written by worried people sometimes shout in the subject.
  if (subType.tier === 1 && !subject.startsWith('URGENT') && r.chance(0.2)) subject = `URGENT: ${subject}`;
  const tags = [subType.tags[0]];
  if (subType.tags.length > 1 && r.chance(0.6)) tags.push(subType.tags[r.int(1, subType.tags.length - 1)]);
  return { subType, scenario, subject, body, tags, memo };
}

const SCENARIO_LINE = { replies: 'reply', followUps: 'followUp', notes: 'note', resolutions: 'resolution' } as const;

/**
 * A line of the ticket's conversation, filled with the ticket's own slot values: the scenario's
 * own line when it has one, else one of its sub-type's.
 */
export function draftLine(r: Random, draft: DraftTicket, kind: keyof typeof SCENARIO_LINE, context: TextContext): string {
  return fill(r, draft.scenario[SCENARIO_LINE[kind]] ?? r.pick(draft.subType[kind]), context, draft.memo);
}
