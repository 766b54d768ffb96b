import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../platform/context.js';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';
import { checkReply } from './check.service.js';
import { readability, sentences, syllables } from './readability.js';
import { createDesk, openTicket, type Desk } from './test-fixtures.js';

// Without a ticket id the check reads nothing from the database.
const noDeps = {} as Deps;
const codes = async (body: string) => (await checkReply(noDeps, body)).findings.map((f) => f.code);

const GOOD = 'Hi Sam,\n\nThanks for getting in touch. Open Settings, then Security, and choose Reset.\n\nIf this does not solve it, reply to this message.\n\nBest regards,\nAlex';

describe('reply check (text only)', () => {
  it('passes a clear reply with a greeting and a next step', async () => {
    const result = await checkReply(noDeps, GOOD);
    expect(result.findings).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.readability.fleschReadingEase).toBeGreaterThan(60);
  });

  it('finds unresolved placeholders of every common form, with their positions', async () => {
    const body = 'Hi {{customer.first_name}},\n\nYour order [ORDER NUMBER] ships on [insert date]. Dear <NAME>, see %LINK% or ${url} or {name}. TODO check. Reply if needed.';
    const result = await checkReply(noDeps, body);
    const placeholders = result.findings.filter((f) => f.code === 'unresolved_placeholder');
    expect(placeholders.map((f) => f.excerpt)).toEqual(['{{customer.first_name}}', '[ORDER NUMBER]', '[insert date]', '<NAME>', '%LINK%', '${url}', '{name}', 'TODO']);
    for (const f of placeholders) {
      expect(body.slice(f.start, f.end)).toBe(f.excerpt);
      expect(f.severity).toBe('error');
    }
    expect(placeholders[0]).toMatchObject({ start: 3, line: 1 });
    expect(placeholders[1].line).toBe(3);
    expect(result.ok).toBe(false);
  });

  it('does not take Markdown links or ordinary brackets for placeholders', async () => {
    expect(await codes('Hi Sam,\n\nSee [the guide](https://example.com/guide) and [1]. Reply if it does not help.')).toEqual([]);
  });

  it('finds a missing greeting and a missing next step', async () => {
    expect(await codes('Your account was restored.')).toEqual(['missing_greeting', 'missing_next_step']);
    const result = await checkReply(noDeps, 'Your account was restored.');
    expect(result.findings[1]).toMatchObject({ start: 26, end: 26 });
    expect(await codes('Hello Sam,\n\n1. Open Settings.\n2. Choose Security.')).toEqual([]);
  });

  it('flags long and hard-to-read sentences where they are', async () => {
    const long = `Hi Sam, ${'we looked at your account and '.repeat(6)}found nothing wrong. Reply if you still see it.`;
    const result = await checkReply(noDeps, long);
    const finding = result.findings.find((f) => f.code === 'long_sentence')!;
    expect(finding.severity).toBe('warning');
    expect(long.slice(finding.start, finding.end)).toMatch(/^Hi Sam, we looked.*found nothing wrong\.$/);
    const hard = 'Hi Sam,\n\nConsequently, the synchronisation infrastructure experienced intermittent authentication incompatibilities affecting organisational administrators across several regional deployments. Reply if it persists.';
    const hardFinding = (await checkReply(noDeps, hard)).findings.find((f) => f.code === 'hard_to_read')!;
    expect(hardFinding).toMatchObject({ severity: 'info', line: 3 });
    expect(hardFinding.excerpt.startsWith('Consequently')).toBe(true);
  });

  it('answers quickly on a huge body and caps findings per code', async () => {
    const body = `Hi Sam,\n${'TODO fix this. '.repeat(3_000)}\n${`${'word '.repeat(40)}end.\n`.repeat(200)}`;
    const started = performance.now();
    const result = await checkReply(noDeps, body);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.findings.filter((f) => f.code === 'unresolved_placeholder')).toHaveLength(50);
    const long = result.findings.filter((f) => f.code === 'long_sentence');
    expect(long).toHaveLength(50);
    expect(long[0].line).toBe(3);
  });

  it('measures readability with the usual heuristics', () => {
    expect([syllables('cat'), syllables('table'), syllables('reading'), syllables('authentication'), syllables('make')]).toEqual([1, 2, 2, 5, 1]);
    expect(sentences('One two. Three four five! Visit example.com today.\nNext line').map((s) => s.text)).toEqual(['One two.', 'Three four five!', 'Visit example.com today.', 'Next line']);
    expect(readability(sentences('The cat sat on the mat.')).fleschReadingEase).toBeGreaterThan(100);
  });
});

describe.each(DIALECTS)('reply check with a ticket on %s', (dialect) => {
  let t: TestContext;
  let desk: Desk;
  const check = (payload: object, token = desk.agent) => t.app.inject({ method: 'POST', url: '/api/v1/responses/check', headers: bearer(token), payload });

  beforeAll(async () => {
    t = await startTestApp(dialect, { publicUrl: 'https://support.example.com' });
    desk = await createDesk(t);
  });
  afterAll(() => t.close());

  it('asks for the link of the article that answers the ticket, and is satisfied once it is there', async () => {
    const ticket = await openTicket(t, desk.agent, 'Password reset email never arrives', 'I asked to reset my password but the reset email never arrives.');
    const res = await check({ body: GOOD, ticketId: ticket.id });
    expect(res.statusCode).toBe(200);
    const url = `https://support.example.com/help/articles/${desk.articles.password}`;
    expect(res.json().findings).toEqual([expect.objectContaining({ code: 'missing_article_link', severity: 'warning', suggestion: url, start: GOOD.length })]);
    const withLink = await check({ body: `${GOOD}\n\nSee ${url}`, ticketId: ticket.id });
    expect(withLink.json()).toMatchObject({ ok: true, findings: [] });
  });

  it('asks for no link when no article answers the ticket', async () => {
    const ticket = await openTicket(t, desk.agent, 'QuickBooks sync fails', 'Our invoices stopped syncing to QuickBooks on Monday.');
    expect((await check({ body: GOOD, ticketId: ticket.id })).json().findings).toEqual([]);
  });

  it('refuses bad input with 400 and unknown tickets with 404, and needs tickets:write', async () => {
    expect((await check({ body: '' })).statusCode).toBe(400);
    expect((await check({ body: 'x'.repeat(50_001) })).statusCode).toBe(400);
    expect((await check({ body: 'Hi', ticketId: 'nope' })).statusCode).toBe(400);
    expect((await check({ body: 'Hi', ticketId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' })).statusCode).toBe(404);
    expect((await check({ body: GOOD }, desk.viewer)).statusCode).toBe(403);
  });
});
