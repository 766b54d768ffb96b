/**
 * Summarises a V8 CPU profile (`--cpu-prof`, e.g. from `bench/email.ts --profile DIR`): time per
 * function including what it calls (synchronous stacks only; an async function's parts after an
 * await count under whatever resumed them), divided by `--per` (the mails or tickets of the run).
 *
 *   npx tsx bench/profile-summary.ts DIR/CPU.*.cpuprofile --per 3000 [--match 'dist/|node_modules'] [--top 40]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: args, positionals } = parseArgs({ allowPositionals: true, options: { per: { type: 'string', default: '1' }, match: { type: 'string', default: '' }, top: { type: 'string', default: '40' } } });
if (positionals.length !== 1) throw new Error('usage: profile-summary.ts PROFILE --per N [--match REGEX] [--top N]');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
const per = Number(args.per);
const match = new RegExp(args.match);

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const label = (node: ProfileNode) => {
  const path = node.callFrame.url.replace(/^file:\/\//, '');
  const url = path.includes('node_modules/') ? path.replace(/.*node_modules\//, 'node_modules/') : path.replace(/.*\/(dist|src|bench)\//, '$1/');
  return `${node.callFrame.functionName || '(anonymous)'} ${url}${url ? `:${node.callFrame.lineNumber + 1}` : ''}`;
};

// Sampled microseconds per node, then added to every distinct function on the node's stack.
const selfTime = new Map<number, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  selfTime.set(id, (selfTime.get(id) ?? 0) + dt);
});
const inclusive = new Map<string, number>();
for (const [id, time] of selfTime) {
  const seen = new Set<string>();
  for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
    const name = label(byId.get(node)!);
    if (seen.has(name)) continue; // recursion counts once
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + time);
  }
}
process.stdout.write(`${(total / 1000).toFixed(0)} ms sampled; per item (÷${per}), including callees:\n`);
for (const [name, time] of [...inclusive].filter(([name]) => match.test(name)).sort((a, b) => b[1] - a[1]).slice(0, Number(args.top))) {
  process.stdout.write(`${(time / 1000 / per).toFixed(3).padStart(8)} ms  ${((100 * time) / total).toFixed(1).padStart(5)}%  ${name}\n`);
}
