import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import { addMessage } from '../tickets/messages.service.js';
import { createTicket, updateTicket } from '../tickets/tickets.service.js';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';
import { recordAnswer } from '../surveys/surveys.service.js';
import { rebuildRollups } from './rebuild.service.js';

const HOUR = 3_600_000;
const DAY_START = '2026-03-02T00:00:00.000Z';

describe.each(DIALECTS)('analytics on %s', (dialect) => {
  let t: TestContext;
  let lead: string;
  let agentId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    lead = (await t.userWithToken('lead')).token;
    agentId = (await t.userWithToken('agent')).userId;
    await buildHistory();
  });
  afterAll(() => t.close());

  const at = (hours: number) => t.clock.set(new Date(Date.parse(DAY_START) + hours * HOUR));
  const reply = (id: string, author: 'agent' | 'customer') =>
    addMessage(t.deps, SYSTEM_ACTOR, { type: author, id: author === 'agent' ? agentId : null }, id, { body: 'Reply', visibility: 'public' });
  const solve = (id: string) => updateTicket(t.deps, SYSTEM_ACTOR, id, { status: 'solved' });
  const open = async (hours: number, subject: string, extra: Record<string, unknown> = {}) => {
    at(hours);
    return (await createTicket(t.deps, SYSTEM_ACTOR, { subject, body: 'Help', requester: { email: 'ann@example.test' }, channel: 'email', priority: 3, ...extra } as never)).id;
  };

  /**
   * Five tickets on one day with hand-worked figures:
   * T1 reply 1 h, solved 2 h (FCR); T2 two replies, solved at 5 h; T3 solved, reopened by the
   * customer, solved again at 6 h; T4 never answered, raised to tier 1 (escalated, backlog);
   * T5 reply 0.5 h, solved 1 h (FCR, chat).
   */
  async function buildHistory() {
    const t1 = await open(0, 'Login broken');
    at(1); await reply(t1, 'agent');
    at(2); await solve(t1);
    const t2 = await open(1, 'Export slow');
    at(3); await reply(t2, 'agent');
    at(4); await reply(t2, 'agent');
    at(6); await solve(t2);
    const t3 = await open(2, 'Invoice wrong');
    at(3); await reply(t3, 'agent');
    at(5); await solve(t3);
    at(6); await reply(t3, 'customer');
    at(7); await reply(t3, 'agent');
    at(8); await solve(t3);
    const t4 = await open(3, 'Data lost');
    at(4); await updateTicket(t.deps, SYSTEM_ACTOR, t4, { priority: 1 });
    const t5 = await open(3.5, 'Chat question', { channel: 'chat' });
    at(4); await reply(t5, 'agent');
    at(4.5); await solve(t5);
    // CSAT answered the same day: 5, 4, 2, 5 → mean 4, three of four satisfied.
    at(20);
    for (const [id, rating] of [[t1, 5], [t2, 4], [t3, 2], [t5, 5]] as const) await recordAnswer(t.deps, SYSTEM_ACTOR, id, { rating }, 'api');
    at(30);
  }

  const report = async (query: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/analytics/metrics?${query}`, headers: bearer(lead) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('gives known first-contact resolution, resolution and response times, escalation, reopen and backlog figures', async () => {
    const body = await report('from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z');
    const f = body.total.figures;
    expect(f.created).toBe(5);
    expect(f.solved).toBe(4);
    expect(f.fcr).toBe(2);
    expect(f.fcr_rate).toBe(0.5);
    expect(f.res_mean_h).toBeCloseTo((2 + 5 + 6 + 1) / 4, 10);
    expect(f.frt_count).toBe(4);
    expect(f.frt_mean_h).toBeCloseTo((1 + 2 + 1 + 0.5) / 4, 10);
    expect(f.escalated).toBe(1);
    expect(f.escalation_rate).toBe(0.2);
    expect(f.reopened).toBe(1);
    expect(f.reopen_rate).toBe(0.25);
    expect(f.backlog).toBe(1);
    // Percentiles come from log-spaced bins (±9%): the median of 1, 2, 5, 6 h lies between 2 and 5 h.
    expect(f.res_median_h).toBeGreaterThanOrEqual(2 * 0.91);
    expect(f.res_median_h).toBeLessThanOrEqual(5 * 1.09);
    expect(f.res_p90_h).toBeGreaterThan(5 * 0.91);
    expect(f.res_p90_h).toBeLessThan(6 * 1.09);
    expect(body.unavailable).toEqual(expect.arrayContaining(['sla', 'guides']));
    expect(f.sla_count).toBe(0);
    expect(f.csat_count).toBe(4);
    expect(f.csat_avg).toBe(4);
    expect(f.csat_share_4_5).toBe(0.75);
  });

  it('breaks figures down by a dimension, and sub-day periods read hour buckets', async () => {
    const body = await report('from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z&by=channel');
    const chat = body.rows.find((r: { value: string }) => r.value === 'chat');
    expect(chat.figures).toMatchObject({ created: 1, solved: 1, fcr: 1, fcr_rate: 1, csat_count: 1, csat_avg: 5 });
    expect(chat.figures.res_mean_h).toBeCloseTo(1, 10);
    const morning = await report('from=2026-03-02T00:00:00Z&to=2026-03-02T02:00:00Z');
    expect(morning.total.figures.created).toBe(2);
  });

  it('answers an empty period with zeros and counts, an inverted one with 400', async () => {
    const empty = await report('from=2025-01-01T00:00:00Z&to=2025-01-08T00:00:00Z&by=agent');
    expect(empty.total.figures).toMatchObject({ created: 0, solved: 0, fcr_rate: 0, res_mean_h: 0, res_median_h: 0, frt_count: 0 });
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/metrics?from=2026-03-03T00:00:00Z&to=2026-03-02T00:00:00Z', headers: bearer(lead) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_period');
  });

  it('exports CSV with a total line', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/metrics?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z&by=tier&format=csv', headers: bearer(lead) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\n');
    expect(lines[0].split(',').slice(0, 4)).toEqual(['value', 'created', 'solved', 'fcr']);
    expect(lines[1].startsWith('*,5,4,2,')).toBe(true);
    expect(lines.some((l) => l.startsWith('1,1,'))).toBe(true);
  });

  it('keeps analytics from agents', async () => {
    const agent = (await t.userWithToken('agent')).token;
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/metrics?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z', headers: bearer(agent) });
    expect(res.statusCode).toBe(403);
  });

  it('a rebuild from the tickets and their history gives the same rollups as the incremental updates', async () => {
    const snapshot = async () => {
      const db = t.deps.db.kysely;
      const rows = await db.selectFrom('analytics_rollup').selectAll().orderBy('grain').orderBy('dim').orderBy('bucket').orderBy('value').execute();
      const bins = await db.selectFrom('analytics_hist').selectAll().where('n', '<>', 0).orderBy('grain').orderBy('dim').orderBy('bucket').orderBy('value').orderBy('metric').orderBy('bin').execute();
      const nonZero = rows.filter((r) => ['created', 'escalated', 'open', 'responded', 'solved', 'fcr', 'reopened', 'frt_sum', 'res_sum'].some((c) => Number(r[c as keyof typeof r]) !== 0));
      const norm = (xs: object[]) => xs.map((x) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, typeof v === 'string' && !Number.isNaN(Number(v)) && k !== 'value' ? Number(v) : v])));
      return { rows: norm(nonZero), bins: norm(bins) };
    };
    const incremental = await snapshot();
    const result = await rebuildRollups(t.deps);
    expect(result.tickets).toBe(5);
    expect(await snapshot()).toEqual(incremental);
  });
});
