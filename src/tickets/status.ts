import { AppError } from '../platform/errors.js';

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/**
 * Allowed moves. Nothing returns to `new`; `solved` may reopen or close; `closed` is final
 * (a customer writing again after that starts a follow-up ticket).
 */
const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'on_hold', 'solved'],
  open: ['pending', 'on_hold', 'solved'],
  pending: ['open', 'on_hold', 'solved'],
  on_hold: ['open', 'pending', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

/** Throws a 409 naming the allowed moves when `from → to` is not one of them. */
export function assertTransition(from: TicketStatus, to: TicketStatus): void {
  if (from === 'closed' && to !== 'closed') throw new AppError('ticket_closed', 'The ticket is closed; open a follow-up ticket instead');
  if (!canTransition(from, to)) {
    throw new AppError('invalid_status_transition', `A ${from} ticket can move to ${TRANSITIONS[from].join(', ')}, not ${to}`, {
      from,
      to,
      allowed: TRANSITIONS[from],
    });
  }
}
