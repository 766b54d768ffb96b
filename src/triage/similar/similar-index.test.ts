import { describe, expect, it } from 'vitest';
import { SimilarIndex, DEFAULT_INDEX_PARAMS } from './similar-index.js';
import { ownText, termsOf } from './text.js';
import { ticketVectors, type TicketText } from './vector.js';

const TICKETS: Record<number, TicketText> = {
  1: { subject: 'Charged twice for my March invoice', body: 'My credit card was charged two times for invoice INV-2291. Please refund the duplicate payment.' },
  2: { subject: 'Cannot reset my password', body: 'The password reset email never arrives, I checked the spam folder too.' },
  3: { subject: 'Export to CSV times out', body: 'Exporting the contacts list to CSV fails with a gateway timeout after a minute.' },
  4: { subject: 'Dark mode request', body: 'Would love a dark theme for the dashboard in the evenings.' },
  5: { subject: 'Double charge on invoice', body: 'We were charged twice for the same invoice this month, card statement shows two payments.' },
  6: { subject: 'Password reset link not received', body: 'I asked for a password reset three times and no email came.' },
};

function indexOf(tickets: Record<number, TicketText>, solved: number[] = []): SimilarIndex {
  const index = new SimilarIndex();
  for (const [n, text] of Object.entries(tickets)) index.upsert(Number(n), text, { solved: solved.includes(Number(n)), createdMs: Number(n) * 1000 });
  index.refresh();
  return index;
}

const numbers = (index: SimilarIndex, n: number, options: Partial<Parameters<SimilarIndex['query']>[1]> = {}) =>
  index.query(TICKETS[n], { limit: 10, exclude: n, ...options }).map((m) => m.number);

