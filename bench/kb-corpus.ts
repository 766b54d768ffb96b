/**
 * A synthetic help center for the search benchmark, the same for a given seed on every machine:
 * support vocabulary for titles and common body words, a long tail of made-up words (product
 * names, jargon) drawn with a Zipf distribution, English stop words, and some Markdown.
 */
import type { SearchRequest } from '../src/kb/search/searcher.js';

/** A small, fast, seeded generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUPPORT = (
  'account password reset invoice billing export import login sign email notification integration webhook api token permission ' +
  'role admin user team workspace project report dashboard chart filter search mobile app desktop browser chrome safari firefox ' +
  'windows mac linux sync calendar contact customer ticket order shipping delivery refund payment card subscription plan upgrade ' +
  'downgrade cancel trial discount coupon tax vat currency language timezone backup restore security factor sso saml ldap audit ' +
  'log error crash slow timeout upload download file attachment image pdf csv excel print share link invite delete archive ' +
  'template automation rule trigger schedule reminder address phone profile settings avatar storage quota limit usage invoice ' +
  'receipt statement bank transfer wallet checkout cart product inventory warehouse tracking carrier label return exchange ' +
  'warranty repair device battery screen keyboard network wifi connection proxy firewall certificate domain dns server database ' +
  'query index field column row table form survey feedback rating review comment message chat call video meeting recording'
).split(' ');
const VERBS = 'configure enable disable change update install uninstall connect disconnect troubleshoot fix migrate merge create edit remove find recover verify transfer'.split(' ');
const STOP = 'the a to of and in is for on your you with this that it be can if or as are at by from an will not when how what do does my i we our'.split(' ');
const CATEGORIES = 'Account Billing Orders Shipping Integrations Security Mobile Reports Automation Data Devices Network'.split(' ');
const SYLLABLES = 'ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge go ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zo'.split(' ');

export interface SyntheticArticle {
  externalId: string;
  title: string;
  body: string;
  category?: string;
  tags?: string[];
}

function pick<T>(rnd: () => number, items: T[]): T {
  return items[Math.floor(rnd() * items.length)];
}

/** Made-up words, each distinct, 2–4 syllables (with an occasional letter added). */
function tailWords(rnd: () => number, count: number): string[] {
  const seen = new Set<string>();
  while (seen.size < count) {
    let w = '';
    const n = 2 + Math.floor(rnd() * 3);
    for (let i = 0; i < n; i++) w += pick(rnd, SYLLABLES);
    if (rnd() < 0.3) w += pick(rnd, ['n', 'r', 's', 'x', 'l']);
    seen.add(w);
  }
  return [...seen];
}

/** Index drawn with probability proportional to 1 / (rank + 1). */
function zipf(rnd: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(rnd() * Math.log(n + 1))) - 1);
}

