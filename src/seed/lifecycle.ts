import type { TicketStatus } from '../tickets/status.js';
import type { Random } from './random.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Where a ticket created at some time would be by now, with the times of its moves. */
export interface Lifecycle {
  status: TicketStatus;
  updatedMs: number;
  solvedMs: number | null;
  closedMs: number | null;
}

type Weights = readonly (readonly [TicketStatus, number])[];

// The older a ticket, the likelier it is done: a backlog of recent work over a history of closed tickets.
const FRESH: Weights = [['new', 30], ['open', 30], ['pending', 12], ['on_hold', 5], ['solved', 23]];
const RECENT: Weights = [['new', 4], ['open', 16], ['pending', 14], ['on_hold', 6], ['solved', 45], ['closed', 15]];
const OLD: Weights = [['open', 2], ['pending', 2], ['on_hold', 1], ['solved', 10], ['closed', 85]];

// Hours to a solution by priority, as [shortest, longest]: critical work is done within the day.
const SOLVE_HOURS: Record<number, readonly [number, number]> = { 1: [1, 8], 2: [3, 40], 3: [6, 96], 4: [10, 140] };

/** Draws a status for a ticket of this age and priority, and the times that go with it. */
export function lifecycle(r: Random, createdMs: number, nowMs: number, priority: number): Lifecycle {
  const age = nowMs - createdMs;
  let status = r.weighted(age < 3 * DAY ? FRESH : age < 10 * DAY ? RECENT : OLD);
  const [low, high] = SOLVE_HOURS[priority] ?? SOLVE_HOURS[3];
  const latest = nowMs - 60_000;
  if (status === 'solved' || status === 'closed') {
    const solvedMs = Math.min(latest, createdMs + Math.round((low + r.next() * (high - low)) * HOUR));
    const closedMs = solvedMs + Math.round((3 + r.next() * 4) * DAY);
    // Tickets close some days after they are solved; one solved too recently is still only solved.
    if (status === 'closed' && closedMs <= latest) return { status, updatedMs: closedMs, solvedMs, closedMs };
    status = 'solved';
    return { status, updatedMs: solvedMs, solvedMs, closedMs: null };
  }
  const updatedMs = status === 'new' ? createdMs : Math.min(latest, createdMs + Math.round(r.next() * Math.min(age, 2 * DAY)));
  return { status, updatedMs: Math.max(createdMs, updatedMs), solvedMs: null, closedMs: null };
}
