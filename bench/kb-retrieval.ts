/**
 * Knowledge-base retrieval quality on COVID-Q question classes (questions that ask the same
 * thing share a class). Each class becomes one article; a query is right when its class's
 * article ranks high. Reports MRR@10 and Recall@1/5/10 for Frontline's search and for plain
 * baselines (BM25 and TF-IDF cosine without stemming, typo correction or synonyms), measured
 * in the same run.
 *
 *   npx tsx bench/kb-retrieval.ts [--data ../shared/datasets/covid_q/dataset_classes] [--tune]
 *
 * Splits: parameters are chosen on the training file alone (`--tune`: one question per class
 * indexed, the other two as queries); results are reported on testA (real questions) and testB
 * (questions the authors wrote), which tuning never sees.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { toIndexDoc, type IndexedRow } from '../src/kb/search.service.js';
import { DEFAULT_RANKING, type RankingParams } from '../src/kb/search/engine.js';
import { DEFAULT_QUERY, type QueryParams } from '../src/kb/search/query.js';
import { Searcher } from '../src/kb/search/searcher.js';
import { plainBm25, tfidfCosine, type BaselineDoc, type Ranker } from './kb-baselines.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/datasets/covid_q/dataset_classes' },
    tune: { type: 'boolean', default: false },
  },
});

interface Question {
  text: string;
  label: string;
}

function readQuestions(path: string): Question[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const comma = line.lastIndexOf(',');
      return { text: line.slice(0, comma), label: line.slice(comma + 1).trim() };
    });
}

/** An article per class: its first question as the title and any others as the body. */
interface Article {
  label: string;
  title: string;
  body: string;
}

function articlesFrom(train: Question[], perClass: number): { articles: Article[]; held: Question[] } {
  const byLabel = new Map<string, Question[]>();
  for (const q of train) byLabel.set(q.label, [...(byLabel.get(q.label) ?? []), q]);
  const articles: Article[] = [];
  const held: Question[] = [];
  for (const [label, qs] of byLabel) {
    const used = qs.slice(0, perClass);
    articles.push({ label, title: used[0].text, body: used.slice(1).map((q) => q.text).join('\n\n') });
    held.push(...qs.slice(perClass));
  }
  return { articles, held };
}

interface Metrics {
  mrr10: number;
  r1: number;
  r5: number;
  r10: number;
  n: number;
}

function evaluate(rank: Ranker, queries: Question[]): Metrics {
  let mrr = 0;
  let r1 = 0;
  let r5 = 0;
  let r10 = 0;
  for (const q of queries) {
    const position = rank(q.text, 10).indexOf(q.label);
    if (position < 0) continue;
    mrr += 1 / (position + 1);
    if (position < 1) r1++;
    if (position < 5) r5++;
    r10++;
  }
  const n = queries.length;
  return { mrr10: mrr / n, r1: r1 / n, r5: r5 / n, r10: r10 / n, n };
}

interface FrontlineOptions {
  ranking?: RankingParams;
  query?: QueryParams;
  stem?: boolean;
  typos?: boolean;
  prefix?: boolean;
  synonyms?: string[][];
}

/** One typo in each query: a letter dropped, doubled or swapped with its neighbour in one longer word, chosen by a fixed seed. */
function withTypo(queries: Question[]): Question[] {
  let seed = 12345;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  return queries.map((q) => {
    const ws = q.text.split(' ');
    const long = ws.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 5);
    if (long.length === 0) return q;
    const [word, i] = long[Math.floor(next() * long.length)];
    const at = 1 + Math.floor(next() * (word.length - 2));
    const kind = Math.floor(next() * 3);
    ws[i] = kind === 0 ? word.slice(0, at) + word.slice(at + 1) : kind === 1 ? word.slice(0, at) + word[at] + word.slice(at) : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
    return { ...q, text: ws.join(' ') };
  });
}

/** Queries as typed so far: the last word cut to its first three letters. */
function asTyped(queries: Question[]): Question[] {
  return queries.map((q) => {
    const ws = q.text.split(' ');
    if (ws[ws.length - 1].length > 3) ws[ws.length - 1] = ws[ws.length - 1].slice(0, 3);
    return { ...q, text: ws.join(' ') };
  });
}

function frontline(articles: Article[], options: FrontlineOptions = {}): Ranker {
  const searcher = new Searcher(options.ranking ?? DEFAULT_RANKING, options.query ?? DEFAULT_QUERY);
  for (const a of articles) {
    const row: IndexedRow = { id: a.label, external_id: a.label, title: a.title, body: a.body, category: null, section: null, tags: '[]', visibility: 'public', status: 'published', locale: 'en', type: 'faq', change_seq: 1 };
    const doc = toIndexDoc(row)!;
    searcher.upsert(options.stem === false ? { ...doc, english: false } : doc);
  }
  if (options.synonyms) searcher.setSynonyms(options.synonyms);
  return (q, limit) => searcher.search({ q, limit, prefix: options.prefix ?? false, typos: options.typos ?? true }).map((r) => r.id);
}

