import { describe, expect, it } from 'vitest';
import { chooseAssignee, type Candidate } from './assign.js';

const agent = (userId: string, openTickets = 0, maxOpen: number | null = null): Candidate => ({ userId, openTickets, maxOpen });

describe('chooseAssignee', () => {
  it('leaves the ticket with the group in manual mode or when nobody can take it', () => {
    expect(chooseAssignee('manual', [agent('a')], null)).toBeNull();
    expect(chooseAssignee('round_robin', [], null)).toBeNull();
    expect(chooseAssignee('least_loaded', [agent('a', 3, 3)], null)).toBeNull();
  });

  it('takes turns in round-robin, starting after the agent assigned last, wrapping round', () => {
    const team = [agent('c'), agent('a'), agent('b')];
    expect(chooseAssignee('round_robin', team, null)).toBe('a');
    expect(chooseAssignee('round_robin', team, 'a')).toBe('b');
    expect(chooseAssignee('round_robin', team, 'b')).toBe('c');
    expect(chooseAssignee('round_robin', team, 'c')).toBe('a');
    // The last assignee left the group: the turn passes to the next id after theirs.
    expect(chooseAssignee('round_robin', team, 'bb')).toBe('c');
  });

  it('skips agents at their cap in round-robin', () => {
    expect(chooseAssignee('round_robin', [agent('a'), agent('b', 5, 5), agent('c')], 'a')).toBe('c');
  });

  it('picks the fewest open tickets in least-loaded, ties in round-robin order', () => {
    expect(chooseAssignee('least_loaded', [agent('a', 4), agent('b', 1), agent('c', 2)], null)).toBe('b');
    expect(chooseAssignee('least_loaded', [agent('a', 1), agent('b', 1), agent('c', 1)], 'a')).toBe('b');
    expect(chooseAssignee('least_loaded', [agent('a', 0, 1), agent('b', 2)], null)).toBe('a');
    expect(chooseAssignee('least_loaded', [agent('a', 1, 1), agent('b', 2)], null)).toBe('b');
  });
});
