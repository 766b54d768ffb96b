import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps } from '../app.js';
import { openDatabase } from '../platform/db/database.js';
import { createLogger } from '../platform/logging/logger.js';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import { importArticles } from './import.service.js';
import { searchArticles } from './search.service.js';

describe.each(DIALECTS)('knowledge-base search API on %s', (dialect) => {
  let t: TestContext;
  let lead: string;
  let agent: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    lead = (await t.userWithToken('lead')).token;
    agent = (await t.userWithToken('agent')).token;
  });
  afterAll(() => t.close());

  const create = async (payload: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/kb/articles', headers: bearer(lead), payload: { visibility: 'public', status: 'published', ...payload } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const search = async (query: string) => {
    const res = await t.app.inject({ url: `/api/v1/kb/search?${query}`, headers: bearer(agent) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as { id: string; externalId: string | null; title: string; score: number; snippet: string }[];
  };

  it('answers in the contract shape, best first, with a highlighted snippet', async () => {
    const reset = await create({ title: 'Reset your password', body: 'Open **Settings** and press *Reset password*.', externalId: 'kb-reset' });
    await create({ title: 'Security overview', body: 'Passwords must have twelve characters.' });
    const items = await search('q=reset%20password&limit=5');
    expect(items[0]).toEqual({ id: reset.id, externalId: 'kb-reset', title: 'Reset your password', score: expect.any(Number), snippet: expect.stringContaining('<mark>Reset</mark> <mark>password</mark>') });
    expect(items[0].snippet).not.toContain('**');
    expect(items.every((item, i) => i === 0 || item.score <= items[i - 1].score)).toBe(true);
  });

  it('never returns drafts or articles in review, and follows publish, unpublish and delete', async () => {
    const draft = await create({ title: 'Quarantined refunds', body: 'How refunds are held.', status: 'draft' });
    await create({ title: 'Quarantined reviews', body: 'Pending.', status: 'in_review' });
    expect(await search('q=quarantined')).toEqual([]);
    await t.app.inject({ method: 'PATCH', url: `/api/v1/kb/articles/${draft.id}`, headers: bearer(lead), payload: { status: 'published' } });
    expect((await search('q=quarantined')).map((i) => i.id)).toEqual([draft.id]);
    await t.app.inject({ method: 'PATCH', url: `/api/v1/kb/articles/${draft.id}`, headers: bearer(lead), payload: { title: 'Held refunds' } });
    expect(await search('q=quarantined')).toEqual([]);
    expect((await search('q=held%20refunds'))[0].id).toBe(draft.id);
    await t.app.inject({ method: 'PATCH', url: `/api/v1/kb/articles/${draft.id}`, headers: bearer(lead), payload: { status: 'draft' } });
    expect(await search('q=held%20refunds')).toEqual([]);
    const gone = await create({ title: 'Ephemeral article', body: 'Soon deleted.' });
    expect((await search('q=ephemeral')).map((i) => i.id)).toEqual([gone.id]);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/kb/articles/${gone.id}`, headers: bearer(lead) });
    expect(await search('q=ephemeral')).toEqual([]);
  });

  it('shows internal articles to staff and hides them with visibility=public', async () => {
    const internal = await create({ title: 'Chargeback escalation', body: 'Internal steps for chargebacks.', visibility: 'internal' });
    const open = await create({ title: 'Chargeback basics', body: 'What a chargeback is.' });
    expect((await search('q=chargeback')).map((i) => i.id).sort()).toEqual([internal.id, open.id].sort());
    expect((await search('q=chargeback&visibility=public')).map((i) => i.id)).toEqual([open.id]);
  });

  it('finds through typos and prefixes, and applies synonyms after they are saved', async () => {
    const login = await create({ title: 'Login trouble', body: 'When login fails, check caps lock.' });
    expect((await search('q=logni%20troubel'))[0].id).toBe(login.id);
    expect((await search('q=login%20troub'))[0].id).toBe(login.id);
    expect((await search('q=sign%20in%20problem')).map((i) => i.id)).not.toContain(login.id);

    const denied = await t.app.inject({ method: 'PUT', url: '/api/v1/kb/synonyms', headers: bearer(agent), payload: { synonyms: [['login', 'sign in']] } });
    expect(denied.statusCode).toBe(403);
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/kb/synonyms', headers: bearer(lead), payload: { synonyms: [['Login', 'sign  in', 'log in'], ['refund', 'money back']] } });
    expect(put.statusCode).toBe(200);
    expect(put.json().synonyms).toEqual([['login', 'sign in', 'log in'], ['refund', 'money back']]);
    expect((await t.app.inject({ url: '/api/v1/kb/synonyms', headers: bearer(agent) })).json()).toEqual(put.json());
    expect((await search('q=sign%20in%20problem'))[0].id).toBe(login.id);
    const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/kb/synonyms', headers: bearer(lead), payload: { synonyms: [['alone']] } });
    expect(bad.statusCode).toBe(400);
    const audit = await t.deps.db.kysely.selectFrom('audit_events').select('action').where('entity_type', '=', 'kb_synonyms').execute();
    expect(audit.map((a) => a.action)).toEqual(['kb.synonyms.replaced']);
  });

  it('answers odd queries without error and refuses a bad limit', async () => {
    for (const q of ['', '%20', encodeURIComponent('a'.repeat(5000)), encodeURIComponent('密码 пароль 🔥 <script>'), encodeURIComponent('"(*)"')]) await search(`q=${q}`);
    const res = await t.app.inject({ url: '/api/v1/kb/search?q=x&limit=500', headers: bearer(agent) });
    expect(res.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/kb/search?q=x' })).statusCode).toBe(401);
  });

  it('lets another node catch up with writes it did not make, through the change counter', async () => {
    const db = await openDatabase(t.deps.config.databaseUrl);
    try {
      const other = createDeps({ config: t.deps.config, db, logger: createLogger('silent') });
      expect((await searchArticles(other, { q: 'zeppelin', limit: 5 })).items).toEqual([]);
      const created = await create({ title: 'Zeppelin mode', body: 'Fly slowly.' });
      expect((await searchArticles(other, { q: 'zeppelin', limit: 5 })).items.map((i) => i.id)).toEqual([created.id]);
      await t.app.inject({ method: 'DELETE', url: `/api/v1/kb/articles/${created.id}`, headers: bearer(lead) });
      expect((await searchArticles(other, { q: 'zeppelin', limit: 5 })).items).toEqual([]);
      await t.app.inject({ method: 'PUT', url: '/api/v1/kb/synonyms', headers: bearer(lead), payload: { synonyms: [['airship', 'blimp']] } });
      const blimp = await create({ title: 'Blimp parking', body: 'Park it.' });
      expect((await searchArticles(other, { q: 'airship', limit: 5 })).items.map((i) => i.id)).toEqual([blimp.id]);
    } finally {
      await db.close();
    }
  });

  it('loads a knowledge base larger than one read page, articles of one import sharing a change number', async () => {
    // Letters only: digits would split from the letters ("word7" reads as "word 7").
    const marker = (i: number) => `zq${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`;
    const records = Array.from({ length: 600 }, (_, i) => ({ externalId: `bulk-${i}`, title: `Bulk article ${i}`, body: `Marker ${marker(i)} appears here.` }));
    await importArticles(t.deps, SYSTEM_ACTOR, records);
    const db = await openDatabase(t.deps.config.databaseUrl);
    try {
      const other = createDeps({ config: t.deps.config, db, logger: createLogger('silent') });
      for (const i of [0, 249, 250, 251, 499, 599]) {
        expect((await searchArticles(other, { q: marker(i), limit: 3, prefix: false })).items.map((item) => item.externalId)).toEqual([`bulk-${i}`]);
      }
    } finally {
      await db.close();
    }
  });

  it('documents the routes in the OpenAPI description', async () => {
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/kb/search', '/api/v1/kb/articles', '/api/v1/kb/synonyms']));
  });
});