const baselineDocs = (articles: Article[]): BaselineDoc[] => articles.map((a) => ({ id: a.label, text: `${a.title}\n${a.body}` }));

const pct = (x: number) => (100 * x).toFixed(1);
function row(name: string, m: Metrics): string {
  return `| ${name} | ${m.mrr10.toFixed(3)} | ${pct(m.r1)} | ${pct(m.r5)} | ${pct(m.r10)} |`;
}

/** A synonym set an administrator of a COVID help center would write; shown separately, not in the defaults. */
const ADMIN_SYNONYMS = [['covid', 'coronavirus', 'corona virus', 'covid 19', 'sars cov 2']];

function report(title: string, articles: Article[], splits: [string, Question[]][], extra: [string, Ranker][] = []): void {
  const systems: [string, Ranker][] = [
    ['Frontline search (stemming, stop words, typos, BM25F)', frontline(articles)],
    ['Frontline, without typo correction', frontline(articles, { typos: false })],
    ['Frontline, without stemming', frontline(articles, { stem: false })],
    ['Frontline + one admin synonym set (covid = coronavirus …)', frontline(articles, { synonyms: ADMIN_SYNONYMS })],
    ['plain BM25 (no stemming, typos, synonyms)', plainBm25(baselineDocs(articles))],
    ['TF-IDF cosine', tfidfCosine(baselineDocs(articles))],
    ...extra,
  ];
  for (const [split, queries] of splits) {
    console.log(`\n### ${title}: ${split} (${queries.length} queries, ${articles.length} articles)\n`);
    console.log('| system | MRR@10 | R@1 % | R@5 % | R@10 % |\n|---|---|---|---|---|');
    for (const [name, rank] of systems) console.log(row(name, evaluate(rank, queries)));
  }
}

/** Grid search on the training split only; prints the best settings to copy into the defaults. */
function tune(train: Question[]): void {
  const one = articlesFrom(train, 1);
  const two = articlesFrom(train, 2);
  const results: { score: number; label: string }[] = [];
  for (const k1 of [0.6, 0.9, 1.2, 1.6])
    for (const bTitle of [0.3, 0.5, 0.75])
      for (const titleWeight of [1.5, 2, 3, 4])
        for (const stopWeight of [0.1, 0.2, 0.3, 0.5, 1]) {
          const ranking: RankingParams = { ...DEFAULT_RANKING, k1, weights: [titleWeight, 1.5, 1.2, 1], b: [bTitle, 0.3, 0.3, 0.75] };
          const query: QueryParams = { ...DEFAULT_QUERY, stopWeight };
          const a = evaluate(frontline(one.articles, { ranking, query }), one.held);
          const b = evaluate(frontline(two.articles, { ranking, query }), two.held);
          results.push({ score: (a.mrr10 + b.mrr10) / 2, label: `k1=${k1} bTitle=${bTitle} titleWeight=${titleWeight} stopWeight=${stopWeight}: MRR@10 ${a.mrr10.toFixed(3)} (1 per class) ${b.mrr10.toFixed(3)} (2 per class)` });
        }
  results.sort((x, y) => y.score - x.score);
  console.log('Best settings on the training split (mean MRR@10 of both set-ups):');
  for (const r of results.slice(0, Number(process.env.TOP ?? 10))) console.log(`  ${r.label}`);
  const current = (a: ReturnType<typeof articlesFrom>, typos = false) => evaluate(frontline(a.articles), typos ? withTypo(a.held) : a.held).mrr10.toFixed(3);
  console.log(`Current defaults: MRR@10 ${current(one)} (1 per class) ${current(two)} (2 per class); with a typo per query ${current(one, true)} and ${current(two, true)}`);
}

const train = readQuestions(join(args.data, 'train3.csv'));
const testA = readQuestions(join(args.data, 'testA.csv'));
const testB = readQuestions(join(args.data, 'testB.csv'));
if (args.tune) {
  tune(train);
} else {
  const one = articlesFrom(train, 1);
  report('One question per class indexed', one.articles, [
    ['held-out training questions (the tuning split)', one.held],
    ['testA', testA],
    ['testB', testB],
  ]);
  const three = articlesFrom(train, 3).articles;
  report('Three questions per class indexed (title + two in the body)', three, [
    ['testA', testA],
    ['testB', testB],
    ['testA with one typo per query', withTypo(testA)],
  ]);
  report('Three questions per class indexed, search-as-you-type', three, [['testA with the last word cut to 3 letters', asTyped(testA)]], [
    ['Frontline with prefix completion of the last word (the API default)', frontline(three, { prefix: true })],
  ]);
}