describe('the similar-ticket index', () => {
  it('ranks a near-duplicate first, above unrelated tickets, and never returns the ticket itself', () => {
    const index = indexOf(TICKETS);
    expect(numbers(index, 5)[0]).toBe(1);
    expect(numbers(index, 1)[0]).toBe(5);
    expect(numbers(index, 6)[0]).toBe(2);
    expect(numbers(index, 2)[0]).toBe(6);
    for (const n of [1, 2, 3, 4, 5, 6]) expect(numbers(index, n)).not.toContain(n);
    // Tickets that share no word with the query are not listed at all.
    expect(numbers(index, 4)).toEqual([]);
  });

  it('scores tickets against each other from their texts exactly as a query scores them', () => {
    const index = indexOf(TICKETS);
    // One more ticket after the refresh: its df counts are current, the norms a little stale, as in use.
    index.upsert(7, { subject: 'Invoice charged twice', body: 'The invoice payment was taken twice from my card.' }, { solved: false, createdMs: 7000 });
    const all: Record<number, TicketText> = { ...TICKETS, 7: { subject: 'Invoice charged twice', body: 'The invoice payment was taken twice from my card.' } };
    const group = [7, 1, 5, 2, 3].map((number) => ({ number, text: all[number]! }));
    const scores = index.scoresAmong(group);
    group.forEach(({ number, text }, i) => {
      const byQuery = new Map(index.query(text, { limit: 10, exclude: number }).map((m) => [m.number, m.score]));
      group.forEach((other, j) => expect(scores[i]![j]).toBeCloseTo(i === j ? 0 : (byQuery.get(other.number) ?? 0), 5));
    });
    expect(scores[0]![1]).toBeGreaterThan(0.3);
    // A number the index does not hold scores 0.
    expect(index.scoresAmong([{ number: 7, text: all[7]! }, { number: 99, text: all[1]! }])[0]![1]).toBe(0);
  });

  it('scores between 0 and 1, best first, and 1 for the same text', () => {
    const index = indexOf({ ...TICKETS, 7: TICKETS[1] });
    const matches = index.query(TICKETS[1], { limit: 10, exclude: 1 });
    expect(matches[0]).toEqual({ number: 7, score: expect.closeTo(1, 5) });
    for (let i = 1; i < matches.length; i++) expect(matches[i].score).toBeLessThanOrEqual(matches[i - 1].score);
    expect(matches.every((m) => m.score > 0 && m.score <= 1)).toBe(true);
  });

  it('filters solved look-alikes and honours the limit', () => {
    const index = indexOf(TICKETS, [6]);
    expect(numbers(index, 2, { solvedOnly: true })).toEqual([6]);
    index.setSolved(6, false);
    expect(numbers(index, 2, { solvedOnly: true })).toEqual([]);
    // The same text again (a status change read back from the database) updates the status in place.
    index.upsert(6, TICKETS[6], { solved: true, createdMs: 6000 });
    expect(numbers(index, 2, { solvedOnly: true })).toEqual([6]);
    expect(index.size).toBe(6);
    expect(numbers(index, 1, { limit: 1 })).toEqual([5]);
  });

  it('replaces a ticket on upsert and forgets it on remove', () => {
    const index = indexOf(TICKETS);
    index.upsert(4, { subject: 'Refund the duplicate invoice payment', body: 'charged twice' }, { solved: false, createdMs: 0 });
    expect(numbers(index, 1)).toContain(4);
    expect(index.query(TICKETS[4], { limit: 5 })).toEqual([]);
    index.remove(5);
    expect(numbers(index, 1)).not.toContain(5);
    expect(index.size).toBe(5);
  });

  it('breaks ties by the older ticket and gives the same answer every time', () => {
    const twins = { 10: { subject: 'Printer offline', body: '' }, 11: { subject: 'Printer offline', body: '' }, 12: { subject: 'Printer offline', body: '' } };
    const index = indexOf(twins);
    expect(index.query(twins[12], { limit: 5, exclude: 12 }).map((m) => m.number)).toEqual([10, 11]);
    expect(indexOf(TICKETS).query(TICKETS[3], { limit: 5 })).toEqual(indexOf(TICKETS).query(TICKETS[3], { limit: 5 }));
  });

  it('agrees with a brute-force cosine over many tickets, through segment freezes, merges and deletions', () => {
    const words = Array.from({ length: 400 }, (_, i) => `w${i.toString(36)}x`);
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = (n: number) => Array.from({ length: n }, () => words[Math.floor(words.length * rand() ** 2)]).join(' ');
    const texts = new Map<number, TicketText>();
    const index = new SimilarIndex({ ...DEFAULT_INDEX_PARAMS, maxCandidates: 1e9 });
    for (let n = 1; n <= 17_000; n++) {
      const text = { subject: pick(5), body: pick(25) };
      texts.set(n, text);
      index.upsert(n, text, { solved: false, createdMs: 0 });
    }
    for (let n = 2; n <= 17_000; n += 7) {
      index.remove(n);
      texts.delete(n);
    }
    index.refresh();
    const query = texts.get(9_999)!;
    const expected = bruteForce(texts, query, 9_999).slice(0, 10);
    const got = index.query(query, { limit: 10, exclude: 9_999 });
    expect(got.map((m) => m.number)).toEqual(expected.map((m) => m.number));
    got.forEach((m, i) => expect(m.score).toBeCloseTo(expected[i].score, 4));
  });

  it('answers a query about recent tickets from the recent slots alone, exactly as a filter over all would', () => {
    const words = Array.from({ length: 300 }, (_, i) => `v${i.toString(36)}y`);
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = (n: number) => Array.from({ length: n }, () => words[Math.floor(words.length * rand() ** 2)]).join(' ');
    const index = new SimilarIndex({ ...DEFAULT_INDEX_PARAMS, maxCandidates: 1e9 });
    const created = new Map<number, number>();
    // 20,000 tickets (segments frozen and merged), created one a second, with imports of old
    // tickets, re-indexed old tickets (a new slot) and a creation time moved in place.
    const moved = { subject: pick(4), body: pick(20) };
    index.upsert(20_001, moved, { solved: false, createdMs: 1_000 });
    for (let n = 1; n <= 20_000; n++) {
      const createdMs = n % 3 === 0 ? 1_000 * (n % 500) : 1_000 * n;
      created.set(n, createdMs);
      index.upsert(n, { subject: pick(4), body: pick(20) }, { solved: false, createdMs });
    }
    for (const n of [150, 9_000, 14_000]) index.upsert(n, { subject: pick(4), body: pick(20) }, { solved: false, createdMs: created.get(n)! });
    // The first slot's ticket, same text, now said to be created recently: its slot stays, in range.
    index.upsert(20_001, moved, { solved: false, createdMs: 19_990_000 });
    created.set(20_001, 19_990_000);
    for (const fromMs of [0, 5_000_000, 19_000_000, 19_995_000]) {
      for (let q = 0; q < 6; q++) {
        const text = q === 0 ? moved : { subject: pick(4), body: pick(20) };
        const everything = index.query(text, { limit: 30_000 }).filter((m) => created.get(m.number)! >= fromMs).slice(0, 20);
        expect(index.query(text, { limit: 20, createdFromMs: fromMs })).toEqual(everything);
      }
    }
  });
});

