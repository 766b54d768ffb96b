import type { Actor } from '../platform/auth/principal.js';
import { ManualClock } from '../platform/clock.js';
import type { Deps } from '../platform/context.js';
import { addMessage } from '../tickets/messages.service.js';
import { createTicket, updateTicket } from '../tickets/tickets.service.js';
import { conversation, type Step } from './conversation.js';
import type { SubType } from './corpus/types.js';
import { lifecycle } from './lifecycle.js';
import { Random } from './random.js';
import { draftTicket, SubTypePicker, SUBTYPES, type TextContext } from './text.js';
import { Timeline } from './timeline.js';

const HOUR = 3_600_000;
const CHANNELS = [['email', 40], ['web', 14], ['portal', 14], ['chat', 16], ['phone', 6], ['api', 10]] as const;

/** A customer of the demo, as tickets need them. */
export interface DemoRequester {
  id: string;
  email: string;
  name: string;
  organisationVip: boolean;
  context: Omit<TextContext, 'agent'>;
}

/** A team of the demo with its members (user ids and first names). */
export interface DemoTeam {
  id: string;
  members: { id: string; email: string; firstName: string }[];
}

/** Something that happens at a moment of the demo's history. */
interface Event {
  at: number;
  order: number;
  run: (deps: Deps) => Promise<void>;
}

/**
 * Writes the demo tickets through the real services, in the order things happened: each
 * ticket is opened, answered, noted, put on hold, solved or closed at its own moment of the
 * last `days` days, with the services' clock set to that moment, so that audit events,
 * first-response times and the search index are exactly what real use would leave behind.
 */
export async function seedDemoTickets(
  deps: Deps,
  options: { seed: number; count: number; days: number; requesters: DemoRequester[]; teams: Map<string, DemoTeam> },
): Promise<number> {
  const r = Random.derive(options.seed, 'demo-tickets');
  const nowMs = deps.clock.now().getTime();
  // Ending two hours ago leaves the newest tickets room for their first exchanges.
  const timeline = new Timeline(nowMs - 2 * HOUR, options.days, options.count, r);
  const events: Event[] = [];
  subTypesFor(r, options.count).forEach((subType, index) => {
    events.push(...ticketEvents(r, index, subType, timeline.next(), nowMs, options));
  });
  events.sort((a, b) => a.at - b.at || a.order - b.order);
  const clock = new ManualClock();
  const at = { ...deps, clock };
  for (const event of events) {
    clock.set(new Date(event.at));
    await event.run(at);
  }
  return options.count;
}

/** Every sub-type at least once, the rest drawn by weight, in random order. */
function subTypesFor(r: Random, count: number): SubType[] {
  const picker = new SubTypePicker();
  const list = [...SUBTYPES];
  while (list.length < count) list.push(picker.pick(r));
  return r.sample(list, count);
}

function ticketEvents(
  r: Random,
  index: number,
  subType: SubType,
  createdMs: number,
  nowMs: number,
  options: { requesters: DemoRequester[]; teams: Map<string, DemoTeam> },
): Event[] {
  const requester = r.pick(options.requesters);
  const team = options.teams.get(subType.group)!;
  const agent = r.pick(team.members);
  const context: TextContext = { ...requester.context, agent: agent.firstName };
  const channel = r.weighted(CHANNELS);
  const draft = draftTicket(r, context, channel, subType);
  const target = lifecycle(r, createdMs, nowMs, subType.tier).status;
  const steps = conversation(r, draft, target, context, nowMs - createdMs - 60_000);
  const agentActor: Actor = { type: 'user', id: agent.id, label: agent.email };
  const customerActor: Actor = { type: 'customer', id: requester.id, label: requester.email };
  const tags = requester.organisationVip ? [...draft.tags, 'vip'] : draft.tags;
  const ticket = { id: '' };
  const order = index * 10;
  const events: Event[] = [
    {
      at: createdMs,
      order,
      run: async (deps) => {
        const created = await createTicket(deps, channel === 'phone' ? agentActor : customerActor, {
          subject: draft.subject,
          body: draft.body,
          requester: { email: requester.email, name: requester.name },
          channel,
          priority: subType.tier,
          category: subType.category,
          tags,
          groupId: team.id,
          // A ticket still new is waiting in its group's queue for someone to take it.
          assigneeId: target === 'new' ? undefined : agent.id,
        });
        ticket.id = created.id;
      },
    },
  ];
  steps.forEach((step, i) => events.push({ at: createdMs + step.offsetMs, order: order + i + 1, run: (deps) => runStep(deps, step, ticket, agentActor, agent.id, customerActor) }));
  return events;
}

async function runStep(deps: Deps, step: Step, ticket: { id: string }, agentActor: Actor, agentId: string, customerActor: Actor): Promise<void> {
  if (step.kind === 'close') {
    await updateTicket(deps, agentActor, ticket.id, { status: 'closed' });
  } else if (step.kind === 'customer') {
    await addMessage(deps, customerActor, { type: 'customer', id: customerActor.id }, ticket.id, { body: step.text, visibility: 'public' });
  } else {
    const visibility = step.kind === 'note' ? 'internal' : 'public';
    await addMessage(deps, agentActor, { type: 'agent', id: agentId }, ticket.id, { body: step.text, visibility, status: step.status });
  }
}
