import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';
import { draftReply } from './draft.service.js';
import { guideSource } from './guide-match.js';
import { suggestForTicket } from './suggestions.service.js';
import { createDesk, openTicket, solvedTicket, type Desk } from './test-fixtures.js';

describe.each(DIALECTS)('suggestions and drafts on %s', (dialect) => {
  let t: TestContext;
  let desk: Desk;
  let passwordTicket: { id: string };
  let solvedPassword: { id: string; replyId: string };
  let openPassword: { id: string };
  let invoiceTicket: { id: string };
  let solvedInvoice: { id: string };

  const suggestions = (id: string, query = '', token = desk.agent) => t.app.inject({ url: `/api/v1/tickets/${id}/suggestions${query}`, headers: bearer(token) });
  // No body: the defaults.
  const draft = (id: string, token = desk.agent) => t.app.inject({ method: 'POST', url: `/api/v1/tickets/${id}/draft`, headers: bearer(token) });

  beforeAll(async () => {
    t = await startTestApp(dialect, { publicUrl: 'https://support.example.com' });
    desk = await createDesk(t);
    solvedPassword = await solvedTicket(
      t,
      desk.agent,
      'Reset password email not received',
      'I requested a password reset but the reset email was never received.',
      'Hi Jo,\n\nThanks for reaching out!\n\nThe reset email was blocked by your mail filter. Please allow no-reply@frontline.example and request the reset again.\n\nBest regards,\nAlex',
      { email: 'jo@other.example', name: 'Jo' },
    );
    openPassword = await openTicket(t, desk.agent, 'Password reset email does not arrive', 'The password reset email does not arrive in my inbox.', { email: 'lee@other.example' });
    await solvedTicket(t, desk.agent, 'Dark theme request', 'Can we get a dark theme?', 'Hi,\n\nYes: Settings, then Appearance.\n\nCheers,\nAlex');
    solvedInvoice = await solvedTicket(
      t,
      desk.agent,
      'Blank invoice PDF when downloading',
      'Downloading the invoice PDF gives me an empty white page.',
      "Hi Kim,\n\nThis happens with the built-in viewer of older Safari versions. Download the invoice with the 'Save as PDF' button instead, or open it in Chrome.\n\nThanks,\nAlex",
      { email: 'kim@other.example', name: 'Kim' },
    );
    passwordTicket = await openTicket(t, desk.agent, 'Password reset email never arrives', 'Hello, I asked to reset my password three times but the reset email never arrives. I checked spam too.');
    invoiceTicket = await openTicket(t, desk.agent, 'Invoice PDF download is blank', 'When I download an invoice PDF the page is blank.');
  });
  afterAll(() => t.close());

  it('suggests the answering article first, with a help-center link, and similar solved tickets with the reply that solved them', async () => {
    const res = await suggestions(passwordTicket.id);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.articles[0]).toMatchObject({ id: desk.articles.password, title: 'Reset your password', visibility: 'public', strong: true, url: `https://support.example.com/help/articles/${desk.articles.password}` });
    expect(body.articles[0].coverage).toBeGreaterThanOrEqual(0.6);
    for (let i = 1; i < body.articles.length; i++) {
      expect(body.articles[i].score).toBeLessThanOrEqual(body.articles[i - 1].score);
      expect(body.articles[i].strong).toBe(false);
    }
    // Drafts are never suggested.
    expect(body.articles.map((a: { id: string }) => a.id)).not.toContain(desk.articles.webhookDraft);
    expect(body.tickets[0]).toMatchObject({ id: solvedPassword.id, status: 'solved', subject: 'Reset password email not received', reply: { messageId: solvedPassword.replyId } });
    expect(body.tickets[0].reply.body).toContain('blocked by your mail filter');
    expect(body.tickets[0].score).toBeGreaterThan(0.2);
    // Only solved look-alikes: the open one has no answer to reuse.
    expect(body.tickets.map((x: { id: string }) => x.id)).not.toContain(openPassword.id);
    expect(body.guides).toEqual([]);
  });

  it('still finds the article when the subject has typos', async () => {
    const ticket = await openTicket(t, desk.agent, 'Pasword reset emial never arives', 'Cannot get in.');
    const { articles } = (await suggestions(ticket.id)).json();
    expect(articles[0]).toMatchObject({ id: desk.articles.password, strong: true });
  });

  it('shows internal articles to agents, without a customer link', async () => {
    const ticket = await openTicket(t, desk.agent, 'Charged twice, please refund the duplicate charge', 'My card shows a duplicate charge for the same invoice. Please refund it.');
    const { articles } = (await suggestions(ticket.id)).json();
    expect(articles[0]).toMatchObject({ id: desk.articles.refund, visibility: 'internal', url: null });
  });

  it('honours limit, refuses bad input and unknown tickets, and needs tickets:read', async () => {
    const one = (await suggestions(passwordTicket.id, '?limit=1')).json();
    expect(one.articles).toHaveLength(1);
    expect(one.tickets.length).toBeLessThanOrEqual(1);
    expect((await suggestions(passwordTicket.id, '?limit=0')).statusCode).toBe(400);
    expect((await suggestions(passwordTicket.id, '?limit=21')).statusCode).toBe(400);
    expect((await suggestions('not-an-id')).statusCode).toBe(400);
    const missing = await suggestions('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('not_found');
    expect((await suggestions(passwordTicket.id, '', desk.viewer)).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/v1/tickets/${passwordTicket.id}/suggestions` })).statusCode).toBe(401);
  });

  it('drafts a reply from the article: greeting by name, its steps, its link, a closing signed by the agent, citations', async () => {
    const res = await draft(passwordTicket.id);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    const url = `https://support.example.com/help/articles/${desk.articles.password}`;
    expect(d.body.startsWith('Hi Sam,\n\n')).toBe(true);
    expect(d.body).toContain('1. Go to the sign-in page and click Forgot password.');
    expect(d.body).toContain('4. Click the link in the email and choose a new password.');
    expect(d.body).toContain(url);
    expect(d.body).toMatch(/reply to this message/);
    expect(d.body.endsWith(`Best regards,\n${desk.agentName}`)).toBe(true);
    expect(d).toMatchObject({ basis: 'article', source: 'builtin', sent: false, llm: { polish: { status: 'not_configured' }, summary: { status: 'not_needed' } }, summary: null });
    expect(d.citations).toEqual([expect.objectContaining({ type: 'article', id: desk.articles.password, url, used: 'steps' })]);
    // Nothing was sent: the ticket still has only the customer's message.
    const messages = (await t.app.inject({ url: `/api/v1/tickets/${passwordTicket.id}/messages`, headers: bearer(desk.agent) })).json();
    expect(messages.items).toHaveLength(1);
  });

  it('drafts from the reply that solved a similar ticket when no article answers, without its greeting or sign-off', async () => {
    const d = (await draft(invoiceTicket.id)).json();
    expect(d.basis).toBe('ticket');
    expect(d.body.startsWith('Hi Sam,')).toBe(true);
    expect(d.body).toContain("Download the invoice with the 'Save as PDF' button instead, or open it in Chrome.");
    expect(d.body).not.toContain('Kim');
    expect(d.body).not.toContain('Thanks,\nAlex');
    expect(d.citations[0]).toMatchObject({ type: 'ticket', id: solvedInvoice.id, used: 'reply' });
  });

  it('drafts a holding reply with a next step when nothing matches, and greets without a name when there is none', async () => {
    const ticket = await openTicket(t, desk.agent, 'Quantum flux capacitor', 'Does the flux capacitor need recalibration?', { email: 'anon@else.example' });
    const d = (await draft(ticket.id)).json();
    expect(d.basis).toBe('none');
    expect(d.citations).toEqual([]);
    expect(d.body.startsWith('Hi there,')).toBe(true);
    expect(d.body).toContain('come back to you');
  });

  it('includes matching guides when a guide source is plugged in, and offers a public one in the draft', async () => {
    const guides = guideSource(
      async () => [
        { id: 'g-mail', title: 'Troubleshoot missing emails', description: 'Reset or notification emails that never arrive: spam, filters, bounces.', category: null, visibility: 'public' },
        { id: 'g-print', title: 'Printer does not print', description: 'Paper, toner, queue.', category: null, visibility: 'public' },
      ],
      (id) => `https://support.example.com/help/guides/${id}`,
    );
    const result = await suggestForTicket(t.deps, { guides }, passwordTicket.id, 5);
    expect(result.guides.map((g) => g.id)).toEqual(['g-mail']);
    expect(result.tickets).toEqual([]);
    const d = await draftReply(t.deps, { guides }, passwordTicket.id, { agentName: 'Alex', useLlm: false });
    expect(d.body).toContain('troubleshooter: Troubleshoot missing emails – https://support.example.com/help/guides/g-mail');
    expect(d.citations.map((c) => c.type)).toEqual(['article', 'guide']);
  });

  it('needs tickets:write to draft', async () => {
    expect((await draft(passwordTicket.id, desk.viewer)).statusCode).toBe(403);
    expect((await draft('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b')).statusCode).toBe(404);
  });
});
