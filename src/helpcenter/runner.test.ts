import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';
import { routerGuide } from '../guides/guides.fixtures.js';

const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie'] ?? '').split(';')[0];
const tokenOf = (page: string) => /name="token" value="([^"]+)"/.exec(page)?.[1] ?? '';
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe.each(DIALECTS)('help-center guide runner and ticket form on %s', (dialect) => {
  let t: TestContext;
  let lead: string;
  let agent: string;
  let guideId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    lead = (await t.userWithToken('lead')).token;
    agent = (await t.userWithToken('agent')).token;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/guides', headers: bearer(lead), payload: routerGuide() });
    expect(res.statusCode, res.body).toBe(201);
    guideId = res.json().id;
  });
  afterAll(() => t.close());

  const post = (url: string, fields: Record<string, string>, cookie = '') =>
    t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) }, payload: form(fields) });

  /** Starts a run from the guide's page, as a browser without JavaScript would. */
  async function startRun(): Promise<string> {
    const intro = await t.app.inject({ url: `/help/guides/${guideId}` });
    expect(intro.statusCode).toBe(200);
    expect(intro.body).toContain(`<form method="post" action="/help/guides/${guideId}/start">`);
    const started = await post(`/help/guides/${guideId}/start`, {});
    expect(started.statusCode).toBe(303);
    return started.headers.location as string;
  }

  it('walks a guide one page per node with plain forms (POST, redirect, GET) to its outcome', async () => {
    const runUrl = await startRun();
    expect(runUrl).toMatch(/^\/help\/runs\/[0-9a-f-]{36}$/);
    const question = (await t.app.inject({ url: runUrl })).body;
    expect(question).not.toContain('<script');
    expect(question).toContain('<legend><h1>Is the router light on?</h1></legend>');
    expect(question).toMatch(/<input type="radio" id="opt-0" name="option" value="0" required> <label for="opt-0"[^>]*>Yes<\/label>/);

    const missing = await post(runUrl, { node: 'power' });
    expect(missing.headers.location).toBe(`${runUrl}?error=choose`);
    expect((await t.app.inject({ url: missing.headers.location as string })).body).toContain('Choose one of the answers.');

    expect((await post(runUrl, { node: 'power', option: '1' })).headers.location).toBe(runUrl);
    const step = (await t.app.inject({ url: runUrl })).body;
    expect(step).toContain('<h1>Plug the router in</h1>');
    expect(step).toContain('<strong>grey</strong>');
    // The same submit again (a reload of the POST, a double click) changes nothing.
    await post(runUrl, { node: 'power', option: '0' });
    expect((await t.app.inject({ url: runUrl })).body).toContain('<h1>Plug the router in</h1>');

    await post(runUrl, { node: 'plug' });
    await post(runUrl, { node: 'check', option: '0' });
    const done = (await t.app.inject({ url: runUrl })).body;
    expect(done).toContain('<h1>You are back online</h1>');
    const runId = runUrl.split('/').pop()!;
    const run = (await t.app.inject({ url: `/api/v1/guides/runs/${runId}`, headers: bearer(agent) })).json();
    expect(run).toMatchObject({ status: 'solved', channel: 'helpcenter' });
    expect(run.path.map((s: { nodeId: string }) => s.nodeId)).toEqual(['power', 'plug', 'check', 'fixed']);
  });

  it('attaches the path to the ticket a customer opens after giving up', async () => {
    const runUrl = await startRun();
    const runId = runUrl.split('/').pop()!;
    await post(runUrl, { node: 'power', option: '0' });
    const gaveUp = await post(`${runUrl}/give-up`, {});
    expect(gaveUp.headers.location).toBe(`/help/contact?run=${runId}`);

    const contact = await t.app.inject({ url: gaveUp.headers.location as string });
    const cookie = cookieOf(contact);
    expect(contact.body).toContain('<h2 id="tried">Steps you tried</h2>');
    expect(contact.body).toContain('Is the router light on? → Yes');
    expect(contact.body).toContain(`<input type="hidden" name="guideRunId" value="${runId}">`);
    expect(contact.body).toMatch(/<label for="c-email">Your email<\/label>/);
    expect(contact.body).not.toContain('<script');

    const sent = await post('/help/contact', { token: tokenOf(contact.body), guideRunId: runId, email: 'Ann@Example.test', name: 'Ann', subject: 'Still offline', message: 'Restarting did not help' }, cookie);
    expect(sent.statusCode, sent.body).toBe(303);
    expect(sent.headers.location).toMatch(/^\/help\/contact\/sent\?ref=\d+$/);
    expect((await t.app.inject({ url: sent.headers.location as string })).body).toContain('Thank you — your request was sent');

    const run = (await t.app.inject({ url: `/api/v1/guides/runs/${runId}`, headers: bearer(agent) })).json();
    expect(run).toMatchObject({ status: 'abandoned', endReason: 'gave_up' });
    expect(run.ticketId).toBeTruthy();
    const ticket = (await t.app.inject({ url: `/api/v1/tickets/${run.ticketId}`, headers: bearer(agent) })).json();
    expect(ticket).toMatchObject({ subject: 'Still offline', channel: 'portal', requester: { email: 'ann@example.test' } });
    expect(ticket.tags).toEqual(expect.arrayContaining(['help-center', 'guide']));
    const messages = (await t.app.inject({ url: `/api/v1/tickets/${run.ticketId}/messages`, headers: bearer(agent) })).json().items;
    const note = messages.find((m: { visibility: string }) => m.visibility === 'internal');
    expect(note.body).toContain('Path taken:\n1. Is the router light on? → Yes\n2. Restart the router');
    expect(note.body).toContain('Gave up');
    const stats = (await t.app.inject({ url: `/api/v1/guides/${guideId}/stats`, headers: bearer(agent) })).json();
    expect(stats.runs.withTicket).toBe(1);
    expect(stats.nodes.find((n: { nodeId: string }) => n.nodeId === 'restart').dropped).toBe(1);
  });

  it('refuses a ticket form without its token, keeping what was typed, and re-renders invalid fields', async () => {
    const fields = { email: 'bob@example.test', subject: 'Billing <b>question</b>', message: 'My invoice is wrong' };
    const forged = await post('/help/contact', { ...fields, token: '123.abc' }, 'frontline_hc=attacker-chosen-cookie');
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('This form had expired');
    expect(forged.body).toContain('value="Billing &lt;b&gt;question&lt;/b&gt;"');
    expect(forged.body).toContain('My invoice is wrong</textarea>');

    const page = await t.app.inject({ url: '/help/contact' });
    const cookie = cookieOf(page);
    const invalid = await post('/help/contact', { ...fields, email: 'not-an-email', message: '', token: tokenOf(page.body) }, cookie);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('aria-invalid="true" aria-describedby="c-email-error"');
    expect(invalid.body).toContain('<p class="error" id="c-message-error">Describe the problem</p>');
    expect(invalid.body).toContain('value="not-an-email"');

    const before = await t.deps.db.kysely.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const bot = await post('/help/contact', { ...fields, website: 'http://spam.test', token: tokenOf(page.body) }, cookie);
    expect(bot.statusCode).toBe(303);
    const after = await t.deps.db.kysely.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('rate-limits the ticket form per address with an HTML page', async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) last = (await post('/help/contact', { email: 'x' }, 'frontline_hc=whoever-this-is-1234')).statusCode;
    const limited = await post('/help/contact', { email: 'x' });
    expect(last).toBe(429);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('text/html');
    expect(limited.body).toContain('Too many requests');
  });

  it('does not show drafts, internal guides or agents\u2019 runs in the help center', async () => {
    const draft = (await t.app.inject({ method: 'POST', url: '/api/v1/guides', headers: bearer(lead), payload: routerGuide({ status: 'draft', title: 'Draft guide' }) })).json();
    const internal = (await t.app.inject({ method: 'POST', url: '/api/v1/guides', headers: bearer(lead), payload: routerGuide({ visibility: 'internal', title: 'Internal guide' }) })).json();
    for (const id of [draft.id, internal.id]) {
      expect((await t.app.inject({ url: `/help/guides/${id}` })).statusCode).toBe(404);
      expect((await post(`/help/guides/${id}/start`, {})).statusCode).toBe(404);
    }
    const home = (await t.app.inject({ url: '/help' })).body;
    expect(home).toContain(`href="/help/guides/${guideId}"`);
    expect(home).not.toContain('Draft guide');
    expect(home).not.toContain('Internal guide');
    expect((await t.app.inject({ url: '/help/sitemap.xml' })).body).toContain(`/help/guides/${guideId}</loc>`);
    const agentRun = (await t.app.inject({ method: 'POST', url: `/api/v1/guides/${guideId}/runs`, headers: bearer(agent), payload: {} })).json();
    expect((await t.app.inject({ url: `/help/runs/${agentRun.id}` })).statusCode).toBe(404);
  });
});
