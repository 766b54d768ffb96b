import type { FieldError } from '../platform/errors.js';
import { TICKET_STATUSES } from '../tickets/status.js';
import type { Ticket } from '../tickets/tickets.schema.js';
import { CHANNELS } from '../tickets/tickets.schema.js';
import type { Condition, Conditions, Operator, Trigger } from './automations.schema.js';

/** What happened, as far as conditions can ask about it. */
export interface EventFacts {
  /** API names of the fields a ticket.updated event changed, and their values before. */
  changed?: string[];
  previous?: Record<string, unknown>;
  message?: { visibility: string; authorType: string; body: string };
  sla?: { metric: string; dueAt: string };
  csat?: { rating: number; comment: string | null };
}

export interface EvalContext {
  ticket: Ticket;
  organisation: { id: string; name: string; plan: string | null; vip: boolean } | null;
  event: EventFacts;
  now: Date;
}

type Kind = 'enum' | 'text' | 'number' | 'ref' | 'boolean' | 'tags' | 'time';

interface FieldSpec {
  kind: Kind;
  read(ctx: EvalContext): unknown;
  /** Allowed values of an enum or number field. */
  values?: readonly (string | number)[];
  /** The ticket.updated `changed` name, for changed / changed_to / changed_from. */
  change?: string;
  /** Only these triggers carry the field. */
  triggers?: readonly Trigger[];
}

const SLA_TRIGGERS: readonly Trigger[] = ['sla.warning', 'sla.breached'];

/** Every field a condition may name. */
export const FIELDS: Record<string, FieldSpec> = {
  'ticket.status': { kind: 'enum', values: TICKET_STATUSES, change: 'status', read: (c) => c.ticket.status },
  'ticket.priority': { kind: 'number', values: [1, 2, 3, 4], change: 'priority', read: (c) => c.ticket.priority },
  'ticket.category': { kind: 'text', change: 'category', read: (c) => c.ticket.category },
  'ticket.channel': { kind: 'enum', values: CHANNELS, read: (c) => c.ticket.channel },
  'ticket.subject': { kind: 'text', change: 'subject', read: (c) => c.ticket.subject },
  'ticket.tags': { kind: 'tags', change: 'tags', read: (c) => c.ticket.tags },
  'ticket.assigneeId': { kind: 'ref', change: 'assigneeId', read: (c) => c.ticket.assigneeId },
  'ticket.groupId': { kind: 'ref', change: 'groupId', read: (c) => c.ticket.groupId },
  'ticket.createdAt': { kind: 'time', read: (c) => c.ticket.createdAt },
  'ticket.updatedAt': { kind: 'time', read: (c) => c.ticket.updatedAt },
  'ticket.solvedAt': { kind: 'time', read: (c) => c.ticket.solvedAt },
  'ticket.firstResponseAt': { kind: 'time', read: (c) => c.ticket.firstResponseAt },
  'requester.email': { kind: 'text', read: (c) => c.ticket.requester.email },
  'requester.name': { kind: 'text', read: (c) => c.ticket.requester.name },
  'requester.domain': { kind: 'text', read: (c) => c.ticket.requester.email.split('@')[1] ?? null },
  'organisation.id': { kind: 'ref', read: (c) => c.organisation?.id ?? null },
  'organisation.name': { kind: 'text', read: (c) => c.organisation?.name ?? null },
  'organisation.plan': { kind: 'text', read: (c) => c.organisation?.plan ?? null },
  'organisation.vip': { kind: 'boolean', read: (c) => c.organisation?.vip ?? false },
  'message.visibility': { kind: 'enum', values: ['public', 'internal'], triggers: ['message.created'], read: (c) => c.event.message?.visibility ?? null },
  'message.authorType': { kind: 'enum', values: ['agent', 'customer', 'system'], triggers: ['message.created'], read: (c) => c.event.message?.authorType ?? null },
  'message.body': { kind: 'text', triggers: ['message.created'], read: (c) => c.event.message?.body ?? null },
  'sla.metric': { kind: 'text', triggers: SLA_TRIGGERS, read: (c) => c.event.sla?.metric ?? null },
  'csat.rating': { kind: 'number', values: [1, 2, 3, 4, 5], triggers: ['csat.received'], read: (c) => c.event.csat?.rating ?? null },
  'csat.comment': { kind: 'text', triggers: ['csat.received'], read: (c) => c.event.csat?.comment ?? null },
};

