/**
 * Similar-ticket index at scale, without a database: builds the index from N synthetic tickets
 * (subject of 7 words, body of 60, words drawn from a 60,000-word Zipf-like vocabulary), then
 * times queries by the text of existing tickets (the ticket itself excluded), and reports build
 * time and memory, and queries limited to the newest tickets (what ticket creation asks). The
 * service adds two indexed lookups by key per query on top of this.
 *
 *   npx tsx --expose-gc bench/similar-scale.ts --tickets 1000000
 */
import { parseArgs } from 'node:util';
import { SimilarIndex } from '../src/triage/similar/similar-index.js';
import type { TicketText } from '../src/triage/similar/vector.js';

const { values: args } = parseArgs({ options: { tickets: { type: 'string', default: '1000000' }, queries: { type: 'string', default: '500' } } });
const N = Number(args.tickets);
const QUERIES = Number(args.queries);

let state = 12345;
const random = () => {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state / 2 ** 32;
};
const syllables = ['ka', 'lo', 'mi', 'ne', 'ro', 'ta', 'vi', 'su', 'pe', 'do', 'gri', 'fan', 'sol', 'ber', 'tin', 'qua', 'zel', 'mor'];
const vocabulary = Array.from({ length: 60_000 }, (_, i) => {
  let word = '';
  for (let k = i; word.length < 4 || k > 0; k = Math.floor(k / syllables.length)) word += syllables[k % syllables.length];
  return word;
});
// Zipf-like: a few words are everywhere, most are rare, as in real ticket text.
const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 2.5)];
const text = (): TicketText => ({ subject: Array.from({ length: 7 }, word).join(' '), body: Array.from({ length: 60 }, word).join(' ') });

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage();
const index = new SimilarIndex();
index.autoRefresh = false;
const samples: { number: number; text: TicketText }[] = [];
const every = Math.max(1, Math.floor(N / QUERIES));
let started = performance.now();
for (let n = 1; n <= N; n++) {
  const t = text();
  if (n % every === 0 && samples.length < QUERIES) samples.push({ number: n, text: t });
  index.upsert(n, t, { solved: random() < 0.6, createdMs: n });
}
index.refresh();
const buildMs = performance.now() - started;
gc?.();
const after = process.memoryUsage();
const heap = after.heapUsed - before.heapUsed;
const buffers = after.arrayBuffers - before.arrayBuffers;

const time = (solvedOnly: boolean, recent?: number) => {
  const latencies: number[] = [];
  for (const s of samples) {
    started = performance.now();
    index.query(s.text, { limit: 10, exclude: s.number, solvedOnly, createdFromMs: recent === undefined ? undefined : N - recent });
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(2);
  return `p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, p99 ${p(0.99)} ms`;
};

console.log(`${N} tickets indexed in ${(buildMs / 1000).toFixed(1)} s (${Math.round(N / (buildMs / 1000))} tickets/s)`);
console.log(`memory: typed arrays ${(index.memory().bytes / 1e6).toFixed(0)} MB (${Math.round(index.memory().bytes / N)} B/ticket); ` +
  `heap +${(heap / 1e6).toFixed(0)} MB, array buffers +${(buffers / 1e6).toFixed(0)} MB (${Math.round((heap + buffers) / N)} B/ticket in all); vocabulary ${index.memory().vocabulary} terms`);
time(false);
console.log(`query (top 10): ${time(false)}`);
console.log(`query (top 10, solved only): ${time(true)}`);
// What ticket creation asks (triage's burst signal, incident detection): look-alikes among the
// newest tickets only (ticket n was created at time n).
console.log(`query (top 10, the newest 10,000 tickets): ${time(false, 10_000)}`);
console.log(`query (top 10, the newest 1,000 tickets): ${time(false, 1_000)}`);
