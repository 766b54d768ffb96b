import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';

const DAY = 24 * 3_600_000;

describe.each(DIALECTS)('CSAT surveys on %s', (dialect) => {
  let t: TestContext;
  let agent: string;
  let viewer: string;

  const open = async (email = 'ada@customer.example') =>
    (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: { subject: 'Cannot export', body: 'Export fails', requester: { email, name: 'Ada Lovelace' } } })).json() as { id: string; number: number; requester: { id: string } };
  const solve = (id: string) => t.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${id}`, headers: bearer(agent), payload: { status: 'solved' } });
  const surveyOf = async (id: string) => (await t.app.inject({ url: `/api/v1/tickets/${id}/csat`, headers: bearer(viewer) })).json().survey;
  // Through the queue's interface: on PostgreSQL jobs live in pg-boss's tables, not in `jobs`.
  const mails = async (ticketId: string) =>
    (await t.deps.jobs.waiting('email.send')).filter((j) => j.key === `csat:${ticketId}`).map((j) => ({ payload: JSON.stringify(j.payload), key: j.key }));
  const linkFor = async (ticketId: string, rating: number) => {
    const [mail] = await mails(ticketId);
    const url = new URL((JSON.parse(mail!.payload).text as string).split('\n').find((l) => l.startsWith(`${rating} – `))!.split(': ').pop()!);
    return `${url.pathname}${url.search}`;
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    agent = (await t.userWithToken('agent')).token;
    viewer = (await t.userWithToken('viewer')).token;
  });
  afterAll(() => t.close());

  it('sends a survey when a ticket is solved, with signed one-click links that record the rating', async () => {
    const ticket = await open();
    expect(await surveyOf(ticket.id)).toBeNull();
    await solve(ticket.id);
    expect(await surveyOf(ticket.id)).toMatchObject({ rating: null, answeredAt: null, changeableUntil: null });
    const [mail] = await mails(ticket.id);
    const payload = JSON.parse(mail!.payload);
    expect(payload).toMatchObject({ to: 'ada@customer.example', ticketId: ticket.id, subject: `How did we do? [#${ticket.number}] Cannot export` });
    expect(payload.text).toContain('Hello Ada Lovelace,');
    expect(payload.html).toContain('<a href="http://localhost:');

    const received: number[] = [];
    t.deps.events.subscribe('csat.received', ({ rating }) => void received.push(rating));
    const page = await t.app.inject({ url: await linkFor(ticket.id, 4) });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('You rated us <strong>4 – Happy</strong>');
    expect(page.body).toMatch(/<input type="radio" name="rating" value="4" checked required>/);
    expect(await surveyOf(ticket.id)).toMatchObject({ rating: 4, source: 'email', comment: null });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(received).toEqual([4]);

    // The page's form adds a comment and may change the rating; the signature travels with it.
    const sig = new URL(`http://x${await linkFor(ticket.id, 4)}`).searchParams.get('sig')!;
    const form = await t.app.inject({ method: 'POST', url: `/surveys/${ticket.id}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ sig, rating: '5', comment: 'Quick <b>and</b> kind' }).toString() });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Quick &lt;b&gt;and&lt;/b&gt; kind');
    expect(await surveyOf(ticket.id)).toMatchObject({ rating: 5, comment: 'Quick <b>and</b> kind' });
    const audit = (await t.app.inject({ url: `/api/v1/tickets/${ticket.id}/events`, headers: bearer(agent) })).json().items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['csat.answered', 'csat.changed']));
  });

  it('refuses forged links and bad ratings, and closes the answer 7 days after it was given', async () => {
    const ticket = await open('bob@customer.example');
    await solve(ticket.id);
    expect((await t.app.inject({ url: `/surveys/${ticket.id}?sig=forged&rating=1` })).statusCode).toBe(404);
    expect(await surveyOf(ticket.id)).toMatchObject({ rating: null });
    const link = await linkFor(ticket.id, 2);
    const bad = await t.app.inject({ url: link.replace('rating=2', 'rating=9') });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<form method="post"');
    expect((await t.app.inject({ url: link })).statusCode).toBe(200);
    t.clock.advance(7 * DAY - 1_000);
    expect((await t.app.inject({ url: link.replace('rating=2', 'rating=3') })).statusCode).toBe(200);
    t.clock.advance(2_000);
    const late = await t.app.inject({ url: link.replace('rating=2', 'rating=1') });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Survey closed');
    const api = await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/csat`, headers: bearer(agent), payload: { rating: 1 } });
    expect(api.json()).toMatchObject({ status: 409, code: 'survey_closed' });
    expect(await surveyOf(ticket.id)).toMatchObject({ rating: 3 });
  });

  it('keeps one survey per ticket across a reopen, also when solved with a reply', async () => {
    const ticket = await open('cy@customer.example');
    const reply = await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, headers: bearer(agent), payload: { body: 'Fixed: try again.', visibility: 'public', status: 'solved' } });
    expect(reply.statusCode).toBe(201);
    expect(await surveyOf(ticket.id)).not.toBeNull();
    await t.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, headers: bearer(agent), payload: { status: 'open' } });
    await solve(ticket.id);
    expect(await mails(ticket.id)).toHaveLength(1);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/csat`, headers: bearer(viewer), payload: { rating: 5 } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/csat`, headers: bearer(agent), payload: { rating: 1, comment: 'Phone call' } })).json()).toMatchObject({ rating: 1, source: 'api' });
  });

  it('summarises answers in a period: average and share of 4–5', async () => {
    const from = new Date(t.clock.now().getTime() - 30 * DAY).toISOString();
    const to = new Date(t.clock.now().getTime() + DAY).toISOString();
    const res = await t.app.inject({ url: `/api/v1/csat?from=${from}&to=${to}&limit=2`, headers: bearer(viewer) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.summary).toEqual({ sent: 3, answered: 3, average: 3, satisfiedShare: 0.3333 });
    expect(body.items).toHaveLength(2);
    const rest = (await t.app.inject({ url: `/api/v1/csat?from=${from}&to=${to}&limit=2&cursor=${body.nextCursor}`, headers: bearer(viewer) })).json();
    expect(rest.items).toHaveLength(1);
    expect((await t.app.inject({ url: `/api/v1/csat?from=${to}&to=${from}`, headers: bearer(viewer) })).statusCode).toBe(400);
  });

  it("lists one customer's or one organisation's answers, newest first, with their own summary", async () => {
    const admin = (await t.userWithToken('admin')).token;
    const org = (await t.app.inject({ method: 'POST', url: '/api/v1/organisations', headers: bearer(admin), payload: { name: 'Initech', domains: ['initech.example'] } })).json();
    const answer = async (email: string, rating: number, comment?: string) => {
      const ticket = await open(email);
      await solve(ticket.id);
      t.clock.advance(60_000);
      await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/csat`, headers: bearer(agent), payload: { rating, comment } });
      return ticket;
    };
    const first = await answer('peter@initech.example', 2, 'Slow');
    const second = await answer('peter@initech.example', 5);
    const other = await answer('milton@initech.example', 4);
    const unanswered = await open('peter@initech.example');
    await solve(unanswered.id);
    const peter = first.requester.id;

    const mine = (await t.app.inject({ url: `/api/v1/csat?requester=${peter}&order=desc`, headers: bearer(viewer) })).json();
    expect(mine.summary).toEqual({ sent: 3, answered: 2, average: 3.5, satisfiedShare: 0.5 });
    expect(mine.items.map((i: { ticketId: string }) => i.ticketId)).toEqual([second.id, first.id]);
    expect(mine.items[1]).toMatchObject({ number: first.number, subject: 'Cannot export', rating: 2, comment: 'Slow', source: 'api' });

    const theirs = (await t.app.inject({ url: `/api/v1/csat?organisation=${org.id}&limit=2`, headers: bearer(viewer) })).json();
    expect(theirs.summary).toEqual({ sent: 4, answered: 3, average: 3.67, satisfiedShare: 0.6667 });
    expect(theirs.items.map((i: { ticketId: string }) => i.ticketId)).toEqual([first.id, second.id]);
    const rest = (await t.app.inject({ url: `/api/v1/csat?organisation=${org.id}&limit=2&cursor=${theirs.nextCursor}`, headers: bearer(viewer) })).json();
    expect(rest.items.map((i: { ticketId: string }) => i.ticketId)).toEqual([other.id]);

    expect((await t.app.inject({ url: '/api/v1/csat?requester=not-an-id', headers: bearer(viewer) })).json()).toMatchObject({ status: 400, code: 'validation_failed' });
  });
});