const COMPARE: Operator[] = ['is', 'is_not', 'in', 'not_in'];
const OPERATORS_BY_KIND: Record<Kind, Operator[]> = {
  enum: COMPARE,
  ref: COMPARE,
  boolean: ['is', 'is_not'],
  text: [...COMPARE, 'contains', 'not_contains'],
  number: [...COMPARE, 'greater_than', 'less_than'],
  tags: ['contains', 'not_contains', 'in', 'not_in'],
  time: ['hours_since_greater_than', 'hours_since_less_than'],
};
const CHANGE_OPERATORS: Operator[] = ['changed', 'changed_to', 'changed_from'];
/** Fields a time rule's sweep can select on through an index. */
export const TIME_ANCHORS: Record<string, 'created_at' | 'updated_at'> = { 'ticket.createdAt': 'created_at', 'ticket.updatedAt': 'updated_at' };

/** What a rule editor needs to know of each field: its kind, values and the operators it takes. */
export function describeFields() {
  return Object.entries(FIELDS).map(([name, spec]) => ({
    name,
    kind: spec.kind,
    ...(spec.values ? { values: [...spec.values] } : {}),
    ...(spec.triggers ? { triggers: [...spec.triggers] } : {}),
    operators: OPERATORS_BY_KIND[spec.kind],
    // changed / changed_to / changed_from, on ticket.updated rules only.
    changeOperators: !spec.change ? [] : spec.kind === 'tags' ? (['changed'] as Operator[]) : CHANGE_OPERATORS,
  }));
}

/** Why a value does not suit a scalar field, or null when it does. */
function scalarProblem(spec: FieldSpec, value: unknown): string | null {
  if (value === null) return spec.kind === 'ref' || spec.kind === 'text' ? null : 'must not be null';
  switch (spec.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'number':
      if (typeof value !== 'number') return 'must be a number';
      return spec.values && !spec.values.includes(value) ? `must be one of ${spec.values.join(', ')}` : null;
    case 'enum':
      return typeof value === 'string' && spec.values?.includes(value) ? null : `must be one of ${spec.values?.join(', ')}`;
    default:
      return typeof value === 'string' && value.length > 0 && value.length <= 1000 ? null : 'must be a non-empty string';
  }
}

/** Why the condition's value does not suit its operator, or null when it does. */
function valueProblem(spec: FieldSpec, operator: Operator, value: unknown): string | null {
  switch (operator) {
    case 'changed':
      return value === undefined ? null : 'takes no value';
    case 'in':
    case 'not_in':
      if (!Array.isArray(value) || value.length === 0 || value.length > 100) return 'must be a list of 1 to 100 values';
      if (spec.kind === 'tags') return value.every((v) => typeof v === 'string' && v.trim() !== '') ? null : 'must be a list of tags';
      return value.map((v) => scalarProblem(spec, v)).find((p) => p !== null) ?? null;
    case 'contains':
    case 'not_contains':
      return typeof value === 'string' && value.trim() !== '' ? null : 'must be a non-empty string';
    case 'greater_than':
    case 'less_than':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'hours_since_greater_than':
    case 'hours_since_less_than':
      return typeof value === 'number' && value > 0 && value <= 24 * 366 ? null : 'must be a number of hours between 0 and 8784';
    default:
      return scalarProblem(spec, value === undefined ? Symbol('missing') : value);
  }
}