/** `count` articles, the same ones for the same seed. */
export function syntheticArticles(count: number, seed: number): SyntheticArticle[] {
  const rnd = random(seed);
  const tail = tailWords(rnd, 20_000);
  const word = () => {
    const r = rnd();
    if (r < 0.42) return pick(rnd, STOP);
    if (r < 0.78) return SUPPORT[zipf(rnd, SUPPORT.length)];
    return tail[zipf(rnd, tail.length)];
  };
  const sentence = () => {
    const n = 8 + Math.floor(rnd() * 13);
    const ws = Array.from({ length: n }, word);
    if (rnd() < 0.15) ws[1] = `**${ws[1]}**`;
    if (rnd() < 0.05) ws[n - 1] = `[${ws[n - 1]}](https://help.example.com/${ws[n - 1]})`;
    return ws.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
  };
  const articles: SyntheticArticle[] = [];
  for (let i = 0; i < count; i++) {
    const noun = SUPPORT[zipf(rnd, SUPPORT.length)];
    const other = rnd() < 0.5 ? SUPPORT[Math.floor(rnd() * SUPPORT.length)] : tail[zipf(rnd, 2_000)];
    const title = rnd() < 0.6 ? `How to ${pick(rnd, VERBS)} ${noun} ${pick(rnd, ['in', 'for', 'with', 'on'])} ${other}` : `${noun} ${other} ${pick(rnd, ['not working', 'errors', 'explained', 'limits', 'overview'])}`;
    const paragraphs: string[] = [];
    const words = 100 + Math.floor(rnd() * 400);
    let written = 0;
    while (written < words) {
      const ss = Array.from({ length: 2 + Math.floor(rnd() * 4) }, sentence);
      written += ss.join(' ').split(' ').length;
      paragraphs.push(rnd() < 0.2 ? `## ${sentence()}\n\n${ss.join(' ')}` : ss.join(' '));
    }
    articles.push({
      externalId: `syn-${i}`,
      title: title.replace(/^./, (c) => c.toUpperCase()),
      body: paragraphs.join('\n\n'),
      category: pick(rnd, CATEGORIES),
      tags: Array.from({ length: Math.floor(rnd() * 4) }, () => SUPPORT[Math.floor(rnd() * SUPPORT.length)]),
    });
  }
  return articles;
}

/** One typo in a word of five letters or more: a letter dropped, doubled or swapped. */
function typo(rnd: () => number, text: string): string {
  const ws = text.split(' ');
  const candidates = ws.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 5);
  if (candidates.length === 0) return text;
  const [w, i] = pick(rnd, candidates);
  const at = 1 + Math.floor(rnd() * (w.length - 2));
  const kind = Math.floor(rnd() * 3);
  ws[i] = kind === 0 ? w.slice(0, at) + w.slice(at + 1) : kind === 1 ? w.slice(0, at) + w[at] + w.slice(at) : w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
  return ws.join(' ');
}

const contentWords = (text: string) => text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w && !STOP.includes(w));

/** Queries of five kinds, `perKind` of each (the keystroke kind expands to several per title). */
export function syntheticQueries(articles: SyntheticArticle[], perKind: number, seed: number): { warmup: SearchRequest[]; kinds: Record<string, SearchRequest[]> } {
  const rnd = random(seed);
  const titleWords = () => {
    const ws = contentWords(pick(rnd, articles).title);
    const n = 1 + Math.floor(rnd() * Math.min(3, ws.length));
    const start = Math.floor(rnd() * (ws.length - n + 1));
    return ws.slice(start, start + n).join(' ');
  };
  const request = (q: string): SearchRequest => ({ q, limit: 10 });
  const keystrokes: SearchRequest[] = [];
  while (keystrokes.length < perKind) {
    const typed = contentWords(pick(rnd, articles).title).slice(0, 3).join(' ');
    for (let i = 1; i <= typed.length && keystrokes.length < perKind; i++) keystrokes.push(request(typed.slice(0, i)));
  }
  const missing = tailWords(random(seed + 1), perKind * 3).map((w) => `${w}q`);
  return {
    warmup: Array.from({ length: 200 }, () => request(titleWords())),
    kinds: {
      'title words (1-3)': Array.from({ length: perKind }, () => request(titleWords())),
      'title words with a typo': Array.from({ length: perKind }, () => request(typo(rnd, titleWords()))),
      'every keystroke of a title typed': keystrokes,
      'long pasted question (12-20 words)': Array.from({ length: perKind }, () => {
        const body = pick(rnd, articles).body.replace(/[#*[\]()]/g, ' ').split(/\s+/).filter(Boolean);
        const n = 12 + Math.floor(rnd() * 9);
        const start = Math.floor(rnd() * Math.max(1, body.length - n));
        return request(body.slice(start, start + n).join(' '));
      }),
      'words no article has': Array.from({ length: perKind }, (_, i) => request(missing.slice(i * 3, i * 3 + 1 + (i % 3)).join(' '))),
    },
  };
}
