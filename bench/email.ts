/**
 * Inbound email throughput (issue 6): mail sent over SMTP (nodemailer, pooled connections) into
 * `frontline serve` with FRONTLINE_SMTP_PORT, run as its own process from the build (as `npm start` does),
 * on SQLite, until every message is a ticket and the jobs queued for it have run. Baseline in the same
 * run: the same tickets created through the ticket service directly (in this process, 8 at a time,
 * group commit included, job runner on).
 * Results go to bench/results/ and into docs/benchmarks.md between the bench:email markers.
 *
 *   npm run bench:email                        # builds, then 3,000 emails
 *   npm run bench:email -- --emails 10000 --connections 8
 *   npm run bench:email -- --same-text         # one request sent again and again (an outage)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { createDeps } from '../src/app.js';
import { SYSTEM_ACTOR } from '../src/platform/auth/principal.js';
import { loadConfig } from '../src/platform/config/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { createTicket } from '../src/tickets/tickets.service.js';
import { inboxRequest, inboxSender } from './lib/inbox.js';
import { percentiles } from './lib/load.js';
import { startServer } from './lib/server.js';

const { values: args } = parseArgs({ options: { emails: { type: 'string', default: '3000' }, connections: { type: 'string', default: '8' }, profile: { type: 'string' }, 'same-text': { type: 'boolean', default: false } } });
const EMAILS = Number(args.emails);
const CONNECTIONS = Number(args.connections);
const HTTP_PORT = 3931;
const SMTP_PORT = 2931;
const log = (line: string) => process.stdout.write(`${line}\n`);

/**
 * The mail: by default each one a different support request (bench/lib/inbox.ts); with
 * `--same-text`, one request sent again and again (an outage: every mail is a look-alike, the worst
 * case for incident detection).
 */
const mails = Array.from({ length: EMAILS }, (_, i) => {
  if (args['same-text']) return { subject: `Payment failed twice on checkout (${i})`, body: 'Our customers see a payment failure at checkout since 9am; card declined errors for valid cards.\n\nThanks,\nSam\n\nOn Mon, 24 Nov 2026 at 09:00, Acme Support <support@acme.test> wrote:\n> How can we help?' };
  return inboxRequest(i);
});
const subject = (i: number) => mails[i]!.subject;
const bodyOf = (i: number) => mails[i]!.body;
const body = mails[0]!.body;
// Distinct senders, as real traffic has: one sender at 200 mails/s would (rightly) hit the rate limit.
const sender = inboxSender;

async function baseline(dir: string): Promise<{ perSecond: number; cpuMsPerTicket: number }> {
  const db = await openDatabase(join(dir, 'baseline.db'));
  await migrateToLatest(db);
  const deps = createDeps({ config: loadConfig({ DATABASE_URL: join(dir, 'baseline.db'), FRONTLINE_ATTACHMENTS_DIR: join(dir, 'att-baseline'), LOG_LEVEL: 'silent' }), db, logger: createLogger('silent') });
  // The job runner runs as in `frontline serve`, so work other features queue per ticket (incident checks …) counts on both sides.
  deps.jobs.start();
  await createTicket(deps, SYSTEM_ACTOR, { subject: 'warm-up', body, requester: { email: 'warmup@example.test' }, channel: 'email' });
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < EMAILS) {
        const i = next++;
        await createTicket(deps, SYSTEM_ACTOR, { subject: subject(i), body: bodyOf(i), requester: { email: sender(i) }, channel: 'email' });
      }
    }),
  );
  while (await pendingJobs(deps.db.kysely)) await new Promise((r) => setTimeout(r, 10));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await deps.jobs.stop();
  await db.close();
  return { perSecond: EMAILS / seconds, cpuMsPerTicket: (cpu.user + cpu.system) / 1000 / EMAILS };
}

/** Jobs due now not yet finished; timers scheduled for later (SLA warnings hours away) do not count. */
const pendingJobs = async (db: Kysely<any>) =>
  Number((await db.selectFrom('jobs').select((eb) => eb.fn.countAll().as('n')).where('status', 'in', ['waiting', 'running']).where('run_at', '<=', new Date().toISOString()).executeTakeFirstOrThrow()).n) > 0;

/** The server from the build, as `npm start` runs it (`npm run bench:email` builds first). */
function startSmtpServer(dir: string) {
  // --profile DIR: the server writes a V8 CPU profile there when it stops.
  const profile = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : [];
  return startServer({ DATABASE_URL: join(dir, 'email.db'), FRONTLINE_SMTP_PORT: String(SMTP_PORT), FRONTLINE_SMTP_HOST: '127.0.0.1', FRONTLINE_ATTACHMENTS_DIR: join(dir, 'att'), FRONTLINE_MAIL_FROM: 'Acme Support <support@acme.test>' }, HTTP_PORT, profile);
}

/** A message as nodemailer would send it, as bytes. */
const composeMail = (options: ConstructorParameters<typeof MailComposer>[0]) =>
  new Promise<Buffer>((resolve, reject) => new MailComposer(options).compile().build((error, bytes) => (error ? reject(error) : resolve(bytes))));

