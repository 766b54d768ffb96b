import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Deps } from '../../platform/context.js';
import { acceptInbound, processInbound } from './inbound.service.js';

export interface SmtpListener {
  port: number;
  /** Stops accepting, then waits for messages already accepted to be processed. */
  close(): Promise<void>;
  /** Resolves once every message accepted so far has been processed (tests, benchmarks). */
  idle(): Promise<void>;
}

/**
 * The built-in inbound SMTP server (an MX for the support domain, not a relay: we never forward).
 * A message is answered 250 only once it is stored (raw on disk, row in the database); processing
 * into a ticket follows in the background. Messages above the SIZE limit are refused with 552
 * while the client is still connected, so the sending server bounces them to their author.
 * STARTTLS and AUTH are off: put a TLS-terminating MTA in front when mail crosses the internet.
 */
export async function startSmtpListener(deps: Deps, options: { port: number; host: string }): Promise<SmtpListener> {
  const maxBytes = deps.config.email.maxMessageBytes;
  const processing = new Set<Promise<unknown>>();
  const server = new SMTPServer({
    name: 'frontline',
    banner: 'Frontline inbound mail',
    size: maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    maxClients: 200,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null, message?: string) => void) {
      const chunks: Buffer[] = [];
      let length = 0;
      stream.on('data', (chunk: Buffer) => {
        // Past the limit we keep reading (the protocol needs the whole DATA) but stop buffering.
        if (length <= maxBytes) chunks.push(chunk);
        length += chunk.length;
      });
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded || length > maxBytes) {
          callback(Object.assign(new Error(`Message too large: the limit is ${maxBytes} bytes`), { responseCode: 552 }));
          return;
        }
        const mailFrom = session.envelope.mailFrom;
        const raw = Buffer.concat(chunks, length);
        acceptInbound(deps, { raw, source: 'smtp', envelopeFrom: mailFrom === false ? '' : mailFrom.address })
          .then((row) => {
            callback(null, `Queued as ${row?.id}`);
            if (!row) return;
            const work = processInbound(deps, row, { raw }).catch((error) => deps.logger.error({ err: error, inboundEmailId: row.id }, 'inbound processing crashed'));
            processing.add(work);
            void work.finally(() => processing.delete(work));
          })
          .catch((error) => {
            deps.logger.error({ err: error }, 'could not store an inbound email');
            // 451: temporary; the sender keeps the message and tries again later.
            callback(Object.assign(new Error('Temporary failure storing the message; try again later'), { responseCode: 451 }));
          });
      });
    },
  });
  server.on('error', (error) => deps.logger.error({ err: error }, 'SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as { port: number }).port;
  deps.logger.info({ port, host: options.host }, 'SMTP listener started');
  return {
    port,
    async idle() {
      while (processing.size > 0) await Promise.allSettled([...processing]);
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...processing]);
    },
  };
}
