/**
 * Tier accuracy of the shipped rules on the hand-written evaluation set
 * (src/triage/tiers/eval-set.jsonl: 10 tickets for each of the 20 sub-types, written before the
 * rules). Reports the rules alone and the rules with the text signals (frustration, urgency),
 * the per-tier confusion, per-sub-type figures and every miss.
 *
 *   npx tsx bench/triage-tiers-eval.ts            # prints the report
 *   npx tsx bench/triage-tiers-eval.ts --write    # also puts it into docs/triage.md between its markers
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readSignals } from '../src/triage/signals/signals.js';
import { DEFAULT_TRIAGE_SETTINGS } from '../src/triage/tiers/default-rules.js';
import { applyRules, compileRules } from '../src/triage/tiers/tier-rules.js';
import { decideTier } from '../src/triage/tiers/tier-verdict.js';

const { values: args } = parseArgs({ options: { write: { type: 'boolean', default: false }, input: { type: 'string', default: 'src/triage/tiers/eval-set.jsonl' } } });

interface Row {
  subtype: string;
  tier: number;
  subject: string;
  body: string;
}

const rows: Row[] = readFileSync(args.input, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Row);
const rules = compileRules(DEFAULT_TRIAGE_SETTINGS);
const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;

const results = rows.map((row) => {
  const verdict = applyRules(rules, row.subject, row.body);
  const signals = readSignals(row.subject, row.body, { recentContacts: null, repeatWindowHours: 72 });
  const full = decideTier({ rules: verdict, learned: null, signals, customer: null, similarRecent: null, settings: DEFAULT_TRIAGE_SETTINGS });
  return { row, tier: verdict.tier, subtype: verdict.match?.subtype ?? null, cues: verdict.match?.cues ?? [], withSignals: full.tier };
});

function confusion(pick: (r: (typeof results)[number]) => number): string {
  const m = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
  for (const r of results) m[r.row.tier - 1][pick(r) - 1]++;
  const lines = ['| expected ↓ / given → | Tier 1 | Tier 2 | Tier 3 | Tier 4 | recall |', '|---|---|---|---|---|---|'];
  m.forEach((row, i) => lines.push(`| Tier ${i + 1} | ${row.join(' | ')} | ${pct(row[i], row.reduce((a, b) => a + b, 0))} |`));
  return lines.join('\n');
}

const n = rows.length;
const tierRight = results.filter((r) => r.tier === r.row.tier).length;
const subtypeRight = results.filter((r) => r.subtype === r.row.subtype).length;
const signalRight = results.filter((r) => r.withSignals === r.row.tier).length;
const subtypes = [...new Set(rows.map((r) => r.subtype))];
const perSubtype = subtypes.map((s) => {
  const mine = results.filter((r) => r.row.subtype === s);
  return `| ${s} | ${mine[0].row.tier} | ${mine.filter((r) => r.tier === r.row.tier).length}/${mine.length} | ${mine.filter((r) => r.subtype === s).length}/${mine.length} |`;
});
const misses = results
  .filter((r) => r.tier !== r.row.tier)
  .map((r) => `- "${r.row.subject}" (${r.row.subtype}, Tier ${r.row.tier}) → ${r.subtype ?? 'no rule'} (Tier ${r.tier})${r.cues.length ? ` on ${r.cues.map((c) => `'${c}'`).join(', ')}` : ''}`);

const report = [
  `Measured with \`npx tsx bench/triage-tiers-eval.ts\` on ${n} tickets (${subtypes.length} sub-types).`,
  '',
  '| | accuracy |',
  '|---|---|',
  `| tier, rules alone | **${pct(tierRight, n)}** (${tierRight}/${n}) |`,
  `| sub-type, rules alone | ${pct(subtypeRight, n)} (${subtypeRight}/${n}) |`,
  `| tier, rules + text signals (frustration, urgency raise) | ${pct(signalRight, n)} (${signalRight}/${n}) |`,
  '',
  'Confusion of the tiers, rules alone:',
  '',
  confusion((r) => r.tier),
  '',
  'Per sub-type (rules alone):',
  '',
  '| sub-type | tier | tier right | sub-type right |',
  '|---|---|---|---|',
  ...perSubtype,
  '',
  `Misses (rules alone, ${misses.length}):`,
  '',
  ...misses,
].join('\n');

console.log(report);
if (args.write) {
  const path = 'docs/triage.md';
  const doc = readFileSync(path, 'utf8');
  const start = '<!-- triage-tiers:start -->';
  const end = '<!-- triage-tiers:end -->';
  if (!doc.includes(start)) throw new Error(`${path} lacks the ${start} marker`);
  writeFileSync(path, doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), `${start}\n${report}\n${end}`));
  console.log(`\nwritten into ${path}`);
}
