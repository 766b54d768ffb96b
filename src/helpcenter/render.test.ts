import { describe, expect, it } from 'vitest';
import { html, raw } from './html.js';
import { plainSummary, renderMarkdown } from './markdown.js';

describe('the html template', () => {
  it('escapes every value unless it is already markup', () => {
    const name = '<img src=x onerror="alert(1)"> & \'quotes\'';
    expect(html`<p title="${name}">${name}</p>`.value).toBe('<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;quotes&#39;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;quotes&#39;</p>');
    expect(html`<ul>${['<a>', html`<li>${'<b>'}</li>`]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>&lt;b&gt;</li></ul>');
    expect(html`${null}${undefined}${false}${0}${raw('<hr>')}`.value).toBe('0<hr>');
  });
});

describe('Markdown rendering', () => {
  it('renders Markdown, shifts headings under the page title and strips anything active', () => {
    const out = renderMarkdown('# Title\n\n**bold** [ok](https://example.com) [bad](javascript:alert(1)) <script>alert(1)</script> <a href="#" onclick="x()">c</a> <iframe src="https://evil.test"></iframe>');
    expect(out).toContain('<h2>Title</h2>');
    expect(out).toContain('<strong>bold</strong>');
    expect(out).toContain('<a href="https://example.com" rel="nofollow noopener">ok</a>');
    expect(out).not.toMatch(/script|javascript:|onclick|iframe/);
  });

  it('never throws on malformed or hostile input', () => {
    for (const input of ['```\nunclosed', '>'.repeat(2_000), '['.repeat(5_000), '<div>'.repeat(2_000), '| a |\n|-|\n' + '| x |\n'.repeat(500), '\u0000\uD800\uFFFF', '']) {
      expect(() => renderMarkdown(input)).not.toThrow();
      expect(renderMarkdown(input)).not.toContain('<div');
    }
  });

  it('summarises a body as plain text for the meta description', () => {
    expect(plainSummary('# Reset\n\nOpen **Settings** and [press](https://x.test) *Reset*.')).toBe('Reset Open Settings and press Reset.');
    expect(plainSummary('word '.repeat(100)).length).toBeLessThanOrEqual(160);
  });
});
