import { describe, expect, it } from 'vitest';
import { redact, titleFromSubject } from './article-draft.service.js';
import { clusterTexts } from './cluster.js';
import { articleSolution, plainInline, replyCore } from './steps.js';

describe('solution extraction', () => {
  it('takes the first numbered list of an article, continuation lines joined, Markdown made plain', () => {
    const body = '# Fix it\n\nIntro.\n\n1. Open **Settings** and pick [Security](https://x.example/s).\n2. Press `Reset`,\n   then confirm.\n3. Done.\n\nOutro.\n\n1. Another list';
    expect(articleSolution(body, '')).toEqual({ kind: 'steps', items: ['Open Settings and pick Security (https://x.example/s).', 'Press Reset, then confirm.', 'Done.'] });
  });

  it('falls back to bullets, then to the paragraphs sharing most words with the problem, in article order', () => {
    expect(articleSolution('Intro.\n\n- One\n- Two', '').items).toEqual(['One', 'Two']);
    const prose = '# Title\n\nGeneral words about the product.\n\nInvoices are emailed every month.\n\nTo change the invoice address open Billing.\n\n```\ncode\n```';
    expect(articleSolution(prose, 'change my invoice address')).toEqual({ kind: 'paragraphs', items: ['Invoices are emailed every month.', 'To change the invoice address open Billing.'] });
    // A list of one item is not steps.
    expect(articleSolution('Only:\n\n1. one\n\nThen prose.', '').kind).toBe('paragraphs');
  });

  it("keeps the substance of an agent's reply: no greeting, opener, sign-off or signature", () => {
    expect(replyCore('Hi Jo,\n\nThanks for reaching out!\n\nClear the cache.\nThen sign in again.\n\nBest regards,\nAlex\n-- \nAcme Support')).toBe('Clear the cache.\nThen sign in again.');
    expect(replyCore('Hello,\nRestart the app.\nCheers')).toBe('Restart the app.');
    // "Thanks" inside the text is kept; only a sign-off in the last lines goes.
    expect(replyCore('Thanks to the new release, exports are faster.\nUpdate to 2.1.\n\nThanks,\nKim')).toBe('Thanks to the new release, exports are faster.\nUpdate to 2.1.');
  });

  it('makes inline Markdown plain', () => {
    expect(plainInline('**Bold** _it_ `code` [https://a.b](https://a.b) <b>x</b>')).toBe('Bold it code https://a.b x');
  });
});

describe('article drafts from tickets', () => {
  it('titles from subjects without reply prefixes, ticket references or trailing punctuation', () => {
    expect(titleFromSubject('RE: Fwd: [#123] export fails!!')).toBe('Export fails');
    expect(titleFromSubject('   ')).toBe('Untitled problem');
  });

  it('removes emails, phone numbers and the requester name', () => {
    expect(redact('Sam Carter here, sam@x.example, +1 (555) 123-4567. Sam needs help.', 'Sam Carter')).toBe(
      'the customer the customer here, (email removed), (number removed). the customer needs help.',
    );
  });
});

describe('clustering', () => {
  it('groups texts sharing significant words, weighs repeated searches, leaves small talk out', () => {
    const clusters = clusterTexts([
      { head: 'QuickBooks sync fails', body: 'Hi, please help, invoices stopped syncing to QuickBooks.', weight: 1 },
      { head: 'Okta SAML login', weight: 1 },
      { head: 'quickbooks sync', weight: 4 },
      { head: 'Invoices not syncing to QuickBooks', weight: 1 },
      { head: 'SAML with Okta', body: 'Please help us set up SAML.', weight: 1 },
      { head: 'Hello, please help', weight: 1 },
    ]);
    expect(clusters.map((c) => c.members)).toEqual([[0, 2, 3], [1, 4]]);
    expect(clusters[0]).toMatchObject({ weight: 6 });
    expect(clusters[0].terms.slice(0, 2)).toEqual(expect.arrayContaining(['quickbooks']));
    expect(clusters[1].terms).toEqual(expect.arrayContaining(['okta', 'saml']));
    expect(clusters[0].terms).not.toContain('help');
  });
});
