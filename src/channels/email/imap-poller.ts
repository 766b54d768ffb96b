import { ImapFlow } from 'imapflow';
import type { ImapConfig } from '../../platform/config/config.js';
import type { Deps } from '../../platform/context.js';
import { mailboxState, saveMailboxState } from './email.store.js';
import type { InboundEmailRow } from './email.tables.js';
import { acceptInbound, processInbound } from './inbound.service.js';

/**
 * Polls one IMAP mailbox. The mailbox is opened read-only (we never mark, move or delete the
 * customer-facing mailbox's mail). Progress is the (UIDVALIDITY, last UID) pair in the database,
 * moved in the same transaction that stores each message, so a crash or restart at any point
 * neither skips nor repeats a message. If the server renumbers the mailbox (a new UIDVALIDITY),
 * we read it again from the start; mail seen before is recognised by its Message-ID and kept
 * as `duplicate` instead of opening tickets twice.
 */
export class ImapPoller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;
  readonly mailbox: string;

  constructor(
    private readonly deps: Deps,
    private readonly config: ImapConfig,
  ) {
    this.mailbox = `${config.user}@${config.host}:${config.port}/${config.folder}`;
  }

  /** Fetches every message newer than the stored mark; returns how many were stored. */
  async pollOnce(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.poll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async poll(): Promise<number> {
    const { deps, config } = this;
    const client = new ImapFlow({
      host: config.host,
      port: config.port,
      secure: config.tls,
      auth: { user: config.user, pass: config.password },
      logger: false,
      // Without TLS imapflow would try STARTTLS when offered; keep plain connections plain only when asked.
      doSTARTTLS: config.tls ? undefined : false,
    });
    client.on('error', (error: Error) => deps.logger.warn({ err: error.message, mailbox: this.mailbox }, 'IMAP connection error'));
    await client.connect();
    const accepted: InboundEmailRow[] = [];
    try {
      const box = await client.mailboxOpen(config.folder, { readOnly: true });
      const uidValidity = String(box.uidValidity);
      const state = await mailboxState(deps.db.kysely, this.mailbox);
      let lastUid = state && state.uid_validity === uidValidity ? Number(state.last_uid) : 0;
      if (state && state.uid_validity !== uidValidity) deps.logger.warn({ mailbox: this.mailbox }, 'IMAP UIDVALIDITY changed; reading the mailbox again (duplicates are recognised by Message-ID)');
      if (box.exists > 0) {
        // `n:*` always includes the newest message, even when its UID is below n: filter by UID.
        for await (const message of client.fetch(`${lastUid + 1}:*`, { uid: true, source: true }, { uid: true })) {
          if (message.uid <= lastUid || !message.source) continue;
          const uid = message.uid;
          const row = await acceptInbound(deps, { raw: message.source, source: `imap:${this.mailbox}`, sourceRef: `${uidValidity}:${uid}` }, (trx) =>
            saveMailboxState(trx, this.mailbox, uidValidity, uid, deps.clock.now().toISOString()),
          );
          lastUid = uid;
          if (row) accepted.push(row);
        }
      }
      if (!state || state.uid_validity !== uidValidity) await saveMailboxState(deps.db.kysely, this.mailbox, uidValidity, lastUid, deps.clock.now().toISOString());
    } finally {
      await client.logout().catch(() => client.close());
    }
    for (const row of accepted) await processInbound(deps, row);
    return accepted.length;
  }

  /** Polls now and then every `pollSeconds`; failures are logged and retried at the next tick. */
  start(): void {
    const tick = async () => {
      try {
        await this.pollOnce();
      } catch (error) {
        this.deps.logger.warn({ err: (error as Error).message, mailbox: this.mailbox }, 'IMAP poll failed');
      }
      if (!this.stopped) {
        this.timer = setTimeout(tick, this.config.pollSeconds * 1000);
        this.timer.unref();
      }
    };
    void tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}
