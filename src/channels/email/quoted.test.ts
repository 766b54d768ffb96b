import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../tickets/sanitize.js';
import { parseEmail } from './parse.js';
import { splitQuotedText } from './quoted.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name));

describe('quoted history and signatures', () => {
  it.each([
    ['gmail-reply.eml', 'Thanks, clearing the cookies fixed it.\n\nBest,\nAnn'],
    ['outlook-reply.eml', 'Hi team,\n\nThe invoice for März is still missing from the portal.\n\nKind regards,\nBob'],
    ['outlook-mobile-reply.eml', 'Still nothing, sorry.'],
    ['apple-mail-reply.eml', 'Yes, please refund to the original card.'],
    // Inline answers between quotes are the reply itself: only the signature goes.
    ['inline-reply.eml', '> What limit do you hit?\nAbout 100 requests a second.\n\n> And which endpoint?\n/v1/orders'],
  ])('%s keeps only the new text', async (name, expected) => {
    const mail = await parseEmail(fixture(name));
    const split = splitQuotedText(mail.text);
    expect(split.text).toBe(expected);
    expect(split.trimmed).toBe(true);
  });

  it('finds the Gmail attribution in HTML-only mail too', async () => {
    const mail = await parseEmail(fixture('gmail-reply.eml'));
    expect(splitQuotedText(htmlToText(mail.html!)).text).toBe('Thanks, clearing the cookies fixed it.\n\nBest,\nAnn');
  });

  it('keeps everything when there is no marker, or when cutting would leave nothing', () => {
    expect(splitQuotedText('Just a question.\nFrom: my phone, not a header')).toEqual({ text: 'Just a question.\nFrom: my phone, not a header', trimmed: false });
    expect(splitQuotedText('> only a quote\n> nothing new').text).toBe('> only a quote\n> nothing new');
    expect(splitQuotedText('-- \nonly a signature').text).toBe('-- \nonly a signature');
  });
});