function checkCondition(condition: Condition, trigger: Trigger, path: string): FieldError[] {
  const spec = FIELDS[condition.field];
  if (!spec) return [{ path: `${path}.field`, message: `unknown field ${condition.field}; known: ${Object.keys(FIELDS).join(', ')}` }];
  if (spec.triggers && !spec.triggers.includes(trigger)) {
    return [{ path: `${path}.field`, message: `${condition.field} is only known on ${spec.triggers.join(', ')} rules` }];
  }
  const isChange = CHANGE_OPERATORS.includes(condition.operator);
  if (isChange && (!spec.change || (spec.kind === 'tags' && condition.operator !== 'changed'))) {
    return [{ path: `${path}.operator`, message: `${condition.operator} does not apply to ${condition.field}` }];
  }
  if (isChange && trigger !== 'ticket.updated') return [{ path: `${path}.operator`, message: `${condition.operator} needs the ticket.updated trigger` }];
  if (!isChange && !OPERATORS_BY_KIND[spec.kind].includes(condition.operator)) {
    return [{ path: `${path}.operator`, message: `${condition.operator} does not apply to ${condition.field}; use ${OPERATORS_BY_KIND[spec.kind].join(', ')}` }];
  }
  const problem = valueProblem(spec, condition.operator, condition.value);
  return problem ? [{ path: `${path}.value`, message: problem }] : [];
}

/** Field errors for conditions on unknown fields, wrong operators or values, for this trigger. */
export function checkConditions(conditions: Conditions, trigger: Trigger): FieldError[] {
  const errors = [
    ...conditions.all.flatMap((c, i) => checkCondition(c, trigger, `conditions.all.${i}`)),
    ...conditions.any.flatMap((c, i) => checkCondition(c, trigger, `conditions.any.${i}`)),
  ];
  if (trigger === 'time' && !conditions.all.some((c) => c.field in TIME_ANCHORS && c.operator === 'hours_since_greater_than')) {
    errors.push({ path: 'conditions.all', message: 'a time rule needs ticket.createdAt or ticket.updatedAt with hours_since_greater_than' });
  }
  return errors;
}

const norm = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v);
const same = (a: unknown, b: unknown) => (b === null ? a === null || a === '' : norm(a) === norm(b));
const tagOf = (v: unknown) => String(v).trim().toLowerCase().replace(/\s+/g, '-');

/** Whether one condition holds (conditions were checked when saved). */
export function holds(condition: Condition, ctx: EvalContext): boolean {
  const spec = FIELDS[condition.field];
  if (!spec) return false;
  const actual = spec.read(ctx);
  const value = condition.value;
  const changed = spec.change !== undefined && (ctx.event.changed ?? []).includes(spec.change);
  switch (condition.operator) {
    case 'changed':
      return changed;
    case 'changed_to':
      return changed && same(actual, value);
    case 'changed_from':
      return changed && same(ctx.event.previous?.[spec.change!] ?? null, value);
    case 'hours_since_greater_than':
    case 'hours_since_less_than': {
      if (typeof actual !== 'string') return false;
      const hours = (ctx.now.getTime() - Date.parse(actual)) / 3_600_000;
      return condition.operator === 'hours_since_greater_than' ? hours >= (value as number) : hours < (value as number);
    }
    case 'greater_than':
      return typeof actual === 'number' && actual > (value as number);
    case 'less_than':
      return typeof actual === 'number' && actual < (value as number);
  }
  if (spec.kind === 'tags') {
    const tags = actual as string[];
    const wanted = Array.isArray(value) ? value.map(tagOf) : [tagOf(value)];
    const any = wanted.some((t) => tags.includes(t));
    return condition.operator === 'contains' || condition.operator === 'in' ? any : !any;
  }
  switch (condition.operator) {
    case 'is':
      return same(actual, value);
    case 'is_not':
      return !same(actual, value);
    case 'in':
      return (value as unknown[]).some((v) => same(actual, v));
    case 'not_in':
      return !(value as unknown[]).some((v) => same(actual, v));
    case 'contains':
      return typeof actual === 'string' && actual.toLowerCase().includes(String(value).toLowerCase());
    case 'not_contains':
      return !(typeof actual === 'string' && actual.toLowerCase().includes(String(value).toLowerCase()));
  }
  return false;
}

/** All of `all` and, when `any` has conditions, at least one of them. */
export function matches(conditions: Conditions, ctx: EvalContext): boolean {
  return conditions.all.every((c) => holds(c, ctx)) && (conditions.any.length === 0 || conditions.any.some((c) => holds(c, ctx)));
}