/** The same score computed the slow way: every ticket, plain maps. */
function bruteForce(texts: Map<number, TicketText>, query: TicketText, exclude: number): { number: number; score: number }[] {
  // Counts become sublinear weights, 1 + ln(count).
  const weighted = (t: TicketText) => {
    const { subject, full } = ticketVectors(t);
    const w = (m: Map<string, number>) => new Map([...m].map(([term, c]) => [term, 1 + Math.log(c)]));
    return { subject: w(subject), full: w(full) };
  };
  const vectors = new Map([...texts].map(([n, t]) => [n, weighted(t)]));
  const df = [new Map<string, number>(), new Map<string, number>()];
  for (const v of vectors.values()) [v.subject, v.full].forEach((m, f) => m.forEach((_, t) => df[f].set(t, (df[f].get(t) ?? 0) + 1)));
  const idf = (f: number, t: string) => Math.log(1 + texts.size / Math.max(df[f].get(t) ?? 0, 1));
  const cos = (f: number, a: Map<string, number>, b: Map<string, number>) => {
    let dot = 0;
    let na = 0;
    let nb = 0;
    a.forEach((w, t) => (na += (w * idf(f, t)) ** 2));
    b.forEach((w, t) => (nb += (w * idf(f, t)) ** 2));
    a.forEach((w, t) => (dot += b.has(t) ? w * b.get(t)! * idf(f, t) ** 2 : 0));
    return dot === 0 ? 0 : dot / Math.sqrt(na * nb);
  };
  const q = weighted(query);
  const share = DEFAULT_INDEX_PARAMS.subjectShare;
  return [...vectors]
    .filter(([n]) => n !== exclude)
    .map(([n, v]) => ({ number: n, score: share * cos(0, q.subject, v.subject) + (1 - share) * cos(1, q.full, v.full) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.number - b.number);
}

describe('ticket text', () => {
  it('keeps the customer’s own words: no quoted history, signature or phone footer', () => {
    const mail = ['The export still fails.', '', 'Sent from my iPhone', '> earlier line', 'On Mon, 3 Jun 2024 at 10:00, Support <help@x.example> wrote:', '> Did you try again?'].join('\n');
    expect(ownText(mail)).toBe('The export still fails.\n');
    expect(ownText('Hello\n-- \nDana Reyes\nACME Corp')).toBe('Hello');
    expect(ownText('Body\nFrom: Support <s@x.example>\nSent: Monday\nTo: me')).toBe('Body');
    expect(ownText('From: my manager I heard that exports fail')).toBe('From: my manager I heard that exports fail');
  });

  it('stems words, drops stop words and single digits, keeps longer numbers and other scripts', () => {
    expect(termsOf("The exports aren't working since v2 of build 4711")).toEqual(['export', 'arent', 'work', 'sinc', 'v2', 'build', '4711']);
    expect(termsOf('Café déjà vu')).toEqual(['cafe', 'deja', 'vu']);
    expect(termsOf('Ошибка при оплате')).toEqual(['ошибка', 'при', 'оплате']);
  });
});
