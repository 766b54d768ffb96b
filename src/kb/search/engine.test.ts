import { describe, expect, it } from 'vitest';
import type { IndexDoc } from './engine.js';
import { Searcher } from './searcher.js';
import { markdownToText, words } from './text.js';
import { boundedEditDistance, Vocabulary } from './vocabulary.js';

let counter = 0;
const doc = (title: string, body: string, extra: Partial<IndexDoc> = {}): IndexDoc => ({
  id: `doc-${++counter}`,
  externalId: `ext-${counter}`,
  title,
  body,
  category: null,
  section: null,
  tags: [],
  visibility: 'public',
  locale: 'en',
  type: 'article',
  english: true,
  ...extra,
});

/** A small help-center corpus; every test searches it with its own query. */
function corpus(): { searcher: Searcher; ids: Record<string, string> } {
  const searcher = new Searcher();
  const docs = {
    password: doc('Reset your password', 'Open Settings, choose Security and press the reset button. A link arrives by email.'),
    export: doc('Export invoices to PDF', 'Billing keeps every invoice. Use the export button to download a PDF or a CSV file.'),
    install: doc('Installation guide', 'Installing the desktop app takes five minutes on Windows and macOS.'),
    login: doc('Login trouble', 'When login fails, check caps lock and whether your account is locked after failed attempts.'),
    body: doc('Account settings overview', 'This page lists settings; the invoice section mentions password rules in passing.'),
    internal: doc('Escalation playbook', 'Escalate an invoice dispute to the billing lead.', { visibility: 'internal', tags: ['escalation'] }),
    html: doc('Embedding the widget', 'Paste <script src="widget.js"></script> before the closing body tag & publish.'),
    delivery: doc('Delivery times', 'Orders ship within two days; tracking numbers arrive by email.', { category: 'Shipping' }),
  };
  for (const d of Object.values(docs)) searcher.upsert(d);
  return { searcher, ids: Object.fromEntries(Object.entries(docs).map(([k, d]) => [k, d.id])) };
}

const top = (searcher: Searcher, q: string, extra: Record<string, unknown> = {}) => searcher.search({ q, limit: 5, ...extra }).map((r) => r.id);

describe('knowledge-base search engine', () => {
  const { searcher, ids } = corpus();

  it('ranks a title match above a body match', () => {
    const results = top(searcher, 'password');
    expect(results[0]).toBe(ids.password);
    expect(results).toContain(ids.body);
    expect(results.indexOf(ids.body)).toBeGreaterThan(0);
  });

  it('stems English words: installing finds the installation guide, invoices finds invoice', () => {
    expect(top(searcher, 'install')[0]).toBe(ids.install);
    expect(top(searcher, 'installations')[0]).toBe(ids.install);
    expect(top(searcher, 'exporting invoice')[0]).toBe(ids.export);
  });

  it('still finds an article through a typo, ranking exact matches first', () => {
    expect(top(searcher, 'pasword')[0]).toBe(ids.password);
    expect(top(searcher, 'instalation guide')[0]).toBe(ids.install);
    expect(top(searcher, 'exprot invoices')[0]).toBe(ids.export);
    // Three letters allow no typo: "pdx" is not "pdf".
    expect(top(searcher, 'pdx')).toEqual([]);
  });

  it('completes the last word as a prefix while typing, not after a space', () => {
    expect(top(searcher, 'reset passw')[0]).toBe(ids.password);
    expect(top(searcher, 'deliv')[0]).toBe(ids.delivery);
    expect(top(searcher, 'deliv ')).toEqual([]);
    expect(top(searcher, 'deliv', { prefix: false })).toEqual([]);
  });

  it('applies synonyms as weaker alternatives once they are set', () => {
    expect(top(searcher, 'sign in problem')).not.toContain(ids.login);
    searcher.setSynonyms([['login', 'sign in', 'log in']]);
    expect(top(searcher, 'sign in problem')[0]).toBe(ids.login);
    expect(top(searcher, 'cannot log in')[0]).toBe(ids.login);
    searcher.setSynonyms([]);
  });

  it('never lets a rarer synonym outrank the word that was asked for', () => {
    const s = new Searcher();
    const exact = doc('Covid vaccine dates', 'When to book.');
    const synonym = doc('Coronavirus vaccine dates', 'When to book.');
    s.upsert(exact);
    s.upsert(synonym);
    for (let i = 0; i < 20; i++) s.upsert(doc(`Covid note ${i}`, 'Covid everywhere.'));
    s.setSynonyms([['covid', 'coronavirus', 'corona virus']]);
    const results = top(s, 'covid vaccine dates');
    expect(results.slice(0, 2)).toEqual([exact.id, synonym.id]);
  });

  it('weights stop words down but keeps a query made only of them', () => {
    const results = top(searcher, 'how do I reset it');
    expect(results[0]).toBe(ids.password);
    expect(top(searcher, 'the').length).toBeGreaterThan(0);
  });

  it('highlights matches with <mark> and escapes the rest as HTML', () => {
    const [result] = searcher.search({ q: 'script widget', limit: 1 });
    expect(result.id).toBe(ids.html);
    expect(result.snippet).toContain('&lt;<mark>script</mark> src=&quot;<mark>widget</mark>.js&quot;&gt;');
    expect(result.snippet).toContain('&amp; publish');
    expect(result.snippet).not.toMatch(/<(?!\/?mark>)/);
    const [stemmed] = searcher.search({ q: 'installing', limit: 1 });
    expect(stemmed.snippet).toContain('<mark>Installing</mark>');
    const s = new Searcher();
    s.upsert(doc('Retry policy', 'Try again later; we tried twice while dying servers restarted.'));
    expect(s.search({ q: 'tries die', limit: 1 })[0].snippet).toBe('<mark>Try</mark> again later; we <mark>tried</mark> twice while <mark>dying</mark> servers restarted.');
  });

  it('filters by visibility, category and locale', () => {
    expect(top(searcher, 'invoice dispute')[0]).toBe(ids.internal);
    expect(top(searcher, 'invoice dispute', { visibility: 'public' })).not.toContain(ids.internal);
    expect(top(searcher, 'email', { category: 'Shipping' })).toEqual([ids.delivery]);
    expect(top(searcher, 'email', { locale: 'fr' })).toEqual([]);
  });

  it('answers any query without error: empty, huge, punctuation, other alphabets, emoji', () => {
    for (const q of ['', '   ', '!!!', 'a'.repeat(100_000), 'пароль сброс', '密码重置', '🔥🔥', 'x'.repeat(70), '"; DROP TABLE kb_articles; --']) {
      expect(() => searcher.search({ q, limit: 5 })).not.toThrow();
    }
    expect(searcher.search({ q: '', limit: 5 })).toEqual([]);
  });

  it('replaces and removes documents', () => {
    const s = new Searcher();
    const a = doc('Refund policy', 'Refunds within 30 days.');
    s.upsert(a);
    expect(top(s, 'refund')).toEqual([a.id]);
    s.upsert({ ...a, title: 'Returns policy', body: 'Returns within 30 days.' });
    expect(top(s, 'refund')).toEqual([]);
    expect(top(s, 'returns')).toEqual([a.id]);
    s.remove(a.id);
    expect(top(s, 'returns')).toEqual([]);
    expect(s.index.size).toBe(0);
    expect(s.index.vocabulary.size).toBe(0);
  });

  it('indexes other locales word for word and CJK text character by character', () => {
    const s = new Searcher();
    const fr = doc('Réinitialiser le mot de passe', 'Ouvrez les paramètres.', { locale: 'fr', english: false });
    const zh = doc('重置密码', '打开设置。', { locale: 'zh', english: false });
    s.upsert(fr);
    s.upsert(zh);
    expect(top(s, 'reinitialiser')).toEqual([fr.id]);
    expect(top(s, 'parametres')).toEqual([fr.id]);
    expect(top(s, '密码')).toEqual([zh.id]);
  });
});

