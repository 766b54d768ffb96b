/**
 * Live chat under load: 1,000 visitor WebSocket connections and 5 agents on one node (SQLite),
 * every visitor in its own chat. Measures the delivery time of messages visitor → agent and
 * agent → visitor (send to receipt, same process clock), against a baseline measured in the same
 * run: a bare `ws` relay that stores nothing, under the same load.
 *
 *   npm run build && npx tsx bench/chat.ts [--visitors 1000] [--seconds 20]
 *
 * Writes its table into docs/benchmarks.md between the bench:chat markers.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { createToken } from '../src/accounts/tokens.service.js';
import { createUser } from '../src/accounts/users.service.js';
import { createDeps } from '../src/app.js';
import { SYSTEM_ACTOR } from '../src/platform/auth/principal.js';
import { loadConfig } from '../src/platform/config/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { freePort } from '../src/test-support/embedded-postgres.js';
import { percentiles } from './lib/load.js';
import { startServer } from './lib/server.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const VISITORS = arg('visitors', 1000);
const AGENTS = 5;
const SECONDS = arg('seconds', 20);
/** Each visitor writes about once every this many seconds: 1,000 visitors ≈ 100 messages/s each way. */
const VISITOR_PERIOD_S = 10;

type Frame = Record<string, unknown> & { type: string };

function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

interface Run {
  toAgent: number[];
  toVisitor: number[];
  sent: number;
  lost: number;
}

/**
 * Drives the load: visitors say hello and start their chats, then each writes at random times;
 * agents answer every message at once. `frontline` speaks our protocol; the baseline relay
 * accepts the same frames and forwards them without storing anything.
 */
