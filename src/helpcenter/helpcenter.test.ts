import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';

const article = (overrides: Record<string, unknown> = {}) => ({
  title: 'Reset your password',
  body: '# Reset\n\nOpen **Settings** and press *Reset*.',
  category: 'Account',
  visibility: 'public',
  status: 'published',
  ...overrides,
});

/** The value of an attribute of the first element matching a tag and a marker attribute. */
const attr = (page: string, pattern: RegExp) => pattern.exec(page)?.[1];
const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie'] ?? '').split(';')[0];
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = (cookie: string) => ({ 'content-type': 'application/x-www-form-urlencoded', cookie });

describe.each(DIALECTS)('help center on %s', (dialect) => {
  let t: TestContext;
  let lead: string;
  let admin: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(dialect);
    lead = (await t.userWithToken('lead')).token;
    admin = (await t.userWithToken('admin')).token;
    const create = async (key: string, body: Record<string, unknown>) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/kb/articles', headers: bearer(lead), payload: body });
      expect(res.statusCode, res.body).toBe(201);
      ids[key] = res.json().id;
    };
    await create('reset', article());
    await create('script', article({ title: '<script>alert("title")</script> & more', category: 'Billing', body: 'Hello <script>alert(1)</script><img src=x onerror="alert(2)"> [link](javascript:alert(3))\n\n```\nunclosed' }));
    await create('internal', article({ title: 'Internal escalation secrets', category: 'Secret ops', visibility: 'internal' }));
    await create('draft', article({ title: 'Unreleased feature draft', category: 'Roadmap', status: 'draft' }));
    await create('french', article({ title: 'Réinitialiser le mot de passe', locale: 'fr', translationOf: ids.reset, category: 'Compte' }));
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

  it('serves an accessible home page with public categories only, without JavaScript', async () => {
    const res = await get('/help');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const page = res.body;
    expect(page).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(page).toContain('<title>Help Center</title>');
    expect(page).toContain('<link rel="canonical" href="http://localhost:3000/help">');
    expect(page).toMatch(/<meta name="description" content="[^"]+">/);
    expect(page).toContain('<a class="skip" href="#main">Skip to content</a>');
    expect(page).toMatch(/<header class="site">[\s\S]*<main id="main"[\s\S]*<\/main>[\s\S]*<footer class="site">/);
    expect(page).toMatch(/<label for="hc-q"[^>]*>Search the help center<\/label>/);
    expect(page).toContain('<h1>How can we help?</h1>');
    expect(page).toContain('href="/help/categories/Account"');
    expect(page).toContain('Billing');
    expect(page).not.toContain('Secret ops');
    expect(page).not.toContain('Roadmap');
    expect(page).not.toContain('<script');
  });

  it('renders an article with Markdown sanitised, its title escaped, and counts the view', async () => {
    const res = await get(`/help/articles/${ids.script}`);
    expect(res.statusCode).toBe(200);
    const page = res.body;
    expect(page).toContain('<title>&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; more · Help Center</title>');
    expect(page).toContain('<h1>&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; more</h1>');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('onerror');
    expect(page).not.toContain('javascript:');
    expect(page).toContain(`<link rel="canonical" href="http://localhost:3000/help/articles/${ids.script}">`);
    expect(page).toContain('<form method="post" action="/help/articles/');

    const reset = (await get(`/help/articles/${ids.reset}`)).body;
    expect(reset).toContain('<h2>Reset</h2>');
    expect(reset).toContain('<strong>Settings</strong>');
    expect(reset).toMatch(/hreflang="fr" lang="fr">Réinitialiser le mot de passe<\/a>/);
    // Views are written in batches, once a second or at close.
    await t.app.helpCenterViews!.flush();
    const after = (await t.app.inject({ url: `/api/v1/kb/articles/${ids.script}`, headers: bearer(lead) })).json();
    expect(after.viewCount).toBe(1);
  });

  it('never shows internal or draft articles, and answers unknown pages with a 404 page', async () => {
    for (const id of [ids.internal, ids.draft]) {
      const res = await get(`/help/articles/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('Article not found');
    }
    expect((await get('/help/categories/Secret%20ops')).statusCode).toBe(404);
    expect((await get('/help/articles/not-an-id')).statusCode).toBe(404);
    const missing = await get('/help/no/such/page');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('<h1>Page not found</h1>');
  });

  it('searches public published articles and answers any query', async () => {
    const page = (await get('/help/search?q=password')).body;
    expect(page).toContain(`href="/help/articles/${ids.reset}"`);
    expect(page).toContain('<meta name="robots" content="noindex">');
    const secret = (await get('/help/search?q=escalation%20secrets')).body;
    expect(secret).not.toContain('Internal escalation secrets');
    expect(secret).toContain('No article matches');
    for (const q of ['<script>alert(1)</script>', '🙂'.repeat(400), 'пароль', '"\'', 'x'.repeat(5_000)]) {
      const res = await get(`/help/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('<script>alert');
    }
  });

  it('lists published public articles only in the sitemap, and serves robots.txt', async () => {
    const res = await get('/help/sitemap.xml');
    expect(res.headers['content-type']).toContain('application/xml');
    expect(res.body).toContain(`<loc>http://localhost:3000/help/articles/${ids.reset}</loc>`);
    expect(res.body).toContain(`/help/articles/${ids.french}</loc>`);
    expect(res.body).not.toContain(ids.internal);
    expect(res.body).not.toContain(ids.draft);
    const robots = (await get('/robots.txt')).body;
    expect(robots).toContain('Sitemap: http://localhost:3000/help/sitemap.xml');
    expect(robots).toContain('Disallow: /api/');
  });

  it('switches locale with ?lang= and refuses an unknown one with a 400 page', async () => {
    const fr = (await get('/help?lang=fr')).body;
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain('href="/help/categories/Compte?lang=fr"');
    expect(fr).not.toContain('/help/categories/Account');
    const bad = await get('/help?lang=klingon');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('That language is not one we know.');
  });

  it('takes "was this helpful?" from a plain form with a signed token', async () => {
    const res = await get(`/help/articles/${ids.reset}`);
    const cookie = cookieOf(res);
    const token = attr(res.body, /name="token" value="([^"]+)"/)!;
    expect(cookie).toMatch(/^frontline_hc=/);
    const forged = await t.app.inject({ method: 'POST', url: `/help/articles/${ids.reset}/feedback`, headers: formHeaders('frontline_hc=someone-elses-cookie-1234'), payload: form({ token, helpful: 'yes' }) });
    expect(forged.statusCode, forged.body.slice(0, 3000)).toBe(303);
    expect(forged.headers.location).toContain('feedback=invalid');
    const ok = await t.app.inject({ method: 'POST', url: `/help/articles/${ids.reset}/feedback`, headers: formHeaders(cookie), payload: form({ token, helpful: 'no', comment: 'Missing a screenshot' }) });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/help/articles/${ids.reset}?feedback=thanks#fb`);
    expect((await get(ok.headers.location as string, { cookie })).body).toContain('Thank you');
    const counts = (await t.app.inject({ url: `/api/v1/kb/articles/${ids.reset}/feedback`, headers: bearer(lead) })).json();
    expect(counts).toMatchObject({ helpfulCount: 0, notHelpfulCount: 1, items: [{ comment: 'Missing a screenshot' }] });
  });

  it('lets an admin set the site name, logo and theme, which every page then uses', async () => {
    const forbidden = await t.app.inject({ method: 'PATCH', url: '/api/v1/helpcenter/settings', headers: bearer(lead), payload: { siteName: 'X' } });
    expect(forbidden.statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'PATCH', url: '/api/v1/helpcenter/settings', headers: bearer(admin), payload: { theme: { primary: 'red;}</style><script>' } } });
    expect(bad.statusCode).toBe(400);
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/helpcenter/settings',
      headers: bearer(admin),
      payload: { siteName: 'Acme <Support>', logoUrl: 'https://cdn.example.com/logo.svg', baseUrl: 'https://help.acme.test/', theme: { primary: '#ff5500' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ siteName: 'Acme <Support>', baseUrl: 'https://help.acme.test', version: 1 });
    const page = (await get('/help')).body;
    expect(page).toContain('<title>Acme &lt;Support&gt;</title>');
    expect(page).toContain('<img src="https://cdn.example.com/logo.svg" alt="">');
    expect(page).toContain('--hc-primary:#ff5500');
    expect(page).toContain('<link rel="canonical" href="https://help.acme.test/help">');
    const events = await t.deps.db.kysely.selectFrom('audit_events').select('action').where('action', '=', 'helpcenter.settings.updated').execute();
    expect(events).toHaveLength(1);
    await t.app.inject({ method: 'PATCH', url: '/api/v1/helpcenter/settings', headers: bearer(admin), payload: { baseUrl: null } });
  });
});
