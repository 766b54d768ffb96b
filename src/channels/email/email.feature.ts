import type { Deps } from '../../platform/context.js';
import { startPeriodicTasks } from '../../platform/jobs/periodic.js';
import { customerEmail, staleReceived } from './email.store.js';
import { installInboundHooks } from './inbound-context.js';
import { EMAIL_RECEIVE_JOB, retryInboundJob } from './inbound.service.js';
import { closeTransports, EMAIL_SEND_JOB, enqueueEmail, sendEmailJob } from './outbound.service.js';

/**
 * Wires email into every process: the `email.send` and `email.receive` jobs, the inbound
 * bookkeeping hooks, and the hook that mails public agent replies on email tickets to the
 * requester, queued in the reply's own transaction (no reply without its mail, and no mail for a
 * reply that rolled back).
 */
export function installEmail(deps: Deps): void {
  deps.jobs.register(EMAIL_SEND_JOB, (payload, job) => sendEmailJob(deps, payload, job), { concurrency: 4, backoffMs: 30_000 });
  deps.jobs.register<{ inboundEmailId: string }>(EMAIL_RECEIVE_JOB, (payload) => retryInboundJob(deps, payload), { backoffMs: 60_000 });
  installInboundHooks(deps.lifecycle);
  deps.lifecycle.afterMessage.push(async ({ trx, ticket, message }) => {
    if (message.visibility !== 'public' || message.author_type !== 'agent' || ticket.channel !== 'email') return;
    const to = await customerEmail(trx, ticket.requester_id);
    if (!to) return;
    await enqueueEmail(deps, { to, subject: `Re: ${ticket.subject}`, text: message.body_text, ticketId: ticket.id, messageId: message.id }, trx);
  });
}

/**
 * Starts inbound mail in the roles that do background work: the SMTP listener when
 * FRONTLINE_SMTP_PORT is set, the IMAP poller when FRONTLINE_IMAP_HOST is set, and a sweep that
 * retries messages left `received` by a process that died mid-way. Returns the stop function.
 */
export async function startEmailChannels(deps: Deps): Promise<{ smtpPort: number | undefined; stop: () => Promise<void> }> {
  const { email } = deps.config;
  // smtp-server and imapflow are loaded only where they run (they take a second to load; CLI commands never need them).
  const smtp = email.smtpPort !== undefined ? await (await import('./smtp-listener.js')).startSmtpListener(deps, { port: email.smtpPort, host: email.smtpHost }) : undefined;
  const imap = email.imap ? new (await import('./imap-poller.js')).ImapPoller(deps, email.imap) : undefined;
  imap?.start();
  const stopSweep = startPeriodicTasks([{ name: 'retry stalled inbound email', everyMs: 60_000, run: () => sweepStalledInbound(deps) }], deps.logger);
  return {
    smtpPort: smtp?.port,
    async stop() {
      stopSweep();
      await imap?.stop();
      await smtp?.close();
      closeTransports();
    },
  };
}

/** Queues a retry for mail stored over five minutes ago and still `received`. */
export async function sweepStalledInbound(deps: Deps): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - 5 * 60_000).toISOString();
  const rows = await staleReceived(deps.db.kysely, before, 500);
  for (const row of rows) await deps.jobs.enqueue(EMAIL_RECEIVE_JOB, { inboundEmailId: row.id }, { key: row.id, maxAttempts: 8 });
  return rows.length;
}
