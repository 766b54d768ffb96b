import { describe, expect, it } from 'vitest';
import { IntMap } from './int-map.js';
import { normalise, stem, tokenize, wordsOf } from './text.js';

describe('text normalisation', () => {
  it('folds case, accents and compatibility forms, and joins contractions', () => {
    expect(normalise('Café ÉTÉ')).toBe('cafe ete');
    expect(normalise('ﬁle')).toBe('file');
    expect(tokenize(normalise("I don't know what's wrong"))).toEqual(['i', 'dont', 'know', 'whats', 'wrong']);
  });

  it('maps every digit to 0 so numbers match by shape', () => {
    expect(tokenize(normalise('Order #4521 on 12/03'))).toEqual(['order', '0000', 'on', '00', '00']);
  });

  it('keeps letters of any script and splits on punctuation', () => {
    expect(tokenize(normalise('Привет,мир! 你好'))).toEqual(['привет', 'мир', '你好']);
  });

  it('strips common English suffixes so word forms meet', () => {
    expect(new Set(['refund', 'refunds', 'refunded', 'refunding'].map(stem))).toEqual(new Set(['refund']));
    expect(new Set(['charge', 'charged', 'charging', 'charges'].map(stem)).size).toBe(1);
    expect(stem('stopped')).toBe('stop');
    expect(stem('called')).toBe('call');
    expect(stem('deliveries')).toBe('delivery');
    // Short words and other scripts are left alone.
    expect(stem('is')).toBe('is');
    expect(stem('bus')).toBe('bus');
    expect(stem('привет')).toBe('привет');
  });

  it('gives the stemmed word view of a text', () => {
    expect(wordsOf('Refunds PENDING', true)).toEqual(['refund', 'pend']);
    expect(wordsOf('Refunds PENDING', false)).toEqual(['refunds', 'pending']);
  });
});

describe('IntMap', () => {
  it('stores, updates and counts integer keys through growth', () => {
    const map = new IntMap(2);
    for (let i = 0; i < 1000; i++) map.set(i * 7919 - 500_000, i);
    map.increment(-500_000);
    map.increment(123456789);
    expect(map.get(-500_000)).toBe(1);
    expect(map.get(999 * 7919 - 500_000)).toBe(999);
    expect(map.get(123456789)).toBe(1);
    expect(map.get(42)).toBe(-1);
    expect(map.size).toBe(1001);
  });
});
