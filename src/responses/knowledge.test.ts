import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushSearchLog, purgeSearchLog } from '../kb/search-log.js';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';
import { createDesk, openTicket, reply, solvedTicket, type Desk } from './test-fixtures.js';

describe.each(DIALECTS)('growing the knowledge on %s', (dialect) => {
  let t: TestContext;
  let desk: Desk;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    desk = await createDesk(t);
  });
  afterAll(() => t.close());

  describe('article drafts from solved tickets', () => {
    const draftFrom = (id: string, token = desk.lead, payload?: object) => t.app.inject({ method: 'POST', url: `/api/v1/tickets/${id}/article-draft`, headers: bearer(token), payload });

    it('turns a solved ticket into an internal draft: title from the subject, problem and solution, customer details removed, audited on the ticket', async () => {
      const ticket = await solvedTicket(
        t,
        desk.agent,
        'Re: Calendar sync shows events twice.',
        'Since yesterday every event appears twice in my calendar. Call me on +44 20 7946 0958 or write to sam@customer.example.\n\nOn Mon, Jan 5, 2026 Support wrote:\n> old quoted text',
        'Hi Sam,\n\nThanks for reaching out!\n\nThis happens when the calendar is connected twice. Open Settings, then Calendars, and remove the older connection.\n\nBest regards,\nAlex',
      );
      const res = await draftFrom(ticket.id);
      expect(res.statusCode).toBe(201);
      const article = res.json();
      expect(article).toMatchObject({ title: 'Calendar sync shows events twice', status: 'draft', visibility: 'internal', externalId: `ticket:${ticket.number}` });
      expect(article.tags).toContain('from-ticket');
      expect(article.body).toMatch(/^## Problem\n\nSince yesterday every event appears twice in my calendar\./);
      expect(article.body).toContain('## Solution\n\nThis happens when the calendar is connected twice. Open Settings, then Calendars, and remove the older connection.');
      expect(article.body).toContain(`Drafted from ticket #${ticket.number}`);
      for (const leaked of ['sam@customer.example', '7946', 'Sam', 'old quoted text', 'Best regards', 'Thanks for reaching out']) expect(article.body).not.toContain(leaked);
      const events = (await t.app.inject({ url: `/api/v1/tickets/${ticket.id}/events`, headers: bearer(desk.lead) })).json();
      expect(events.items.map((e: { action: string }) => e.action)).toContain('kb.article.created');
      // A draft is not searchable until someone publishes it.
      const search = (await t.app.inject({ url: '/api/v1/kb/search?q=calendar%20events%20twice', headers: bearer(desk.agent) })).json();
      expect(search.items.map((i: { id: string }) => i.id)).not.toContain(article.id);

      const again = await draftFrom(ticket.id);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'already_exists', articleId: article.id });
    });

    it('may draft a public article when asked', async () => {
      const ticket = await solvedTicket(t, desk.agent, 'Change the invoice address', 'How do I change the address on invoices?', 'Hi,\n\nOpen Billing, then Details, and edit the address.\n\nCheers,\nAlex');
      const res = await draftFrom(ticket.id, desk.lead, { visibility: 'public' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ visibility: 'public', status: 'draft' });
    });

    it('refuses unsolved tickets (409 ticket_not_solved), unknown ones (404), and roles without kb:manage (403)', async () => {
      const open = await openTicket(t, desk.agent, 'Still broken', 'Nothing works.');
      const res = await draftFrom(open.id);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('ticket_not_solved');
      expect((await draftFrom('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b')).statusCode).toBe(404);
      expect((await draftFrom(open.id, desk.agent)).statusCode).toBe(403);
      expect((await draftFrom(open.id, desk.lead, { visibility: 'secret' })).statusCode).toBe(400);
    });
  });

  describe('review-due list', () => {
    it('lists overdue, due-today and soon-due articles, earliest first, pages with a cursor', async () => {
      // The test clock reads 2026-01-05.
      const ids: Record<string, string> = {};
      for (const [key, reviewDueAt] of Object.entries({ overdue: '2025-12-20', today: '2026-01-05', soon: '2026-01-15', later: '2026-03-01' })) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/kb/articles',
          headers: bearer(desk.lead),
          payload: { title: `Review ${key}`, body: 'Text.', visibility: 'public', status: 'published', reviewDueAt },
        });
        ids[key] = res.json().id;
      }
      const res = await t.app.inject({ url: '/api/v1/kb/review-due', headers: bearer(desk.viewer) });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ today: '2026-01-05', until: '2026-01-19', nextCursor: null });
      expect(body.items.map((i: { id: string; review: object }) => [i.id, i.review])).toEqual([
        [ids.overdue, { state: 'overdue', days: 16 }],
        [ids.today, { state: 'due_today', days: 0 }],
        [ids.soon, { state: 'due_soon', days: 10 }],
      ]);
      expect(body.items[0].body).toBeUndefined();
      const wide = (await t.app.inject({ url: '/api/v1/kb/review-due?withinDays=60', headers: bearer(desk.viewer) })).json();
      expect(wide.items.map((i: { id: string }) => i.id)).toContain(ids.later);
      const first = (await t.app.inject({ url: '/api/v1/kb/review-due?withinDays=0&limit=1', headers: bearer(desk.viewer) })).json();
      expect(first.items.map((i: { id: string }) => i.id)).toEqual([ids.overdue]);
      const second = (await t.app.inject({ url: `/api/v1/kb/review-due?withinDays=0&limit=1&cursor=${first.nextCursor}`, headers: bearer(desk.viewer) })).json();
      expect(second.items.map((i: { id: string }) => i.id)).toEqual([ids.today]);
      expect(second.nextCursor).toBeNull();
      expect((await t.app.inject({ url: '/api/v1/kb/review-due?cursor=junk', headers: bearer(desk.viewer) })).json().code).toBe('invalid_cursor');
      expect((await t.app.inject({ url: '/api/v1/kb/review-due?withinDays=-1', headers: bearer(desk.viewer) })).statusCode).toBe(400);
    });
  });

  describe('search log and gap report', () => {
    const search = (q: string, token: string) => t.app.inject({ url: `/api/v1/kb/search?q=${encodeURIComponent(q)}`, headers: bearer(token) });
    const gaps = (query = '') => t.app.inject({ url: `/api/v1/kb/gaps${query}`, headers: bearer(desk.lead) });

    it('logs what people searched, one row per typing burst, with the best score', async () => {
      for (const q of ['pa', 'pass', 'passw', 'password reset']) await search(q, desk.agent);
      await search('password', desk.viewer);
      await flushSearchLog(t.deps, { all: true });
      const rows = await t.deps.db.kysely.selectFrom('kb_search_log').selectAll().where('query', 'like', 'pa%').orderBy('query').execute();
      expect(rows.map((r) => [r.query, r.source, Number(r.results) > 0])).toEqual([
        ['password', 'agent', true],
        ['password reset', 'agent', true],
      ]);
      expect(rows[1].best_article_id).toBe(desk.articles.password);
      expect(Number(rows[1].best_score)).toBeGreaterThan(0);
    });

    it('forgets searches older than 180 days in the housekeeping sweep', async () => {
      t.clock.set('2025-05-01T09:00:00.000Z');
      await search('ancient question', desk.agent);
      await flushSearchLog(t.deps, { all: true });
      t.clock.set('2026-01-05T09:00:00.000Z');
      expect(await purgeSearchLog(t.deps)).toBe(1);
      const left = await t.deps.db.kysely.selectFrom('kb_search_log').select('query').execute();
      expect(left.map((r) => r.query)).not.toContain('ancient question');
      expect(left.length).toBeGreaterThan(0);
    });

    it('clusters recent tickets and searches that no article answers, and forgets a gap once an article answers it', async () => {
      // An old ticket, outside the 30-day window.
      t.clock.set('2025-10-01T09:00:00.000Z');
      await openTicket(t, desk.agent, 'QuickBooks export old', 'Old question about QuickBooks.');
      t.clock.set('2026-01-05T09:00:00.000Z');
      const qb = [
        await openTicket(t, desk.agent, 'QuickBooks sync fails', 'Our invoices stopped syncing to QuickBooks on Monday.'),
        await openTicket(t, desk.agent, 'Invoices not syncing to QuickBooks', 'New invoices never show up in QuickBooks Online.'),
        await openTicket(t, desk.agent, 'QuickBooks integration stopped syncing invoices', 'The QuickBooks sync of invoices has stopped.'),
      ];
      await openTicket(t, desk.agent, 'Set up SAML single sign-on with Okta', 'We want our staff to log in through Okta with SAML.');
      await openTicket(t, desk.agent, 'Okta SAML configuration', 'Which SAML settings do we enter in Okta?');
      await openTicket(t, desk.agent, 'Password reset email never arrives', 'I asked to reset my password but the email never arrives.');
      await openTicket(t, desk.agent, 'Flux capacitor recalibration', 'Does the flux capacitor need recalibration?');
      // A solved one is marked so: the console drafts an article from it.
      await reply(t, desk.agent, qb[1].id, 'Reconnect the QuickBooks integration under Settings, then Integrations.', 'solved');
      await search('quickbooks sync', desk.agent);
      await search('quickbooks sync', desk.viewer);
      await search('okta saml', desk.agent);

      const res = await gaps();
      expect(res.statusCode).toBe(200);
      const report = res.json();
      const [first, second] = report.items;
      expect(first).toMatchObject({ count: 5, tickets: 3, searches: 2 });
      expect(first.terms).toContain('quickbooks');
      expect(first.suggestedTitle).toMatch(/QuickBooks/i);
      expect(first.samples.filter((s: { type: string }) => s.type === 'ticket').map((s: { id: string }) => s.id).sort()).toEqual(qb.map((x) => x.id).sort());
      expect(first.samples).toContainEqual({ type: 'search', text: 'quickbooks sync', count: 2 });
      const statusOf = new Map(first.samples.filter((s: { type: string }) => s.type === 'ticket').map((s: { id: string; status: string }) => [s.id, s.status]));
      expect([statusOf.get(qb[0].id), statusOf.get(qb[1].id), statusOf.get(qb[2].id)]).toEqual(['new', 'solved', 'new']);
      expect(second).toMatchObject({ count: 3, tickets: 2, searches: 1 });
      expect(second.terms).toEqual(expect.arrayContaining(['okta', 'saml']));
      const all = JSON.stringify(report.items);
      expect(all).not.toContain('Password reset email never arrives');
      expect(all).not.toContain('Flux capacitor');
      expect(all).not.toContain('QuickBooks export old');
      expect(report.examined.unanswered).toBeGreaterThanOrEqual(8);

      await t.app.inject({
        method: 'POST',
        url: '/api/v1/kb/articles',
        headers: bearer(desk.lead),
        payload: { title: 'Sync invoices to QuickBooks', body: 'When invoices stop syncing to QuickBooks Online, reconnect the QuickBooks integration under Settings, then Integrations.', visibility: 'public', status: 'published' },
      });
      const after = (await gaps()).json();
      expect(JSON.stringify(after.items)).not.toMatch(/quickbooks/i);
      expect(after.items[0]).toMatchObject({ count: 3, tickets: 2 });
      expect((await gaps('?minCount=4')).json().items).toEqual([]);
    });

    it('refuses bad parameters and roles without kb:manage', async () => {
      expect((await gaps('?days=0')).statusCode).toBe(400);
      expect((await gaps('?coverageBelow=2')).statusCode).toBe(400);
      expect((await t.app.inject({ url: '/api/v1/kb/gaps', headers: bearer(desk.agent) })).statusCode).toBe(403);
    });
  });
});
