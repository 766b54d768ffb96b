import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../../test-support/harness.js';
import { importTickets } from './import.service.js';
import type { JsonLine } from '../../platform/files/json-lines.js';
import { DEFAULT_INDEX_PARAMS } from './similar-index.js';
import { SimilarTickets } from './similar.service.js';

const FIXTURE = [
  { subject: 'Charged twice for my March invoice', body: 'My credit card was charged two times for invoice INV-2291. Please refund the duplicate payment.' },
  { subject: 'Cannot reset my password', body: 'The password reset email never arrives, I checked the spam folder too.' },
  { subject: 'Export to CSV times out', body: 'Exporting the contacts list to CSV fails with a gateway timeout after a minute.' },
  { subject: 'Dark mode request', body: 'Would love a dark theme for the dashboard in the evenings.' },
];

describe.each(DIALECTS)('similar tickets on %s', (dialect) => {
  let t: TestContext;
  let agent: string;
  let viewer: string;
  const ids: string[] = [];

  const create = async (subject: string, body: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: { subject, body, requester: { email: 'sam@customer.example' } } });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; number: number };
  };
  const similar = (id: string, query = '', token = agent) => t.app.inject({ url: `/api/v1/tickets/${id}/similar${query}`, headers: bearer(token) });

  beforeAll(async () => {
    t = await startTestApp(dialect);
    agent = (await t.userWithToken('agent')).token;
    viewer = (await t.userWithToken('viewer')).token;
    for (const f of FIXTURE) ids.push((await create(f.subject, f.body)).id);
  });
  afterAll(() => t.close());

  it('answers recent look-alikes of a new text from the index, once per text and window', async () => {
    const shared = new SimilarTickets(t.deps);
    const text = { subject: 'Charged twice for the invoice', body: 'The card was charged two times for the same invoice.' };
    const since = t.clock.now().getTime() - 3_600_000;
    expect(shared.recentLookAlikes(text, since)).toBeNull(); // not loaded yet: loading starts
    await shared.ready();
    const first = shared.recentLookAlikes(text, since)!;
    expect(first[0]).toMatchObject({ number: expect.any(Number), score: expect.any(Number) });
    expect(first[0]!.score).toBeGreaterThan(0.3);
    // The same text again (triage, then incident detection): the same answer, not a second query.
    expect(shared.recentLookAlikes({ ...text }, since + 5)).toBe(first);
    expect(shared.recentLookAlikes(text, since + 3_600_000)).not.toBe(first);
    expect(shared.recentLookAlikes({ subject: 'Dark theme', body: 'Please add a dark theme.' }, since)).not.toBe(first);
  });

  it('lists look-alikes best first with their id, number, externalId and score, never the ticket itself', async () => {
    const dup = await create('Double charge on invoice', 'We were charged twice for the same invoice this month, card statement shows two payments.');
    const res = await similar(dup.id, '', viewer);
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items[0]).toEqual({ id: ids[0], number: expect.any(Number), externalId: null, score: expect.any(Number) });
    expect(items[0].score).toBeGreaterThan(0.2);
    expect(items.map((i: { id: string }) => i.id)).not.toContain(dup.id);
    expect(items.map((i: { id: string }) => i.id)).not.toContain(ids[3]);
    for (let i = 1; i < items.length; i++) expect(items[i].score).toBeLessThanOrEqual(items[i - 1].score);
    expect((await similar(dup.id, '?limit=1')).json().items).toHaveLength(1);
  });

  it('finds a ticket created after the index was built, without a restart', async () => {
    const first = await create('Webhook deliveries failing with 502', 'Our webhook endpoint receives 502 errors from your delivery service since Monday.');
    await similar(first.id);
    const second = await create('Webhooks return 502 bad gateway', 'Every webhook delivery to our endpoint fails with a 502 since the weekend.');
    const { items } = (await similar(first.id)).json();
    expect(items[0].id).toBe(second.id);
  });

  it('keeps only solved look-alikes with status=solved, following status changes', async () => {
    const a = await create('Invoice PDF download is blank', 'Downloading the invoice PDF gives an empty white page.');
    const b = await create('Blank invoice PDF when downloading', 'The invoice PDF download shows a blank page.');
    expect((await similar(a.id, '?status=solved')).json().items.map((i: { id: string }) => i.id)).not.toContain(b.id);
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${b.id}`, headers: bearer(agent), payload: { status: 'solved' } });
    expect(patched.statusCode).toBe(200);
    await expect.poll(async () => (await similar(a.id, '?status=solved')).json().items.map((i: { id: string }) => i.id)).toContain(b.id);
  });

  it('answers 404 for an unknown ticket, 400 for a bad id or query, 401 without credentials', async () => {
    const missing = await similar('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('not_found');
    expect((await similar('not-an-id')).statusCode).toBe(400);
    expect((await similar(ids[0], '?limit=0')).statusCode).toBe(400);
    expect((await similar(ids[0], '?status=open')).statusCode).toBe(400);
    expect((await t.app.inject({ url: `/api/v1/tickets/${ids[0]}/similar` })).statusCode).toBe(401);
  });

  it('follows ticket events alone: created, subject changed, status changed', async () => {
    // No catch-up with the database after the first look: only events can bring changes in.
    const service = new SimilarTickets(t.deps, DEFAULT_INDEX_PARAMS, { syncEveryMs: Number.POSITIVE_INFINITY });
    const off = service.subscribe();
    try {
      const index = await service.ready();
      // The one catch-up a service does on its first query; after it, only events bring changes.
      await service.similarTo(ids[0], { limit: 1 });
      const fresh = await create('Mobile app crashes on launch', 'The Android app closes right after the splash screen.');
      await expect.poll(async () => (await service.settled(), index.has(fresh.number))).toBe(true);
      // Kept with the text it was created with (the index read nothing back to get it).
      expect(await service.ticket({ id: fresh.id })).toMatchObject({ number: fresh.number, subject: 'Mobile app crashes on launch', body: 'The Android app closes right after the splash screen.', solved: false });
      const renamed = await t.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${fresh.id}`, headers: bearer(agent), payload: { subject: 'Quarterly tax report totals wrong' } });
      expect(renamed.statusCode).toBe(200);
      const probe = await create('Tax report totals are wrong for the quarter', 'The quarterly tax report shows wrong totals.');
      await expect.poll(async () => (await service.settled(), (await service.similarTo(probe.id, { limit: 3 })).map((i) => i.id))).toContain(fresh.id);
      // The kept copy follows the change, by id and by number, and so does a status change.
      expect((await service.ticket({ id: fresh.id }))?.subject).toBe('Quarterly tax report totals wrong');
      expect((await service.ticket({ number: fresh.number }))?.subject).toBe('Quarterly tax report totals wrong');
      await t.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${fresh.id}`, headers: bearer(agent), payload: { status: 'solved' } });
      await expect.poll(async () => (await service.settled(), (await service.ticket({ number: fresh.number }))?.solved)).toBe(true);
    } finally {
      off();
    }
  });

  if (dialect === 'postgres') {
    it('catches up with a ticket whose transaction commits after one with a later number', async () => {
      // Another node, so to speak: an index fed only by catching up with the database.
      const service = new SimilarTickets(t.deps, DEFAULT_INDEX_PARAMS, { syncEveryMs: 0 });
      await service.ready();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let numbered!: () => void;
      const hasNumber = new Promise<void>((resolve) => (numbered = resolve));
      // Holds one creation open after it has taken its number.
      const hold: (typeof t.deps.lifecycle.beforeCreate)[number] = async ({ row }) => {
        if (row.subject !== 'Printer driver crashes on install') return;
        numbered();
        await gate;
      };
      t.deps.lifecycle.beforeCreate.push(hold);
      try {
        const late = create('Printer driver crashes on install', 'The printer driver installer crashes halfway on Windows 11.');
        await hasNumber;
        t.clock.advance(1_000);
        const probe = await create('Printer driver install crash', 'Installing the printer driver crashes every time on Windows 11.');
        expect(await service.similarTo(probe.id, { limit: 3 })).not.toContainEqual(expect.objectContaining({ number: probe.number - 1 }));
        release();
        const { number } = await late;
        expect(number).toBe(probe.number - 1);
        expect((await service.similarTo(probe.id, { limit: 3 }))[0]).toMatchObject({ number });
      } finally {
        release();
        t.deps.lifecycle.beforeCreate.splice(t.deps.lifecycle.beforeCreate.indexOf(hold), 1);
      }
    });
  }

  it('catches up with tickets written by another process (an import), which publishes no events', async () => {
    const service = new SimilarTickets(t.deps, DEFAULT_INDEX_PARAMS, { syncEveryMs: 0 });
    await service.ready();
    const lines = [{ externalId: 'EXT-77', subject: 'Calendar sync with Outlook stopped', body: 'Outlook calendar events no longer sync.', requester: { email: 'o@customer.example' } }];
    await importTickets(t.deps, () => (async function* (): AsyncGenerator<JsonLine> { yield { line: 1, value: lines[0] }; })());
    const probe = await create('Outlook calendar not syncing', 'Our Outlook calendar stopped syncing events.');
    expect((await service.similarTo(probe.id, { limit: 3 }))[0]).toMatchObject({ externalId: 'EXT-77' });
  });
});
