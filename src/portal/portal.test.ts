import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(DIALECTS)('customer portal on %s', (dialect) => {
  let t: TestContext;
  let agent: string;

  /** Signs in through an e-mailed link, as a customer would; returns the cookie and the CSRF token. */
  const signIn = async (email: string) => {
    const asked = await t.app.inject({ method: 'POST', url: '/portal/login', headers: FORM, payload: form({ email }) });
    expect(asked.statusCode).toBe(200);
    // Through the queue's interface: on PostgreSQL jobs live in pg-boss's tables, not in `jobs`.
    const mail = (await t.deps.jobs.waiting('email.send')).at(-1)!;
    const payload = mail.payload as { to: string; text: string };
    expect(payload.to).toBe(email);
    const link = new URL(payload.text.split('\n').find((l) => l.includes('/portal/auth?token='))!);
    const redeemed = await t.app.inject({ url: `${link.pathname}${link.search}` });
    expect(redeemed.statusCode).toBe(303);
    const cookie = String(redeemed.headers['set-cookie']).split(';')[0]!;
    const page = await t.app.inject({ url: '/portal/tickets', headers: { cookie } });
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
    return { cookie, csrf, link: `${link.pathname}${link.search}` };
  };
  const apiTicket = async (email: string, subject: string) =>
    (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: { subject, body: 'Details', requester: { email } } })).json() as { id: string; number: number };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    agent = (await t.userWithToken('agent')).token;
    const lead = (await t.userWithToken('lead')).token;
    const article = await t.app.inject({
      method: 'POST',
      url: '/api/v1/kb/articles',
      headers: bearer(lead),
      payload: { title: 'Reset your password', body: 'Open Settings, choose Security, then Reset password.', visibility: 'public', status: 'published' },
    });
    expect(article.statusCode, article.body).toBe(201);
  });
  afterAll(() => t.close());

  it('signs a customer in with a one-time e-mailed link', async () => {
    expect((await t.app.inject({ url: '/portal' })).body).toContain('Send me a sign-in link');
    const { cookie, link } = await signIn('ada@customer.example');
    expect((await t.app.inject({ url: '/portal', headers: { cookie } })).headers.location).toBe('/portal/tickets');
    const again = await t.app.inject({ url: link });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('used already or has expired');
    expect((await t.app.inject({ url: '/portal/tickets' })).headers.location).toBe('/portal');
    expect((await t.app.inject({ method: 'POST', url: '/portal/login', headers: FORM, payload: form({ email: 'not an address' }) })).statusCode).toBe(400);
  });

  it('shows customers their own tickets only, and only the public conversation', async () => {
    const mine = await apiTicket('bo@customer.example', 'My printer is offline');
    const theirs = await apiTicket('someone.else@customer.example', 'Secret other ticket');
    await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${mine.id}/messages`, headers: bearer(agent), payload: { body: 'Internal: customer is on the old plan', visibility: 'internal' } });
    await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${mine.id}/messages`, headers: bearer(agent), payload: { body: 'Please restart the printer.', visibility: 'public' } });
    const { cookie, csrf } = await signIn('bo@customer.example');

    const list = await t.app.inject({ url: '/portal/tickets', headers: { cookie } });
    expect(list.body).toContain('My printer is offline');
    expect(list.body).not.toContain('Secret other ticket');
    const page = await t.app.inject({ url: `/portal/tickets/${mine.id}`, headers: { cookie } });
    expect(page.body).toContain('Please restart the printer.');
    expect(page.body).not.toContain('Internal: customer');
    expect((await t.app.inject({ url: `/portal/tickets/${theirs.id}`, headers: { cookie } })).statusCode).toBe(404);
    const foreignReply = await t.app.inject({ method: 'POST', url: `/portal/tickets/${theirs.id}/reply`, headers: { ...FORM, cookie }, payload: form({ csrf, body: 'hi' }) });
    expect(foreignReply.statusCode).toBe(404);

    // Replying needs the session's CSRF token.
    const forged = await t.app.inject({ method: 'POST', url: `/portal/tickets/${mine.id}/reply`, headers: { ...FORM, cookie }, payload: form({ body: 'Did that' }) });
    expect(forged.statusCode).toBe(403);
    const replied = await t.app.inject({ method: 'POST', url: `/portal/tickets/${mine.id}/reply`, headers: { ...FORM, cookie }, payload: form({ csrf, body: 'Restarted, still offline <script>x</script>' }) });
    expect(replied.statusCode).toBe(303);
    const after = await t.app.inject({ url: `/portal/tickets/${mine.id}`, headers: { cookie } });
    expect(after.body).toContain('Restarted, still offline &lt;script&gt;x&lt;/script&gt;');
    const messages = (await t.app.inject({ url: `/api/v1/tickets/${mine.id}/messages`, headers: bearer(agent) })).json().items;
    expect(messages).toContainEqual(expect.objectContaining({ author: expect.objectContaining({ type: 'customer' }), visibility: 'public', body: 'Restarted, still offline <script>x</script>' }));
  });

  it('suggests articles before a ticket is opened and records deflection', async () => {
    const from = t.clock.now().toISOString();
    const { cookie, csrf } = await signIn('cy@customer.example');
    const suggested = await t.app.inject({ url: '/portal/suggest?q=reset%20password', headers: { cookie } });
    expect(suggested.json().items[0]).toMatchObject({ title: 'Reset your password' });
    const noJs = await t.app.inject({ method: 'POST', url: '/portal/tickets', headers: { ...FORM, cookie }, payload: form({ csrf, subject: 'How do I reset my password', body: 'Forgot it', action: 'suggest' }) });
    expect(noJs.body).toContain('These articles may answer your question');
    const articleId = suggested.json().items[0].id;
    const opened = await t.app.inject({ url: `/portal/articles/${articleId}`, headers: { cookie } });
    expect(opened.headers.location).toBe(`/help/articles/${articleId}`);

    // A second visitor reads nothing and opens a ticket.
    const other = await signIn('dee@customer.example');
    await t.app.inject({ url: '/portal/suggest?q=reset%20password', headers: { cookie: other.cookie } });
    const sent = await t.app.inject({ method: 'POST', url: '/portal/tickets', headers: { ...FORM, cookie: other.cookie }, payload: form({ csrf: other.csrf, subject: 'Password reset fails', body: 'The link never arrives', action: 'send' }) });
    expect(sent.statusCode).toBe(303);
    const ticketId = sent.headers.location!.split('/').pop()!;
    expect((await t.app.inject({ url: `/api/v1/tickets/${ticketId}`, headers: bearer(agent) })).json()).toMatchObject({ channel: 'portal', requester: { email: 'dee@customer.example' } });
    const empty = await t.app.inject({ method: 'POST', url: '/portal/tickets', headers: { ...FORM, cookie: other.cookie }, payload: form({ csrf: other.csrf, subject: '', body: '', action: 'send' }) });
    expect(empty.statusCode).toBe(400);

    // A third leaves with text typed (the page's script sends a beacon).
    const third = await signIn('eve@customer.example');
    await t.app.inject({ url: '/portal/suggest?q=reset%20password', headers: { cookie: third.cookie } });
    expect((await t.app.inject({ method: 'POST', url: '/portal/events', headers: { ...FORM, cookie: third.cookie }, payload: form({ csrf: third.csrf, kind: 'form_abandoned', q: 'reset' }) })).statusCode).toBe(204);

    const to = new Date(t.clock.now().getTime() + 1).toISOString();
    const summary = (await t.app.inject({ url: `/api/v1/portal/deflection?from=${from}&to=${to}`, headers: bearer(agent) })).json();
    expect(summary).toEqual({ visitsWithSuggestions: 3, visitsOpeningAnArticle: 1, visitsAbandoningTheForm: 1, visitsSubmittingATicket: 1, deflected: 1, deflectionRate: 0.3333 });
  });
});
