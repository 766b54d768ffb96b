import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';
import { recordArticleView } from './articles.service.js';

const article = (overrides: Record<string, unknown> = {}) => ({
  title: 'Reset your password',
  body: '# Reset\n\nOpen **Settings**, choose *Security* and press Reset.',
  category: 'Account',
  tags: ['Login', 'login', 'Two Factor'],
  visibility: 'public',
  status: 'draft',
  ...overrides,
});

describe.each(DIALECTS)('knowledge-base articles on %s', (dialect) => {
  let t: TestContext;
  let lead: string;
  let agent: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    lead = (await t.userWithToken('lead')).token;
    agent = (await t.userWithToken('agent')).token;
  });
  afterAll(() => t.close());

  const create = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/kb/articles', headers: bearer(lead), payload: article(overrides) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  it('creates an article as the contract says, with defaults, a first revision and an audit event', async () => {
    const created = await create();
    expect(created).toMatchObject({
      title: 'Reset your password',
      category: 'Account',
      tags: ['login', 'two-factor'],
      visibility: 'public',
      status: 'draft',
      locale: 'en',
      type: 'article',
      version: 1,
      viewCount: 0,
      helpfulCount: 0,
      publishedAt: null,
      translations: [],
    });
    expect(created.groupId).toBe(created.id);
    const revisions = (await t.app.inject({ url: `/api/v1/kb/articles/${created.id}/revisions`, headers: bearer(agent) })).json();
    expect(revisions.items).toHaveLength(1);
    expect(revisions.items[0]).toMatchObject({ number: 1, title: 'Reset your password', status: 'draft' });
    const events = await t.deps.db.kysely.selectFrom('audit_events').select('action').where('entity_id', '=', created.id).execute();
    expect(events.map((e) => e.action)).toEqual(['kb.article.created']);
  });

  it('reads, lists with filters and pages', async () => {
    const a = await create({ title: 'Billing FAQ', category: 'Billing', status: 'published', type: 'faq', body: 'Invoices go out monthly.' });
    await create({ title: 'Internal escalation guide', visibility: 'internal', status: 'in_review', tags: ['escalation path'] });
    const got = await t.app.inject({ url: `/api/v1/kb/articles/${a.id}`, headers: bearer(agent) });
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.json()).toMatchObject({ title: 'Billing FAQ', type: 'faq', status: 'published' });
    expect(got.json().publishedAt).not.toBeNull();

    const billing = (await t.app.inject({ url: '/api/v1/kb/articles?category=Billing', headers: bearer(agent) })).json();
    expect(billing.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    const internal = (await t.app.inject({ url: '/api/v1/kb/articles?visibility=internal&status=in_review&tag=Escalation%20Path', headers: bearer(agent) })).json();
    expect(internal.items.map((i: { title: string }) => i.title)).toEqual(['Internal escalation guide']);

    const first = (await t.app.inject({ url: '/api/v1/kb/articles?limit=2', headers: bearer(agent) })).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = (await t.app.inject({ url: `/api/v1/kb/articles?limit=2&cursor=${first.nextCursor}`, headers: bearer(agent) })).json();
    const ids = [...first.items, ...second.items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const bad = await t.app.inject({ url: '/api/v1/kb/articles?cursor=nonsense', headers: bearer(agent) });
    expect(bad.json().code).toBe('invalid_cursor');
  });

  it('refuses bad input: unknown locale, unknown status, long FAQ, duplicate externalId', async () => {
    const locale = await t.app.inject({ method: 'POST', url: '/api/v1/kb/articles', headers: bearer(lead), payload: article({ locale: 'xx-klingon' }) });
    expect(locale.statusCode).toBe(400);
    expect(locale.json().errors.map((e: { path: string }) => e.path)).toContain('body.locale');
    const status = await t.app.inject({ method: 'POST', url: '/api/v1/kb/articles', headers: bearer(lead), payload: article({ status: 'archived' }) });
    expect(status.statusCode).toBe(400);
    const faq = await t.app.inject({ method: 'POST', url: '/api/v1/kb/articles', headers: bearer(lead), payload: article({ type: 'faq', body: 'x'.repeat(5000) }) });
    expect(faq.statusCode).toBe(400);
    await create({ externalId: 'ext-1' });
    const duplicate = await t.app.inject({ method: 'POST', url: '/api/v1/kb/articles', headers: bearer(lead), payload: article({ externalId: 'ext-1' }) });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('already_exists');
  });

  it('lets every staff role read but only leads and admins write', async () => {
    const a = await create();
    const viewer = (await t.userWithToken('viewer')).token;
    expect((await t.app.inject({ url: `/api/v1/kb/articles/${a.id}`, headers: bearer(viewer) })).statusCode).toBe(200);
    const denied = await t.app.inject({ method: 'POST', url: '/api/v1/kb/articles', headers: bearer(agent), payload: article() });
    expect(denied.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/kb/articles/${a.id}`, headers: bearer(agent), payload: { title: 'x' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/kb/articles/${a.id}`, headers: bearer(agent) })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/kb/articles' })).statusCode).toBe(401);
  });

  it('keeps a revision per change of title, body or status, honours If-Match, and restores', async () => {
    const a = await create({ body: 'Line one\nLine two' });
    const url = `/api/v1/kb/articles/${a.id}`;
    const edited = await t.app.inject({ method: 'PATCH', url, headers: { ...bearer(lead), 'if-match': '"1"' }, payload: { body: 'Line one\nLine 2\nLine three' } });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().version).toBe(2);
    const stale = await t.app.inject({ method: 'PATCH', url, headers: { ...bearer(lead), 'if-match': '1' }, payload: { title: 'Too late' } });
    expect(stale.statusCode).toBe(412);
    await t.app.inject({ method: 'PATCH', url, headers: bearer(lead), payload: { status: 'in_review' } });
    const published = (await t.app.inject({ method: 'PATCH', url, headers: bearer(lead), payload: { status: 'published', reviewDueAt: '2026-06-01' } })).json();
    expect(published).toMatchObject({ status: 'published', reviewDueAt: '2026-06-01', version: 4 });
    expect(published.publishedAt).not.toBeNull();
    const due = (before: string) => t.app.inject({ url: `/api/v1/kb/articles?reviewDueBefore=${before}&limit=100`, headers: bearer(agent) }).then((r) => r.json().items.map((i: { id: string }) => i.id));
    expect(await due('2026-06-30')).toContain(a.id);
    expect(await due('2026-05-31')).not.toContain(a.id);
    // A change of other fields only is versioned and audited but is not a revision.
    await t.app.inject({ method: 'PATCH', url, headers: bearer(lead), payload: { tags: ['new-tag'] } });

    const revisions = (await t.app.inject({ url: `${url}/revisions`, headers: bearer(agent) })).json().items;
    expect(revisions.map((r: { number: number; status: string }) => [r.number, r.status])).toEqual([
      [4, 'published'],
      [3, 'in_review'],
      [2, 'draft'],
      [1, 'draft'],
    ]);
    const second = (await t.app.inject({ url: `${url}/revisions/${revisions[2].id}`, headers: bearer(agent) })).json();
    expect(second.body).toBe('Line one\nLine 2\nLine three');
    expect(second.diff).toEqual([
      { op: 'equal', text: 'Line one' },
      { op: 'delete', text: 'Line two' },
      { op: 'insert', text: 'Line 2' },
      { op: 'insert', text: 'Line three' },
    ]);

    const restored = await t.app.inject({ method: 'POST', url: `${url}/revisions/${revisions[3].id}/restore`, headers: bearer(lead) });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ body: 'Line one\nLine two', status: 'published' });
    const after = (await t.app.inject({ url: `${url}/revisions`, headers: bearer(agent) })).json().items;
    expect(after[0]).toMatchObject({ number: 5, restoredFrom: 1 });
    const actions = (await t.deps.db.kysely.selectFrom('audit_events').select('action').where('entity_id', '=', a.id).orderBy('id').execute()).map((e) => e.action);
    expect(actions).toEqual(['kb.article.created', 'kb.article.updated', 'kb.article.updated', 'kb.article.updated', 'kb.article.updated', 'kb.article.restored']);
    const missing = await t.app.inject({ method: 'POST', url: `${url}/revisions/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/restore`, headers: bearer(lead) });
    expect(missing.statusCode).toBe(404);
  });

  it('links translations in one group and refuses a second version in the same locale', async () => {
    const original = await create({ title: 'Export invoices', status: 'published' });
    const french = await create({ title: 'Exporter les factures', locale: 'fr', translationOf: original.id });
    expect(french.groupId).toBe(original.groupId);
    const brazil = await create({ title: 'Exportar faturas', locale: 'pt-br', translationOf: original.id });
    expect(brazil.locale).toBe('pt-BR');
    const detail = (await t.app.inject({ url: `/api/v1/kb/articles/${original.id}`, headers: bearer(agent) })).json();
    expect(detail.translations.map((x: { locale: string }) => x.locale)).toEqual(['fr', 'pt-BR']);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/kb/articles', headers: bearer(lead), payload: article({ locale: 'fr', translationOf: french.id }) });
    expect(again.statusCode).toBe(409);
  });

  it('counts helpful and not-helpful feedback on published articles only, and views', async () => {
    const draft = await create();
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/kb/articles/${draft.id}/feedback`, headers: bearer(agent), payload: { helpful: true } });
    expect(refused.statusCode).toBe(409);
    const live = await create({ status: 'published' });
    const url = `/api/v1/kb/articles/${live.id}/feedback`;
    for (const helpful of [true, true, false]) {
      const res = await t.app.inject({ method: 'POST', url, headers: bearer(agent), payload: { helpful, comment: helpful ? undefined : 'Step 3 is missing' } });
      expect(res.statusCode).toBe(201);
    }
    await recordArticleView(t.deps, live.id);
    await recordArticleView(t.deps, live.id);
    const counted = (await t.app.inject({ url: `/api/v1/kb/articles/${live.id}`, headers: bearer(agent) })).json();
    expect(counted).toMatchObject({ helpfulCount: 2, notHelpfulCount: 1, viewCount: 2, version: 1 });
    const list = (await t.app.inject({ url, headers: bearer(agent) })).json();
    expect(list).toMatchObject({ helpfulCount: 2, notHelpfulCount: 1 });
    expect(list.items.map((f: { comment: string | null }) => f.comment)).toEqual([null, null, 'Step 3 is missing']);
  });

  it('deletes an article with its revisions, keeping the audit trail', async () => {
    const a = await create();
    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/kb/articles/${a.id}`, headers: bearer(lead) });
    expect(res.statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/v1/kb/articles/${a.id}`, headers: bearer(agent) })).statusCode).toBe(404);
    const revisions = await t.deps.db.kysely.selectFrom('kb_revisions').select('id').where('article_id', '=', a.id).execute();
    expect(revisions).toEqual([]);
    const events = await t.deps.db.kysely.selectFrom('audit_events').select('action').where('entity_id', '=', a.id).orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['kb.article.created', 'kb.article.deleted']);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/kb/articles/${a.id}`, headers: bearer(lead) })).statusCode).toBe(404);
  });
});
