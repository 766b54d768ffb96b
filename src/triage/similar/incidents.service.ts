import type { SimilarTickets } from './similar.service.js';
import type { IndexedTicket } from './similar.store.js';
import type { SimilarMatch } from './similar-index.js';

/** When a burst of look-alike tickets counts as a probable incident. */
export interface BurstRule {
  /** Tickets in the burst, the new one included. */
  minTickets: number;
  /** How far back from the new ticket's creation the burst may reach. */
  windowMs: number;
  /** Similarity every two tickets of the burst must reach (0 … 1). */
  minScore: number;
}

/** Five look-alikes within an hour: more than coincidence for most help desks. Paraphrases of one complaint score about 0.3-0.6. */
export const DEFAULT_BURST_RULE: BurstRule = { minTickets: 5, windowMs: 60 * 60_000, minScore: 0.3 };

export interface ProbableIncident {
  /** The tickets of the burst, oldest first. */
  tickets: { id: string; number: number }[];
  /** The lowest similarity between two of them. */
  minScore: number;
}

/** Look-alikes examined around the new ticket; a burst larger than this is reported by its first members. */
export const BURST_CANDIDATES = 50;

/**
 * Whether a ticket completes a burst: at least `minTickets` tickets created within the window
 * that are all similar to one another above `minScore` (not merely each similar to the new one,
 * which would chain unrelated reports together through a vague one). Candidates are taken best
 * first and kept when they match every ticket kept so far. Returns null when there is no burst.
 * Creating or joining an incident (problem) ticket from the result is the caller's decision.
 * `lookAlikes`: the ticket's look-alikes in the window, if the caller already asked for them
 * (`BURST_CANDIDATES` of them, best first, at `rule.minScore` or above).
 */
export async function detectBurst(similar: SimilarTickets, ticketId: string, rule: BurstRule = DEFAULT_BURST_RULE, lookAlikes?: SimilarMatch[]): Promise<ProbableIncident | null> {
  const ticket = await similar.ticket({ id: ticketId });
  if (!ticket) return null;
  const fromMs = ticket.createdMs - rule.windowMs;
  const candidates = (lookAlikes ?? (await similar.neighbours(ticket, fromMs, rule.minScore, BURST_CANDIDATES))).filter((m) => m.number !== ticket.number);
  if (candidates.length + 1 < rule.minTickets) return null;
  const others: IndexedTicket[] = [];
  for (const candidate of candidates) {
    const other = await similar.ticket({ number: candidate.number });
    if (other && other.createdMs <= ticket.createdMs) others.push(other);
  }
  // How each candidate scores the new ticket and the others: all pairs at once, as a query from
  // each would score them, without a query per candidate.
  const group = [ticket, ...others];
  const scores = similar.scoresAmong(group);
  const members: { ticket: IndexedTicket; links: Map<number, number> }[] = [{ ticket, links: new Map(candidates.map((m) => [m.number, m.score])) }];
  for (let i = 1; i < group.length; i++) {
    const links = new Map<number, number>();
    group.forEach((o, j) => {
      if (j !== i && scores[i]![j]! >= rule.minScore) links.set(o.number, scores[i]![j]!);
    });
    if (members.every((m) => links.has(m.ticket.number))) members.push({ ticket: group[i]!, links });
  }
  if (members.length < rule.minTickets) return null;
  let minScore = 1;
  for (const a of members) for (const b of members) if (a !== b) minScore = Math.min(minScore, b.links.get(a.ticket.number) ?? 0);
  const tickets = members.map((m) => m.ticket).sort((a, b) => a.createdMs - b.createdMs || a.number - b.number);
  return { tickets: tickets.map((t) => ({ id: t.id, number: t.number })), minScore: Math.round(minScore * 10_000) / 10_000 };
}