async function smtpRun(dir: string) {
  const server = await startSmtpServer(dir);
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: SMTP_PORT, secure: false, ignoreTLS: true, pool: true, maxConnections: CONNECTIONS, maxMessages: Infinity });
  const reader = new Database(join(dir, 'email.db'), { readonly: true });
  const counts = () => reader.prepare(`SELECT (SELECT count(*) FROM tickets WHERE channel = 'email') AS tickets, (SELECT count(*) FROM inbound_emails WHERE status = 'processed') AS processed, (SELECT count(*) FROM inbound_emails) AS received, (SELECT count(*) FROM jobs WHERE status IN ('waiting', 'running') AND run_at <= ?) AS jobs`).get(new Date().toISOString()) as { tickets: number; processed: number; received: number; jobs: number };
  try {
    // Warm-up (JIT, connections, first-ticket paths), not counted.
    await transport.sendMail({ from: 'warmup@example.test', to: 'support@acme.test', subject: 'warm-up', text: 'warm-up' });
    while (counts().processed < 1) await new Promise((r) => setTimeout(r, 20));
    // The messages are composed before the clock starts: MIME building is the sending MTA's work,
    // done on other machines in real life; here it would only take CPU from the server's cores.
    const raws = await Promise.all(mails.map((_, i) => composeMail({ from: `Customer ${i} <${sender(i)}>`, to: 'support@acme.test', subject: subject(i), text: bodyOf(i), messageId: `<bench-${i}@shop.example>` })));
    const cpuBefore = server.cpuSeconds();
    const mainBefore = server.mainThreadCpuSeconds();
    const latencies: number[] = [];
    const clientCpuBefore = process.cpuUsage();
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS * 2 }, async () => {
        while (next < EMAILS) {
          const i = next++;
          const t0 = performance.now();
          await transport.sendMail({ envelope: { from: sender(i), to: ['support@acme.test'] }, raw: raws[i]! });
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const acceptedSeconds = (performance.now() - started) / 1000;
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const clientCpuMsPerEmail = (clientCpu.user + clientCpu.system) / 1000 / EMAILS;
    let c = counts();
    while (c.processed < EMAILS + 1 || c.jobs > 0) {
      if (performance.now() - started > 600_000) throw new Error(`timed out: ${JSON.stringify(c)}`);
      await new Promise((r) => setTimeout(r, 10));
      c = counts();
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuMs = ((server.cpuSeconds() - cpuBefore) * 1000) / EMAILS;
    const mainCpuMs = ((server.mainThreadCpuSeconds() - mainBefore) * 1000) / EMAILS;
    const p = percentiles(latencies, [50, 99]);
    return { perSecond: EMAILS / seconds, acceptedPerSecond: EMAILS / acceptedSeconds, seconds, cpuMsPerEmail: cpuMs, mainThreadCpuMsPerEmail: mainCpuMs, mainThreadBusy: (mainCpuMs * EMAILS) / 1000 / seconds, clientCpuMsPerEmail, smtpP50: p.p50!, smtpP99: p.p99!, tickets: c.tickets - 1, received: c.received - 1 };
  } finally {
    transport.close();
    reader.close();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'frontline-bench-email-'));
  try {
    log(`baseline: ${EMAILS} tickets through the ticket service…`);
    const base = await baseline(dir);
    log(`  ${base.perSecond.toFixed(0)} tickets/s`);
    log(`SMTP: ${EMAILS} emails over ${CONNECTIONS} connections…`);
    const smtp = await smtpRun(dir);
    log(`  ${smtp.perSecond.toFixed(0)} emails/s to tickets (${smtp.tickets} tickets)`);
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`;
    const date = new Date().toISOString().slice(0, 10);
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(new URL(`./results/email-${date}.json`, import.meta.url), JSON.stringify({ machine, date, emails: EMAILS, connections: CONNECTIONS, baseline: base, smtp }, null, 2));
    const table = [
      `Measured ${date} on ${machine}, SQLite, with \`npm run bench:email -- --emails ${EMAILS} --connections ${CONNECTIONS}${args['same-text'] ? ' --same-text' : ''}\`: ${args['same-text'] ? 'one request sent again and again (an outage; every mail a look-alike)' : 'each mail a different request from the demo text generator'}.`,
      '',
      '| measure | value |',
      '|---|---|',
      `| inbound emails through the SMTP listener until each is a ticket (and the jobs it queued have run) | ${smtp.perSecond.toFixed(0)} emails/s (${smtp.tickets} tickets from ${smtp.received} emails in ${smtp.seconds.toFixed(1)} s) |`,
      `| … accepted (250 after the raw mail is stored) | ${smtp.acceptedPerSecond.toFixed(0)} emails/s |`,
      `| … SMTP send latency at the client: p50 / p99 | ${smtp.smtpP50.toFixed(1)} / ${smtp.smtpP99.toFixed(1)} ms |`,
      `| … server CPU time per email: all threads / the main thread (event loop) alone | ${smtp.cpuMsPerEmail.toFixed(2)} / ${smtp.mainThreadCpuMsPerEmail.toFixed(2)} ms (main thread busy ${(100 * smtp.mainThreadBusy).toFixed(0)}% of the run) |`,
      `| … CPU time of the sending client (nodemailer sending the composed messages, in the benchmark's process, on the same cores) per email | ${smtp.clientCpuMsPerEmail.toFixed(2)} ms |`,
      `| baseline: the same tickets through the ticket service, in process, job runner on | ${base.perSecond.toFixed(0)} tickets/s, ${base.cpuMsPerTicket.toFixed(2)} ms CPU per ticket |`,
      `| ratio SMTP / baseline: throughput (CPU per item) | ${(smtp.perSecond / base.perSecond).toFixed(2)} (${(smtp.cpuMsPerEmail / base.cpuMsPerTicket).toFixed(2)}) |`,
    ].join('\n');
    log(`\n${table}`);
    const docsUrl = new URL('../docs/benchmarks.md', import.meta.url);
    const docs = readFileSync(docsUrl, 'utf8');
    const start = '<!-- bench:email:start -->';
    const end = '<!-- bench:email:end -->';
    if (docs.includes(start)) {
      writeFileSync(docsUrl, `${docs.slice(0, docs.indexOf(start) + start.length)}\n${table}\n${docs.slice(docs.indexOf(end))}`);
      log('docs/benchmarks.md updated');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