async function drive(url: string, agentHeaders: Record<string, string>[]): Promise<Run> {
  const sentAt = new Map<string, number>();
  const run: Run = { toAgent: [], toVisitor: [], sent: 0, lost: 0 };
  const agents = await Promise.all(agentHeaders.map((h) => open(`${url}?role=agent`, h)));
  for (const agent of agents) {
    agent.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      if (frame.type !== 'message' || frame.sender !== 'visitor') return;
      const started = sentAt.get(frame.clientId as string);
      if (started !== undefined) {
        run.toAgent.push(performance.now() - started);
        sentAt.delete(frame.clientId as string);
      }
      const clientId = `a-${frame.clientId as string}`;
      sentAt.set(clientId, performance.now());
      agent.send(JSON.stringify({ type: 'message', sessionId: frame.sessionId, clientId, body: 'Thanks, looking into it.' }));
    });
  }
  const visitors: WebSocket[] = [];
  for (let i = 0; i < VISITORS; i++) {
    const ws = await open(url);
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      if (frame.type !== 'message' || frame.sender !== 'agent') return;
      const started = sentAt.get(frame.clientId as string);
      if (started !== undefined) {
        run.toVisitor.push(performance.now() - started);
        sentAt.delete(frame.clientId as string);
      }
    });
    ws.send(JSON.stringify({ type: 'hello', visitorId: `bench-visitor-${i.toString().padStart(6, '0')}` }));
    visitors.push(ws);
  }
  // Warm-up: every visitor starts its chat (the first message creates and routes it).
  await Promise.all(
    visitors.map(
      (ws, i) =>
        new Promise<void>((resolve) => {
          const onAck = (data: WebSocket.RawData) => {
            const frame = JSON.parse(data.toString()) as Frame;
            if (frame.type === 'ack') {
              ws.off('message', onAck);
              resolve();
            }
          };
          ws.on('message', onAck);
          ws.send(JSON.stringify({ type: 'message', clientId: `w-${i}`, body: 'Hello, I need help with my order.' }));
        }),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  run.toAgent.length = 0;
  run.toVisitor.length = 0;
  sentAt.clear();
  // Measured period.
  const timers: NodeJS.Timeout[] = [];
  visitors.forEach((ws, i) => {
    const tick = (n: number) => {
      const clientId = `v-${i}-${n}`;
      sentAt.set(clientId, performance.now());
      run.sent += 1;
      ws.send(JSON.stringify({ type: 'message', clientId, body: `Message ${n}: the parcel still has not arrived, tracking shows nothing.` }));
      timers.push(setTimeout(() => tick(n + 1), VISITOR_PERIOD_S * 1000 * (0.5 + Math.random())));
    };
    timers.push(setTimeout(() => tick(0), Math.random() * VISITOR_PERIOD_S * 1000));
  });
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  timers.forEach(clearTimeout);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  run.lost = [...sentAt.keys()].filter((k) => k.startsWith('v-')).length;
  for (const ws of [...visitors, ...agents]) ws.terminate();
  return run;
}

/** The baseline: a relay that pairs each visitor with an agent round-robin and stores nothing. */
const RELAY = `
const { WebSocketServer } = require('ws');
const wss = new WebSocketServer({ port: Number(process.argv[1]), host: '127.0.0.1' });
const agents = []; const chatAgent = new Map(); const visitors = new Map(); let next = 0; let seq = 0;
wss.on('connection', (ws, req) => {
  const agent = req.url.includes('role=agent');
  if (agent) agents.push(ws);
  let chat = null;
  ws.on('message', (data) => {
    const f = JSON.parse(data.toString());
    if (agent && f.type === 'message') { const v = visitors.get(f.sessionId); if (v) v.send(JSON.stringify({ type: 'message', sessionId: f.sessionId, seq: ++seq, sender: 'agent', clientId: f.clientId, body: f.body })); return; }
    if (f.type === 'hello') { chat = f.visitorId; visitors.set(chat, ws); chatAgent.set(chat, agents[next++ % agents.length]); return; }
    if (f.type === 'message') { ws.send(JSON.stringify({ type: 'ack', clientId: f.clientId, seq: ++seq })); chatAgent.get(chat).send(JSON.stringify({ type: 'message', sessionId: chat, seq, sender: 'visitor', clientId: f.clientId, body: f.body })); }
  });
});
console.log('listening on');
`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'frontline-chat-bench-'));
  const databaseUrl = join(dir, 'chat.db');
  const db = await openDatabase(databaseUrl);
  await migrateToLatest(db);
  const deps = createDeps({ config: loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', FRONTLINE_DEMO: '0' }), db, logger: createLogger('silent') });
  const tokens: string[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const user = await createUser(deps, SYSTEM_ACTOR, { email: `agent${i}@bench.example`, name: `Agent ${i}`, role: 'agent', password: 'correct horse battery' });
    tokens.push((await createToken(deps, SYSTEM_ACTOR, { userId: user.id, name: 'bench' })).token);
  }
  await db.close();

  const relayPort = await freePort();
  const relay = spawn(process.execPath, ['-e', RELAY, String(relayPort)], { stdio: ['ignore', 'pipe', 'inherit'], cwd: process.cwd() });
  await new Promise<void>((resolve) => relay.stdout!.once('data', () => resolve()));
  const baseline = await drive(`ws://127.0.0.1:${relayPort}/`, tokens.map(() => ({})));
  relay.kill();

  const server = await startServer({ DATABASE_URL: databaseUrl }, await freePort());
  const cpuBefore = server.cpuSeconds();
  const ours = await drive(`${server.url.replace('http', 'ws')}/chat/ws`, tokens.map((t) => ({ authorization: `Bearer ${t}` })));
  const cpu = server.cpuSeconds() - cpuBefore;
  const memory = server.memory();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });

  const row = (name: string, r: Run) => {
    const a = percentiles(r.toAgent, [50, 95, 99]);
    const v = percentiles(r.toVisitor, [50, 95, 99]);
    return `| ${name} | ${r.sent} | ${r.lost} | ${a.p50!.toFixed(1)} / ${a.p95!.toFixed(1)} / **${a.p99!.toFixed(1)}** | ${v.p50!.toFixed(1)} / ${v.p95!.toFixed(1)} / **${v.p99!.toFixed(1)}** |`;
  };
  const p99 = (r: Run) => percentiles([...r.toAgent, ...r.toVisitor], [99]).p99!;
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npx tsx bench/chat.ts\` (${VISITORS} visitor connections, ${AGENTS} agents, one chat per visitor, ~${Math.round(VISITORS / VISITOR_PERIOD_S)} visitor messages/s for ${SECONDS} s, each answered at once by its agent; SQLite; Node ${process.versions.node}; the load generator runs on the same 2 cores).`,
    '',
    '| Server | Visitor messages | Unanswered | Visitor → agent ms p50 / p95 / p99 | Agent → visitor ms p50 / p95 / p99 |',
    '|---|---|---|---|---|',
    row('Frontline `/chat/ws` (stores every message first)', ours),
    row('Baseline: bare `ws` relay, nothing stored', baseline),
    '',
    `p99 over both directions: Frontline ${p99(ours).toFixed(1)} ms, baseline ${p99(baseline).toFixed(1)} ms (ratio ${(p99(ours) / p99(baseline)).toFixed(2)}). Server CPU ${(cpu / SECONDS).toFixed(2)} s per second of load; RSS ${memory.rssMb.toFixed(0)} MB (peak ${memory.peakMb.toFixed(0)} MB) with ${VISITORS + AGENTS} sockets open.`,
  ].join('\n');
  console.log(table);
  const docs = 'docs/benchmarks.md';
  const text = readFileSync(docs, 'utf8');
  const block = `<!-- bench:chat:start -->\n${table}\n<!-- bench:chat:end -->`;
  writeFileSync(docs, text.includes('<!-- bench:chat:start -->') ? text.replace(/<!-- bench:chat:start -->[\s\S]*<!-- bench:chat:end -->/, block) : `${text.trimEnd()}\n\n## Live chat\n\n${block}\n`);
}

await main();
