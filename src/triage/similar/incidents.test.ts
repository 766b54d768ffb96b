import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../../test-support/harness.js';
import { detectBurst } from './incidents.service.js';
import { SimilarTickets } from './similar.service.js';

const MINUTE = 60_000;
const OUTAGE = [
  ['Checkout fails with error 502', 'Customers cannot pay: checkout shows error 502 since 9:10.'],
  ['Error 502 at checkout', 'Our checkout page returns error 502, nobody can pay.'],
  ['Checkout page error 502', 'Payments fail, the checkout page shows a 502 error.'],
  ['502 error when paying at checkout', 'Checkout gives error 502 for every customer trying to pay.'],
  ['Cannot pay, checkout error 502', 'Checkout error 502 again, customers cannot pay.'],
];

describe.each(DIALECTS)('incident bursts on %s', (dialect) => {
  let t: TestContext;
  let agent: string;
  let similar: SimilarTickets;
  const create = async (subject: string, body: string, at: Date) => {
    t.clock.set(at);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: { subject, body, requester: { email: 'c@customer.example' } } });
    return res.json() as { id: string; number: number };
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    agent = (await t.userWithToken('agent')).token;
    similar = new SimilarTickets(t.deps, undefined, { syncEveryMs: 0 });
  });
  afterAll(() => t.close());

  it('reports tickets that are all alike within the window as a probable incident, and nothing else', async () => {
    const start = new Date('2026-03-02T09:00:00.000Z').getTime();
    // The same complaint two hours earlier is outside the one-hour window.
    const early = await create(...(OUTAGE[0] as [string, string]), new Date(start - 120 * MINUTE));
    const unrelated = await create('Please change my invoice address', 'Our company moved; new address attached.', new Date(start + MINUTE));
    const vague = await create('Error', 'Something does not work, error.', new Date(start + 2 * MINUTE));
    const burst = [];
    for (const [i, [subject, body]] of OUTAGE.entries()) burst.push(await create(subject, body, new Date(start + (i + 3) * MINUTE)));

    const found = await detectBurst(similar, burst[4].id);
    expect(found).not.toBeNull();
    expect(found!.tickets.map((x) => x.id)).toEqual(burst.map((x) => x.id));
    expect(found!.tickets.map((x) => x.id)).not.toContain(early.id);
    expect(found!.tickets.map((x) => x.id)).not.toContain(unrelated.id);
    expect(found!.tickets.map((x) => x.id)).not.toContain(vague.id);
    expect(found!.minScore).toBeGreaterThanOrEqual(0.3);

    expect(await detectBurst(similar, burst[4].id, { minTickets: 6, windowMs: 60 * MINUTE, minScore: 0.3 })).toBeNull();
    expect(await detectBurst(similar, burst[2].id)).toBeNull();
    expect(await detectBurst(similar, unrelated.id)).toBeNull();
    // With a window reaching the early ticket, it joins the burst.
    const wide = await detectBurst(similar, burst[4].id, { minTickets: 5, windowMs: 180 * MINUTE, minScore: 0.3 });
    expect(wide!.tickets[0].id).toBe(early.id);
  });
});
