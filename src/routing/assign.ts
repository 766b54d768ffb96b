/** How a group hands its new tickets to its agents. */
export const ASSIGNMENT_MODES = ['manual', 'round_robin', 'least_loaded'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** An agent who could take the ticket: a member of the group, active, available, with the skill. */
export interface Candidate {
  userId: string;
  /** Tickets the agent holds that are new or open. */
  openTickets: number;
  /** Cap on open tickets; null for none. */
  maxOpen: number | null;
}

/**
 * Candidates in round-robin order: by user id, starting after the one assigned last, so that
 * every member takes a turn even as members come and go.
 */
function rotation(candidates: Candidate[], lastAssigneeId: string | null): Candidate[] {
  const sorted = [...candidates].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  if (!lastAssigneeId) return sorted;
  const next = sorted.findIndex((c) => c.userId > lastAssigneeId);
  return next <= 0 ? sorted : [...sorted.slice(next), ...sorted.slice(0, next)];
}

/**
 * The agent to assign, or null to leave the ticket with the group (manual mode, nobody
 * available, or everyone at their cap). Least-loaded picks the fewest open tickets and breaks
 * ties in round-robin order, so equal agents still alternate.
 */
export function chooseAssignee(mode: AssignmentMode, candidates: Candidate[], lastAssigneeId: string | null): string | null {
  if (mode === 'manual') return null;
  const withRoom = rotation(candidates, lastAssigneeId).filter((c) => c.maxOpen === null || c.openTickets < c.maxOpen);
  if (withRoom.length === 0) return null;
  if (mode === 'round_robin') return withRoom[0]!.userId;
  let best = withRoom[0]!;
  for (const candidate of withRoom) if (candidate.openTickets < best.openTickets) best = candidate;
  return best.userId;
}
