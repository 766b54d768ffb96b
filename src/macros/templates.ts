import type { FieldError } from '../platform/errors.js';
import type { Ticket } from '../tickets/tickets.schema.js';

/** What a template can refer to. */
export interface TemplateContext {
  ticket: Ticket;
  organisation: { name: string } | null;
  /** The user applying the macro; null for an automation. */
  agent: { name: string; email: string } | null;
}

const firstName = (name: string | null | undefined) => (name ?? '').trim().split(/\s+/)[0] ?? '';
const PRIORITY_NAMES: Record<number, string> = { 1: 'critical', 2: 'high', 3: 'standard', 4: 'general' };

/** Every placeholder, with how to fill it. An empty value falls back to the `|default` text. */
export const PLACEHOLDERS: Record<string, (ctx: TemplateContext) => string> = {
  'ticket.id': (c) => c.ticket.id,
  'ticket.number': (c) => String(c.ticket.number),
  'ticket.subject': (c) => c.ticket.subject,
  'ticket.status': (c) => c.ticket.status.replace('_', ' '),
  'ticket.priority': (c) => String(c.ticket.priority),
  'ticket.priorityName': (c) => PRIORITY_NAMES[c.ticket.priority] ?? '',
  'ticket.category': (c) => c.ticket.category ?? '',
  'ticket.channel': (c) => c.ticket.channel,
  'ticket.tags': (c) => c.ticket.tags.join(', '),
  'requester.name': (c) => c.ticket.requester.name ?? '',
  'requester.firstName': (c) => firstName(c.ticket.requester.name),
  'requester.email': (c) => c.ticket.requester.email,
  'agent.name': (c) => c.agent?.name ?? '',
  'agent.firstName': (c) => firstName(c.agent?.name),
  'agent.email': (c) => c.agent?.email ?? '',
  'organisation.name': (c) => c.organisation?.name ?? '',
};

// `{{ name }}` or `{{ name | fallback text }}`.
const PLACEHOLDER = /\{\{\s*([^}|]*?)\s*(?:\|\s*([^}]*?)\s*)?\}\}/g;

/** Field errors naming each unknown placeholder in the text (empty when all are known). */
export function unknownPlaceholders(text: string, path: string): FieldError[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) if (!(match[1] in PLACEHOLDERS)) unknown.add(match[1]);
  return [...unknown].map((name) => ({
    path,
    message: `unknown placeholder {{${name}}}; known: ${Object.keys(PLACEHOLDERS).map((p) => `{{${p}}}`).join(', ')}`,
  }));
}

/** Fills every placeholder (a template is validated when saved, so all are known). */
export function renderTemplate(text: string, ctx: TemplateContext): string {
  return text.replace(PLACEHOLDER, (whole, name: string, fallback: string | undefined) => {
    const fill = PLACEHOLDERS[name];
    if (!fill) return whole;
    const value = fill(ctx);
    return value === '' ? (fallback ?? '') : value;
  });
}