describe('search text helpers', () => {
  it('normalises words: case, diacritics, possessives, letters next to digits', () => {
    expect(words("Café's COVID19 résumé don't")).toEqual(['cafe', 'covid', '19', 'resume', 'dont']);
    expect(words('Hello, World! e-mail—fine 3D (v2.1) naïve’s')).toEqual(['hello', 'world', 'e', 'mail', 'fine', '3', 'd', 'v', '2', '1', 'naive']);
  });

  it('turns Markdown into the text a reader sees', () => {
    expect(markdownToText('# Title\n\nSee [the guide](https://x.test/a) and ![logo](l.png).\n\n- **bold** item\n```js\ncode()\n```\n<b>hi</b> &amp; snake_case'))
      .toBe('Title See the guide and logo. bold item code() hi & snake_case');
  });

  it('measures edit distance with swaps as one edit, and stops early past the bound', () => {
    expect(boundedEditDistance('password', 'pasword', 2)).toBe(1);
    expect(boundedEditDistance('recieve', 'receive', 2)).toBe(1);
    expect(boundedEditDistance('kitten', 'sitting', 3)).toBe(3);
    expect(boundedEditDistance('kitten', 'sitting', 1)).toBe(2);
  });

  it('suggests near words nearest and most used first, and completions by use', () => {
    const v = new Vocabulary();
    for (const w of ['password', 'password', 'passport', 'passwords', 'pass']) v.add(w);
    expect(v.similar('pasword', 1, 5).map((s) => s.word)).toEqual(['password']);
    expect(v.similar('passwrd', 2, 5).map((s) => s.word)).toEqual(['password', 'passwords']);
    expect(v.similar('pasport', 1, 5).map((s) => s.word)).toEqual(['passport']);
    // A changed first letter counts as two edits: "bassword" reaches "password" only with a budget of two.
    expect(v.similar('bassword', 1, 5)).toEqual([]);
    expect(v.similar('bassword', 2, 5).map((s) => [s.word, s.distance])).toEqual([['password', 2]]);
    expect(v.completions('passw', 5).map((s) => s.word)).toEqual(['password', 'passwords']);
    v.remove('password');
    v.remove('password');
    expect(v.completions('passw', 5).map((s) => s.word)).toEqual(['passwords']);
  });
});
