import { describe, expect, it } from 'vitest';
import { AROUND_THE_CLOCK } from './calendar.js';
import { DEFAULT_TARGETS, targetsFor, type ParsedPolicy, type SlaSettings } from './sla.settings.js';

const policy = (id: string, conditions: ParsedPolicy['conditions'], firstResponseMinutes = 30): ParsedPolicy => ({
  id,
  name: id,
  conditions,
  targets: { '1': { firstResponseMinutes, resolutionMinutes: 120, nextReplyMinutes: 60 } },
  calendarId: null,
  warnPercent: 80,
  escalation: { onWarning: [], onBreach: [] },
});

const settings = (policies: ParsedPolicy[], defaultCalendarId: string | null = null): SlaSettings => ({
  policies,
  clocks: new Map(defaultCalendarId ? [[defaultCalendarId, AROUND_THE_CLOCK]] : []),
  defaultCalendarId,
});

const ticket = { priority: 1, group_id: 'g1', organisation_id: 'o1', channel: 'email' };

describe('policy matching', () => {
  it('takes the first policy in admin order whose conditions all hold', () => {
    const s = settings([
      policy('enterprise-chat', { plans: ['enterprise'], channels: ['chat'] }),
      policy('enterprise', { plans: ['enterprise'] }, 15),
      policy('everyone', {}, 45),
    ]);
    expect(targetsFor(s, ticket, 'enterprise')).toMatchObject({ policyId: 'enterprise', firstResponseMinutes: 15, nextReplyMinutes: 60, warnPercent: 80 });
    expect(targetsFor(s, ticket, 'starter').policyId).toBe('everyone');
    expect(targetsFor(s, { ...ticket, channel: 'chat' }, 'enterprise').policyId).toBe('enterprise-chat');
  });

  it('matches on tier, group and organisation, and a condition on a missing value fails', () => {
    const s = settings([policy('vip-org', { organisationIds: ['o2'] }), policy('tier-2-billing', { tiers: [2], groupIds: ['g1'] })]);
    expect(targetsFor(s, { ...ticket, organisation_id: 'o2' }, null).policyId).toBe('vip-org');
    expect(targetsFor(s, { ...ticket, organisation_id: null }, null).policyId).toBeNull();
    // A tier the policy has no targets for falls back to the built-in ones for that tier.
    expect(targetsFor(s, { ...ticket, priority: 2 }, null)).toMatchObject({ policyId: 'tier-2-billing', firstResponseMinutes: DEFAULT_TARGETS[2]!.firstResponseMinutes });
  });

  it('uses the built-in tier targets without a policy: Tier 1 around the clock, the others on the default calendar', () => {
    const s = settings([], 'office');
    expect(targetsFor(s, ticket, null)).toMatchObject({ policyName: 'Default', calendarId: null, firstResponseMinutes: 60, resolutionMinutes: 240, warnPercent: 75 });
    expect(targetsFor(s, { ...ticket, priority: 4 }, null)).toMatchObject({ calendarId: 'office', firstResponseMinutes: 48 * 60, resolutionMinutes: 7 * 24 * 60 });
  });
});
