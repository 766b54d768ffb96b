import type { TicketStatus } from '../tickets/status.js';
import type { GroupKey } from './corpus/types.js';
import type { Random } from './random.js';
import { draftLine, fill, type DraftTicket, type TextContext } from './text.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** One thing that happens on a demo ticket after it is opened, at an offset from its creation. */
export interface Step {
  offsetMs: number;
  kind: 'agent' | 'customer' | 'note' | 'close';
  text: string;
  /** The status an agent's message moves the ticket to. */
  status?: TicketStatus;
}

// Questions that leave a ticket waiting on the customer, and notes that park it, per team.
const PENDING_ASKS: Record<GroupKey, readonly string[]> = {
  Technical: [
    'Hi {first}, thanks for your patience. To dig into this, could you send a screenshot of what you see and roughly when it last happened (with your time zone)? I will keep the ticket open until I hear back. - {agent}',
    'Hi {first}, could you tell me which browser and version you use, and whether it also happens in a private window? That tells us whether a cached file is involved. - {agent}',
  ],
  Platform: [
    'Hi {first}, to trace this in our logs, could you send the time it last happened (with your time zone) and, if you have one, the reference number shown on the error page? - {agent}',
    'Hi {first}, one question before we go further: does this happen for every user on your account, or only for some? If only some, could you give me one name so I can check their settings? - {agent}',
  ],
  Billing: [
    'Hi {first}, happy to sort this out. For security, could you confirm the invoice number and the last four digits of the card on file? I will take it from there. - {agent}',
    'Hi {first}, before I change anything on the subscription, could the account owner confirm by replying here? It is a rule we keep for every billing change. - {agent}',
  ],
  Accounts: [
    'Hi {first}, to protect your account, please reply from the email address on the account so that I can confirm the request comes from you. - {agent}',
    'Hi {first}, could you tell me which dates and times suit your team, and how many people will join? I will then arrange it with our customer success team. - {agent}',
  ],
};

const HOLD_NOTES: Record<GroupKey, readonly string[]> = {
  Technical: ['Waiting on engineering: bug filed with a reproduction. Putting this on hold until the fix is scheduled.', 'On hold until the provider answers our escalation; reminder set for {weekday}.'],
  Platform: ['On hold while the infrastructure team finishes the root-cause analysis; will update the customer with the report.', 'Waiting for the vendor\'s answer on our escalation; reminder set for {weekday}.'],
  Billing: ['On hold until finance approves the credit; asked them on {weekday}.', 'Waiting for the payment provider to confirm the settlement; reminder set for {weekday}.'],
  Accounts: ["Parked until the customer's admin is back from leave (per their auto-reply). Nothing more to do on our side for now.", 'On hold until legal reviews the request; they promised an answer by {weekday}.'],
};

const CHASERS = ['Any update on this? We are still waiting.', 'Just following up - we are still stuck on this. Thanks.', 'Is there any news? We need an answer by {weekday}.'];

// Minutes to a first answer by priority, as [shortest, longest]: Tier 1 pages someone at once.
const FIRST_RESPONSE: Record<number, readonly [number, number]> = { 1: [8, 45], 2: [40, 240], 3: [90, 720], 4: [180, 1440] };
// Hours from the last exchange to the solving answer.
const TO_SOLVE: Record<number, readonly [number, number]> = { 1: [1, 4], 2: [3, 24], 3: [4, 48], 4: [4, 72] };

const between = (r: Random, [low, high]: readonly [number, number], unit: number) => Math.round((low + r.next() * (high - low)) * unit);

/**
 * The conversation that leads a ticket to `target`: an agent's answer, the customer's reply,
 * internal notes, a question that leaves it pending, a note that puts it on hold, the answer
 * that solves it, and closing some days later. One to six messages in all (with the first).
 * Offsets are squeezed to fit before `maxOffsetMs` (now) without changing their order.
 */
export function conversation(r: Random, draft: DraftTicket, target: TicketStatus, context: TextContext, maxOffsetMs: number): Step[] {
  const line = (kind: 'replies' | 'followUps' | 'notes' | 'resolutions') => draftLine(r, draft, kind, context);
  const own = (templates: readonly string[]) => fill(r, r.pick(templates), context, draft.memo);
  const priority = draft.subType.tier;
  const steps: Step[] = [];
  let at = 0;
  const add = (gapMs: number, step: Omit<Step, 'offsetMs'>) => steps.push({ ...step, offsetMs: (at += Math.max(1000, gapMs)) });

  if (target === 'new') {
    if (r.chance(0.4)) add(between(r, [1, 6], HOUR), { kind: 'customer', text: own(CHASERS) });
  } else {
    const answerFirst = target !== 'pending' || r.chance(0.5);
    if (answerFirst) add(between(r, FIRST_RESPONSE[priority], MINUTE), { kind: 'agent', text: line('replies') });
    if (target !== 'pending' && r.chance(0.55)) add(between(r, [20, 18 * 60], MINUTE), { kind: 'customer', text: line('followUps') });
    if (r.chance(0.4) && target !== 'on_hold') add(between(r, [5, 90], MINUTE), { kind: 'note', text: line('notes') });
    if (target === 'pending') {
      const gap = answerFirst ? between(r, [5, 60], MINUTE) : between(r, FIRST_RESPONSE[priority], MINUTE);
      add(gap, { kind: 'agent', text: own(PENDING_ASKS[draft.subType.group]), status: 'pending' });
    }
    if (target === 'on_hold') add(between(r, [10, 120], MINUTE), { kind: 'note', text: r.chance(0.5) ? own(HOLD_NOTES[draft.subType.group]) : line('notes'), status: 'on_hold' });
    if (target === 'solved' || target === 'closed') add(between(r, TO_SOLVE[priority], HOUR), { kind: 'agent', text: line('resolutions'), status: 'solved' });
    if (target === 'closed') add(between(r, [3, 5], DAY), { kind: 'close', text: '' });
  }
  return squeeze(steps, maxOffsetMs);
}

/** Scales offsets down when the last one would fall after `maxOffsetMs`, keeping order and a second apart. */
function squeeze(steps: Step[], maxOffsetMs: number): Step[] {
  const last = steps[steps.length - 1]?.offsetMs ?? 0;
  if (last <= maxOffsetMs) return steps;
  const factor = maxOffsetMs / last;
  let previous = 0;
  return steps.map((step) => {
    previous = Math.max(previous + 1000, Math.floor(step.offsetMs * factor));
    return { ...step, offsetMs: previous };
  });
}
