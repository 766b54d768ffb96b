import { describe, expect, it } from 'vitest';
import { conversation } from './conversation.js';
import { isoTime } from './iso.js';
import { Random } from './random.js';
import { compile, draftLine, draftTicket, SUBTYPES, type TextContext } from './text.js';
import { Timeline } from './timeline.js';

const context: TextContext = { firstName: 'Dana', lastName: 'Reyes', company: 'Harbor Dental Group', workspace: 'harbor-dental-group', plan: 'Pro', agent: 'Sofia' };
const DAY = 86_400_000;

describe('ticket text', () => {
  it('covers the twenty sub-types of the four tiers, each with a priority, category and team', () => {
    expect(SUBTYPES).toHaveLength(20);
    for (const tier of [1, 2, 3, 4]) expect(SUBTYPES.filter((s) => s.tier === tier)).toHaveLength(5);
    expect(new Set(SUBTYPES.map((s) => s.category)).size).toBe(20);
  });

  it('uses only slots that exist, in every template', () => {
    for (const s of SUBTYPES) {
      const texts = [...s.replies, ...s.followUps, ...s.notes, ...s.resolutions, ...s.scenarios.flatMap((c) => Object.values(c) as string[])];
      for (const text of texts) expect(() => compile(text)).not.toThrow();
    }
  });

  it('fills every slot, keeping one value per slot within a ticket', () => {
    const r = new Random(3);
    for (let i = 0; i < 2_000; i++) {
      const draft = draftTicket(r, context, 'email');
      const invoice = draft.memo.invoice;
      const lines = [draft.subject, draft.body, draftLine(r, draft, 'replies', context), draftLine(r, draft, 'resolutions', context)];
      for (const line of lines) expect(line).not.toMatch(/\{[a-zA-Z]+\d*\}/);
      if (invoice) expect(`${draft.subject} ${draft.body}`).toContain(invoice);
      // A later line naming the invoice names the same one.
      for (const line of lines.slice(2)) if (invoice && /INV-/.test(line)) expect(line).toContain(invoice);
    }
  });

  it('shapes the first message by channel', () => {
    const email = draftTicket(new Random(5), context, 'email');
    expect(email.body).toMatch(/^(Hi|Hello|Good|Dear)/);
    expect(email.body).toMatch(/(Dana|Reyes)/);
    const chat = draftTicket(new Random(5), context, 'chat');
    expect(chat.body).not.toMatch(/^(Hi,|Hello,|Dear)/);
    expect(draftTicket(new Random(5), context, 'phone').body).toMatch(/^Phone call with Dana Reyes/);
  });

  it('is the same for the same seed and different for another', () => {
    const run = (seed: number) => Array.from({ length: 50 }, (_, i, r = new Random(seed + i)) => draftTicket(r, context, 'web').subject);
    expect(run(1)).toEqual(run(1));
    expect(run(1)).not.toEqual(run(2));
    expect(Random.derive(9, 'a').next()).toBe(Random.derive(9, 'a').next());
    expect(Random.derive(9, 'a').next()).not.toBe(Random.derive(9, 'b').next());
  });
});

describe('conversations', () => {
  it('lead to the target status with one to five steps, in order and before now', () => {
    const r = new Random(11);
    for (const target of ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const) {
      for (let i = 0; i < 200; i++) {
        const draft = draftTicket(r, context, 'email');
        const steps = conversation(r, draft, target, context, 2 * DAY);
        expect(steps.length).toBeLessThanOrEqual(5);
        steps.forEach((step, k) => k > 0 && expect(step.offsetMs).toBeGreaterThan(steps[k - 1].offsetMs));
        if (steps.length > 0) expect(steps[steps.length - 1].offsetMs).toBeLessThanOrEqual(2 * DAY);
        const last = steps[steps.length - 1];
        if (target === 'closed') expect(last.kind).toBe('close');
        if (target === 'solved') expect(last.status).toBe('solved');
        if (target === 'pending' || target === 'on_hold') expect(steps.some((s) => s.status === target)).toBe(true);
        if (target === 'new') expect(steps.every((s) => s.kind === 'customer')).toBe(true);
      }
    }
  });
});

describe('timeline and times', () => {
  it('gives increasing creation times within the span, busier on weekdays than at weekends', () => {
    const end = Date.parse('2026-11-26T12:00:00.000Z');
    const timeline = new Timeline(end, 28, 5_000, new Random(1));
    let previous = 0;
    const byDay = new Array(7).fill(0);
    for (let i = 0; i < 5_000; i++) {
      const at = timeline.next();
      expect(at).toBeGreaterThanOrEqual(previous);
      expect(at).toBeLessThanOrEqual(end);
      expect(at).toBeGreaterThanOrEqual(end - 29 * DAY);
      byDay[new Date(at).getUTCDay()]++;
      previous = at;
    }
    expect(byDay[2]).toBeGreaterThan(2 * byDay[0]);
  });

  it('formats times exactly as toISOString does', () => {
    const r = new Random(4);
    for (let i = 0; i < 10_000; i++) {
      const ms = Math.floor(r.next() * 4e12);
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
