import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { readSignals } from '../signals/signals.js';
import { DEFAULT_TRIAGE_SETTINGS } from './default-rules.js';
import { applyRules, checkPatternCost, compileRules, normaliseForRules } from './tier-rules.js';
import { decideTier } from './tier-verdict.js';
import { TriageSettingsSchema } from './tiers.schema.js';

const rules = compileRules(DEFAULT_TRIAGE_SETTINGS);

// Two texts per sub-type, written for these tests (not taken from the evaluation set).
const CASES: Record<string, [number, string, string][]> = {
  outage: [
    [1, 'Portal down', 'Our agents are all seeing connection refused when they open the portal.'],
    [1, 'Outage?', 'Is there an outage? Nothing loads since 8am.'],
  ],
  security_incident: [
    [1, 'Hacked account', 'I think my account was hacked, the recovery email was changed.'],
    [1, 'Phishing', 'A phishing page is copying your sign-in screen and stealing passwords.'],
  ],
  data_loss: [
    [1, 'Notes disappeared', 'All the internal notes on our tickets disappeared overnight.'],
    [1, 'Corrupted export', 'The database backup you sent is corrupted and cannot be opened.'],
  ],
  payment_failure: [
    [1, 'Double charged', 'You double charged our company card for the March renewal.'],
    [1, 'Checkout', 'Payments are failing for our shoppers with a gateway error.'],
  ],
  compliance_violation: [
    [1, 'GDPR erasure', 'We need proof that the GDPR erasure for a customer was completed.'],
    [1, 'Consent', 'Surveys are going to people who never gave consent to be contacted.'],
  ],
  feature_failure: [
    [2, 'Print button', 'The print button does nothing in the ticket view.'],
    [2, 'Tags', 'Adding a tag fails with an error about a missing field.'],
  ],
  performance_degradation: [
    [2, 'Slow console', 'The console is extremely slow this week.'],
    [2, 'Timeouts', 'Loading the customer list keeps timing out.'],
  ],
  integration_broken: [
    [2, 'Slack', 'The Slack integration stopped posting updates to our channel.'],
    [2, 'Webhook', 'Our webhook endpoint gets an invalid signature header from you now.'],
  ],
  account_lockout: [
    [2, 'Locked', 'I am locked out after changing my phone and the 2FA code fails.'],
    [2, 'Cannot log in', 'I cannot log in, it says invalid credentials.'],
  ],
  sync_failure: [
    [2, 'CRM', 'Our CRM records are out of sync with the helpdesk.'],
    [2, 'Mailbox', 'The shared mailbox is stuck and not fetching new mail.'],
  ],
  how_to: [
    [3, 'Question', 'How do I forward a ticket to another team?'],
    [3, 'Steps', 'What are the steps to close a conversation?'],
  ],
  configuration: [
    [3, 'DKIM', 'Which DKIM records should we publish for our domain?'],
    [3, 'Hours', 'We need to configure our business hours for the Sydney office.'],
  ],
  best_practice: [
    [3, 'Advice', 'Looking for advice on structuring our escalation levels.'],
    [3, 'Recommendations', 'What do you recommend as a naming scheme for views?'],
  ],
  training_request: [
    [3, 'Webinar', 'Do you run a webinar for new admins?'],
    [3, 'Course', 'We would like a course for our team leads.'],
  ],
  enhancement_request: [
    [3, 'Feature request', 'Feature request: let us pin important tickets to the top.'],
    [3, 'Idea', 'It would be great if the composer had spell checking.'],
  ],
  product_capabilities: [
    [4, 'Voice', 'Do you support voice channels out of the box?'],
    [4, 'Hosting', 'Can it run self hosted in our data centre?'],
  ],
  documentation: [
    [4, 'Docs', 'The docs for the search endpoint are unclear about sorting.'],
    [4, 'Typo', 'There is a typo in the getting started page.'],
  ],
  billing_account: [
    [4, 'Invoice', 'Please resend the invoice for our last quarter.'],
    [4, 'Seats', 'How much are three extra seats on our plan?'],
  ],
  usage_tips: [
    [4, 'Tips', 'Any tips to keep my inbox tidy?'],
    [4, 'Tricks', 'What tricks do power users rely on?'],
  ],
  community_resources: [
    [4, 'Forum', 'Is there a forum where admins swap ideas?'],
    [4, 'Meetups', 'Are there user meetups in Berlin?'],
  ],
};

