import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import { addMessage } from '../tickets/messages.service.js';
import { createOrganisation } from '../tickets/organisations.service.js';
import { createTicket, updateTicket } from '../tickets/tickets.service.js';
import { DIALECTS } from '../test-support/databases.js';
import { startTestApp, type TestContext } from '../test-support/harness.js';
import { binOf, DAY_MS, HOUR_MS, quantileFromBins } from './buckets.js';
import { Deltas, type TicketState } from './contribution.js';
import { metricsReport, type ReportRow } from './metrics.service.js';
import { bucketRanges } from './period.js';
import { rebuildRollups } from './rebuild.service.js';

/** A small deterministic generator (tests must not depend on Math.random). */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** The exact q-quantile by nearest rank: the ⌈q·n⌉-th smallest value. */
const nearestRank = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(q * values.length) - 1)];

describe('bucket ranges', () => {
  const ms = (iso: string) => Date.parse(iso);
  const covered = (ranges: ReturnType<typeof bucketRanges>) =>
    ranges.map(([, from, to]) => [ms(from), ms(to)] as const).sort((a, b) => a[0] - b[0]);

  it('covers a period once, with whole months from month buckets and the ends from days and hours', () => {
    const ranges = bucketRanges({ from: new Date('2026-01-10T05:30:00Z'), to: new Date('2026-04-20T13:10:00Z') }, true);
    expect(ranges).toEqual(
      expect.arrayContaining([
        ['month', '2026-02-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
        ['day', '2026-01-11T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
        ['day', '2026-04-01T00:00:00.000Z', '2026-04-20T00:00:00.000Z'],
        ['hour', '2026-01-10T05:00:00.000Z', '2026-01-11T00:00:00.000Z'],
        ['hour', '2026-04-20T00:00:00.000Z', '2026-04-20T14:00:00.000Z'],
      ]),
    );
    expect(ranges).toHaveLength(5);
    // Breakdowns have no hour buckets: their periods widen to whole days.
    expect(bucketRanges({ from: new Date('2026-03-02T05:00:00Z'), to: new Date('2026-03-31T02:00:00Z') }, false)).toEqual([['day', '2026-03-02T00:00:00.000Z', '2026-04-01T00:00:00.000Z']]);
    expect(bucketRanges({ from: new Date('2026-03-01T05:00:00Z'), to: new Date('2026-03-31T02:00:00Z') }, false)).toEqual([['month', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z']]);
    expect(bucketRanges({ from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') }, false)).toEqual([['month', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z']]);
  });

  it('tiles any period exactly, without gaps or overlaps', () => {
    const random = lcg(11);
    for (let i = 0; i < 500; i++) {
      const from = Date.UTC(2025, 0, 1) + Math.floor(random() * 700 * DAY_MS);
      const to = from + Math.floor(random() * (i % 2 ? 400 : 3) * DAY_MS);
      for (const hourly of [true, false]) {
        const spans = covered(bucketRanges({ from: new Date(from), to: new Date(to) }, hourly));
        const unit = hourly ? HOUR_MS : DAY_MS;
        if (to <= from) {
          expect(spans).toEqual([]);
          continue;
        }
        expect(spans[0][0]).toBe(Math.floor(from / unit) * unit);
        expect(spans[spans.length - 1][1]).toBe(Math.ceil(to / unit) * unit);
        for (let k = 1; k < spans.length; k++) expect(spans[k][0]).toBe(spans[k - 1][1]);
      }
    }
  });
});

describe('rollup arithmetic', () => {
  const random = lcg(5);
  const state = (i: number): TicketState => {
    const created = Date.UTC(2026, 0, 1) + Math.floor(random() * 120 * DAY_MS);
    const solved = random() < 0.7 ? created + Math.floor(random() * 20 * DAY_MS) : null;
    return {
      ticket_id: `t${i}`,
      created_at: new Date(created).toISOString(),
      first_response_at: random() < 0.8 ? new Date(created + Math.floor(random() * 2 * DAY_MS)).toISOString() : null,
      solved_at: solved === null ? null : new Date(solved).toISOString(),
      open: solved === null ? 1 : 0,
      priority: 1 + (i % 4),
      channel: ['email', 'chat'][i % 2],
      category: i % 5 ? `c${i % 3}` : null,
      group_id: `g${i % 2}`,
      assignee_id: i % 3 ? `a${i % 4}` : null,
      organisation_id: `o${i % 7}`,
      agent_replies: i % 3,
      reopens: i % 11 === 0 ? 1 : 0,
      escalations: i % 13 === 0 ? 1 : 0,
      group_moves: 0,
    };
  };

  it('month rows summed from day rows equal month rows added ticket by ticket', () => {
    const states = Array.from({ length: 400 }, (_, i) => state(i));
    const live = new Deltas();
    const rebuilt = new Deltas({ months: false });
    for (const s of states) {
      live.add(s, 1);
      rebuilt.add(s, 1);
    }
    rebuilt.rollUpMonths();
    const table = (d: Deltas) =>
      [...d.sortedEntries()].map(({ key, values, bins }) => ({ ...key, values: Array.from(values, (v) => Math.round(v * 1000) / 1000), bins }));
    const rows = table(rebuilt);
    expect(rows.some((r) => r.grain === 'month')).toBe(true);
    expect(rows).toEqual(table(live));
  });

  it('reads a percentile within one bin of the exact one (−16% … +19%)', () => {
    const bound = 2 ** (1 / 4);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(random() * 200);
      const spread = 10 ** (1 + random() * 5);
      const values = Array.from({ length: n }, () => 1 + random() ** 2 * spread);
      const bins = new Map<number, number>();
      for (const v of values) bins.set(binOf(v), (bins.get(binOf(v)) ?? 0) + 1);
      for (const q of [0.5, 0.9]) {
        const estimate = quantileFromBins(bins, q)!;
        const exact = nearestRank(values, q);
        expect(estimate / exact).toBeLessThanOrEqual(bound + 1e-12);
        expect(estimate / exact).toBeGreaterThanOrEqual(1 / bound - 1e-12);
      }
    }
  });
});

describe.each(DIALECTS)('rollups against the tickets on %s', (dialect) => {
  let t: TestContext;
  const NOW = Date.parse('2026-05-10T15:00:00.000Z');

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const agentId = (await t.userWithToken('agent')).userId;
    for (const name of ['Acme', 'Globex', 'Initech']) await createOrganisation(t.deps, SYSTEM_ACTOR, { name, domains: [`${name.toLowerCase()}.test`] });
    // 120 tickets over January to early May, in time order: replies after minutes to days,
    // solutions after hours to weeks, a quarter left open (the backlog); one in eight from a
    // customer of no organisation.
    const random = lcg(3);
    const events: Array<[number, () => Promise<unknown>]> = [];
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      const created = Date.parse('2026-01-03T00:00:00Z') + Math.floor(random() * 125 * DAY_MS);
      const domain = i % 8 === 0 ? 'mail.test' : ['acme.test', 'globex.test', 'initech.test'][i % 3];
      const reply = created + Math.floor(random() * 3 * DAY_MS);
      const solve = random() < 0.75 ? reply + Math.floor(random() * 20 * DAY_MS) : null;
      events.push([
        created,
        async () => {
          const ticket = await createTicket(t.deps, SYSTEM_ACTOR, { subject: `Question ${i}`, body: 'Help', requester: { email: `c${i}@${domain}` }, channel: 'email', priority: 1 + (i % 4) } as never);
          ids[i] = ticket.id;
        },
      ]);
      if (reply < NOW) events.push([reply, () => addMessage(t.deps, SYSTEM_ACTOR, { type: 'agent', id: agentId }, ids[i], { body: 'Reply', visibility: 'public' })]);
      if (solve !== null && solve < NOW) events.push([solve, () => updateTicket(t.deps, SYSTEM_ACTOR, ids[i], { status: 'solved' })]);
    }
    events.sort((a, b) => a[0] - b[0]);
    for (const [at, run] of events) {
      if (at >= NOW) continue;
      t.clock.set(new Date(at));
      await run();
    }
    t.clock.set(new Date(NOW));
  }, 120_000);
  afterAll(() => t.close());

  const tickets = () =>
    t.deps.db.kysely.selectFrom('tickets').select(['created_at', 'first_response_at', 'solved_at', 'status', 'organisation_id']).execute();
  const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / HOUR_MS;

  /** Figures computed straight from the tickets: what the rollups must give. */
  async function direct(from: string, to: string) {
    const byOrg = new Map<string, { created: number; solved: number; res: number[]; frt: number[] }>();
    const of = (org: string | null) => byOrg.get(org ?? '') ?? (byOrg.set(org ?? '', { created: 0, solved: 0, res: [], frt: [] }), byOrg.get(org ?? '')!);
    const within = (at: string | null) => at !== null && at >= from && at < to;
    for (const r of await tickets()) {
      if (within(r.created_at)) of(r.organisation_id).created++;
      if (within(r.first_response_at)) of(r.organisation_id).frt.push(hoursBetween(r.created_at, r.first_response_at!));
      if (within(r.solved_at) && (r.status === 'solved' || r.status === 'closed')) {
        of(r.organisation_id).solved++;
        of(r.organisation_id).res.push(hoursBetween(r.created_at, r.solved_at!));
      }
    }
    return byOrg;
  }

  /** The estimate the histograms must give for exact durations in hours. */
  const binned = (hours: number[], q: number) => {
    const bins = new Map<number, number>();
    for (const h of hours) bins.set(binOf(h * 3600), (bins.get(binOf(h * 3600)) ?? 0) + 1);
    return (quantileFromBins(bins, q) ?? 0) / 3600;
  };

  async function checkPeriod(from: string, to: string) {
    const report = await metricsReport(t.deps, { from: new Date(from), to: new Date(to) }, 'organisation');
    const expected = await direct(from, to);
    const rows = new Map(report.rows.map((r: ReportRow) => [r.value, r.figures]));
    let checked = 0;
    for (const [org, e] of expected) {
      if (e.created === 0 && e.solved === 0 && e.frt.length === 0) continue;
      const f = rows.get(org)!;
      expect(f, `organisation ${org}`).toBeDefined();
      expect(f.created).toBe(e.created);
      expect(f.solved).toBe(e.solved);
      expect(f.frt_count).toBe(e.frt.length);
      for (const [metric, values] of [['res', e.res], ['frt', e.frt]] as const) {
        if (values.length === 0) continue;
        for (const [q, column] of [[0.5, `${metric}_median_h`], [0.9, `${metric}_p90_h`]] as const) {
          expect(f[column]).toBeCloseTo(binned(values, q), 9);
          const ratio = f[column] / nearestRank(values, q);
          expect(ratio).toBeLessThanOrEqual(2 ** (1 / 4) + 1e-9);
          expect(ratio).toBeGreaterThanOrEqual(2 ** (-1 / 4) - 1e-9);
        }
      }
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  }

  it('gives the counts and percentiles of the tickets for a period spanning whole months (month rows plus day rows)', async () => {
    expect(bucketRanges({ from: new Date('2026-01-10T00:00:00Z'), to: new Date('2026-04-20T00:00:00Z') }, false).map((r) => r[0])).toContain('month');
    await checkPeriod('2026-01-10T00:00:00.000Z', '2026-04-20T00:00:00.000Z');
  });

  it('gives the counts and percentiles of the tickets for the last 30 days (day rows only)', async () => {
    await checkPeriod(new Date(Date.parse('2026-04-10T00:00:00Z')).toISOString(), new Date(Date.parse('2026-05-10T00:00:00Z')).toISOString());
  });

  it('gives the backlog and its age per organisation as the tickets do, to ±12 hours', async () => {
    const report = await metricsReport(t.deps, { from: new Date('2026-05-01T00:00:00Z'), to: new Date('2026-05-10T00:00:00Z') }, 'organisation');
    const ages = new Map<string, number[]>();
    for (const r of await tickets()) {
      if (r.status === 'solved' || r.status === 'closed') continue;
      const list = ages.get(r.organisation_id ?? '') ?? [];
      list.push((NOW - Date.parse(r.created_at)) / HOUR_MS);
      ages.set(r.organisation_id ?? '', list);
    }
    expect(ages.size).toBeGreaterThanOrEqual(3);
    const rows = new Map(report.rows.map((r: ReportRow) => [r.value, r.figures]));
    let total = 0;
    for (const [org, list] of ages) {
      const f = rows.get(org)!;
      expect(f.backlog).toBe(list.length);
      expect(Math.abs(f.backlog_age_median_h - nearestRank(list, 0.5))).toBeLessThanOrEqual(12);
      expect(Math.abs(f.backlog_age_p90_h - nearestRank(list, 0.9))).toBeLessThanOrEqual(12);
      total += list.length;
    }
    expect(report.total.figures.backlog).toBe(total);
  });

  it('rebuilds to the same tables as the lifecycle hooks kept, again after further changes', async () => {
    const snapshot = async () => {
      const db = t.deps.db.kysely;
      const num = (x: object) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, typeof v === 'string' && k !== 'value' && k !== 'bucket' && !Number.isNaN(Number(v)) ? Number(v) : v]));
      const rows = (await db.selectFrom('analytics_rollup').selectAll().orderBy('grain').orderBy('dim').orderBy('bucket').orderBy('value').execute())
        .map(num)
        .filter((r) => ['created', 'escalated', 'open', 'responded', 'solved', 'fcr', 'reopened', 'frt_sum', 'res_sum'].some((c) => r[c] !== 0))
        .map((r) => ({ ...r, frt_sum: Math.round(r.frt_sum * 1000), res_sum: Math.round(r.res_sum * 1000) }));
      const bins = (await db.selectFrom('analytics_hist').selectAll().where('n', '<>', 0).orderBy('grain').orderBy('dim').orderBy('bucket').orderBy('value').orderBy('metric').orderBy('bin').execute()).map(num);
      const states = (await db.selectFrom('analytics_ticket_state').selectAll().orderBy('ticket_id').execute()).map(num);
      return { rows, bins, states };
    };
    const incremental = await snapshot();
    await rebuildRollups(t.deps);
    expect(await snapshot()).toEqual(incremental);
    // Changes after a rebuild land on the rebuilt tables (on PostgreSQL, fresh copies swapped in).
    const open = await t.deps.db.kysely.selectFrom('tickets').select('id').where('status', 'not in', ['solved', 'closed']).limit(3).execute();
    for (const { id } of open) await updateTicket(t.deps, SYSTEM_ACTOR, id, { status: 'solved', priority: 1 });
    const changed = await snapshot();
    expect(changed).not.toEqual(incremental);
    await rebuildRollups(t.deps);
    expect(await snapshot()).toEqual(changed);
    await checkPeriod('2026-01-10T00:00:00.000Z', '2026-05-11T00:00:00.000Z');

    // Ticket changes made while a rebuild runs wait for it and land on top: nothing lost, no deadlock.
    const more = await t.deps.db.kysely.selectFrom('tickets').select('id').where('status', 'not in', ['solved', 'closed']).limit(4).execute();
    await Promise.all([
      rebuildRollups(t.deps),
      ...more.map(({ id }, i) => updateTicket(t.deps, SYSTEM_ACTOR, id, i % 2 ? { status: 'solved' } : { priority: 2 })),
      ...[0, 1, 2].map((i) => createTicket(t.deps, SYSTEM_ACTOR, { subject: `During the rebuild ${i}`, body: 'Help', requester: { email: `late${i}@acme.test` }, channel: 'chat' } as never)),
    ]);
    const concurrent = await snapshot();
    await rebuildRollups(t.deps);
    expect(await snapshot()).toEqual(concurrent);
  });
});

describe.each(DIALECTS)('the month-bucket migration on %s', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  it('derives from existing day rows the month rows the hooks keep, and keeps the day rows', async () => {
    const { up, down } = await import('../platform/db/migrations/2026_11_27_0700_analytics_speed.js');
    for (const [i, at] of ['2026-01-30T10:00:00Z', '2026-02-01T09:00:00Z', '2026-02-27T23:00:00Z', '2026-03-03T12:00:00Z'].entries()) {
      t.clock.set(new Date(at));
      const ticket = await createTicket(t.deps, SYSTEM_ACTOR, { subject: `Question ${i}`, body: 'Help', requester: { email: `m${i}@example.test` }, channel: 'email' } as never);
      t.clock.set(new Date(Date.parse(at) + 5 * HOUR_MS));
      if (i % 2 === 0) await updateTicket(t.deps, SYSTEM_ACTOR, ticket.id, { status: 'solved' });
    }
    const db = t.deps.db.kysely;
    const rows = async (grain: string) =>
      (await db.selectFrom('analytics_rollup').selectAll().where('grain', '=', grain).orderBy('dim').orderBy('bucket').orderBy('value').execute()).map((r) => ({ ...r, res_sum: Number(r.res_sum), created: Number(r.created), solved: Number(r.solved), open: Number(r.open) }));
    const bins = async (grain: string) => (await db.selectFrom('analytics_hist').selectAll().where('grain', '=', grain).orderBy('dim').orderBy('bucket').orderBy('value').orderBy('bin').execute()).map((r) => ({ ...r, n: Number(r.n) }));
    const before = { days: await rows('day'), months: await rows('month'), monthBins: await bins('month') };
    expect(before.months.filter((r) => r.dim === 'all').map((r) => [r.bucket, r.created])).toEqual([
      ['2026-01-01T00:00:00.000Z', 1],
      ['2026-02-01T00:00:00.000Z', 2],
      ['2026-03-01T00:00:00.000Z', 1],
    ]);
    await down(db);
    expect(await rows('month')).toEqual([]);
    await up(db);
    expect(await rows('day')).toEqual(before.days);
    expect(await rows('month')).toEqual(before.months);
    expect(await bins('month')).toEqual(before.monthBins);
  });
});