describe('tier rules', () => {
  it('ship a rule for each of the 20 sub-types of the four-tier matrix, five per tier', () => {
    expect(Object.keys(CASES)).toHaveLength(20);
    expect(DEFAULT_TRIAGE_SETTINGS.subtypes.map((s) => s.id).sort()).toEqual(Object.keys(CASES).sort());
    for (const tier of [1, 2, 3, 4]) expect(DEFAULT_TRIAGE_SETTINGS.subtypes.filter((s) => s.tier === tier)).toHaveLength(5);
    // The shipped rules pass the validation that admins' rules go through.
    expect(TriageSettingsSchema.parse(DEFAULT_TRIAGE_SETTINGS)).toEqual(DEFAULT_TRIAGE_SETTINGS);
  });

  for (const [subtype, cases] of Object.entries(CASES)) {
    it(`recognise ${subtype}`, () => {
      for (const [tier, subject, body] of cases) {
        const verdict = applyRules(rules, subject, body);
        expect(verdict.match?.subtype, `${subject}: ${body}`).toBe(subtype);
        expect(verdict.tier).toBe(tier);
        expect(verdict.match!.cues.length).toBeGreaterThan(0);
      }
    });
  }

  it('let the graver tier win when a ticket matches several sub-types', () => {
    const verdict = applyRules(rules, 'How do I get my money back?', 'I was charged twice for the same invoice.');
    expect(verdict.match?.subtype).toBe('payment_failure');
    expect(verdict.matches.map((m) => m.subtype)).toEqual(expect.arrayContaining(['how_to', 'billing_account']));
  });

  it('fall back to the default tier when nothing matches', () => {
    expect(applyRules(rules, '', 'Hello there')).toMatchObject({ tier: 3, match: null });
  });

  it('normalise case, accents, apostrophes and punctuation', () => {
    expect(normaliseForRules("It CAN'T   connect—Café!")).toBe(' it cant connect cafe ');
    expect(applyRules(rules, '', "I CAN'T LOG IN!!").match?.subtype).toBe('account_lockout');
  });

  it('refuse invalid rules with field paths, never a crash', () => {
    const bad = TriageSettingsSchema.parse({ subtypes: [{ id: 'x_y', tier: 1, title: 'X', weight: 1, patterns: ['(unclosed'] }, { id: 'x_y', tier: 2, title: 'Y', weight: 1, phrases: ['ok'] }] });
    const error = (() => {
      try {
        compileRules(bad);
      } catch (e) {
        return e;
      }
    })() as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('validation_failed');
    expect(error.extra.fields!.map((f) => f.path)).toEqual(['subtypes.0.patterns.0', 'subtypes.0', 'subtypes.1.id']);
    expect(TriageSettingsSchema.safeParse({ subtypes: [{ id: 'Bad Id', tier: 5, title: '', weight: 0 }] }).success).toBe(false);
  });

  it('refuse patterns that backtrack catastrophically, and accept the shipped ones', () => {
    checkPatternCost(rules);
    const evil = compileRules(TriageSettingsSchema.parse({ subtypes: [{ id: 'evil', tier: 1, title: 'Evil', weight: 1, patterns: ['^(a+)+$'] }] }));
    expect(() => checkPatternCost(evil)).toThrow(AppError);
  });
});

describe('tier verdict', () => {
  const settings = DEFAULT_TRIAGE_SETTINGS;
  const calm = readSignals('', 'The export button does nothing.', { recentContacts: 0, repeatWindowHours: 72 });
  const base = { rules: applyRules(rules, '', 'The export button does nothing.'), learned: null, signals: calm, customer: null, similarRecent: 0, settings };

  it('explains the rule that set the tier', () => {
    const d = decideTier(base);
    expect(d).toMatchObject({ tier: 2, baseTier: 2, source: 'rules', raisedBy: [] });
    expect(d.reasons[0]).toBe("matched 'does nothing' → a feature failing in the customer workflow → Tier 2");
  });

  it('raises for a VIP, a frustrated customer and a burst, within the caps', () => {
    const howTo = { ...base, rules: applyRules(rules, '', 'How do I add a tag?') };
    expect(decideTier({ ...howTo, customer: { organisation: 'Acme', vip: true, plan: null } })).toMatchObject({ tier: 2, raisedBy: ['VIP organisation Acme'] });
    expect(decideTier({ ...howTo, customer: { organisation: 'Acme', vip: false, plan: 'Enterprise' } }).tier).toBe(2);
    expect(decideTier({ ...howTo, customer: { organisation: 'Acme', vip: false, plan: 'starter' } }).tier).toBe(3);
    // VIP and frustration never make Tier 1 on their own; a burst of look-alikes can.
    const angry = readSignals('', 'THIS IS THE THIRD TIME I ASK!!! Still not fixed, I will cancel.', { recentContacts: 2, repeatWindowHours: 72 });
    const vipAngry = decideTier({ ...base, signals: angry, customer: { organisation: 'Acme', vip: true, plan: null } });
    expect(vipAngry.tier).toBe(2);
    expect(vipAngry.reasons.some((r) => r.startsWith('frustrated customer'))).toBe(false);
    const burst = decideTier({ ...base, similarRecent: 6 });
    expect(burst).toMatchObject({ tier: 1, baseTier: 2 });
    expect(burst.reasons[1]).toBe('6 similar tickets in the last 60 min (probable incident) → raised from Tier 2 to Tier 1');
    const capped = decideTier({ ...base, rules: applyRules(rules, '', 'Where is your forum?'), signals: angry, customer: { organisation: 'Acme', vip: true, plan: null }, similarRecent: 9 });
    expect(capped).toMatchObject({ baseTier: 4, tier: 2 });
    expect(capped.raisedBy).toHaveLength(2);
  });

  it('takes a confident learned tier, but never below a Tier 1 rule', () => {
    const learned = { tier: 4 as const, confidence: 0.9, version: 3 };
    expect(decideTier({ ...base, learned })).toMatchObject({ tier: 4, source: 'learned' });
    expect(decideTier({ ...base, learned: { ...learned, confidence: 0.5 } })).toMatchObject({ tier: 2, source: 'rules' });
    const outage = { ...base, rules: applyRules(rules, 'Outage', 'Everything is down for all of our users') };
    expect(decideTier({ ...outage, learned })).toMatchObject({ tier: 1, source: 'rules' });
  });
});
