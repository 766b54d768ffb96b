import type { ParsedEmail } from './parse.js';

/**
 * Why a message must not open or update a ticket automatically: automatic replies, bounces and
 * bulk mail would otherwise start mail loops (our acknowledgement → their out-of-office → …).
 * Such mail is quarantined (kept, listed for admins, releasable), never dropped.
 */
export type QuarantineReason = 'auto_submitted' | 'auto_reply' | 'bulk' | 'bounce' | 'own_message' | 'own_address' | 'rate_limited' | 'no_sender';

const DAEMON_SENDERS = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|bounces?)([+-].*)?@/i;
// Automated senders that no human reads: answering them is at best useless.
const NO_REPLY_SENDERS = /^(no-?reply|do-?not-?reply)([+-].*)?@/i;

export interface LoopContext {
  /** The SMTP envelope sender; '' is the null sender of bounces (RFC 5321). Undefined for IMAP. */
  envelopeFrom?: string;
  /** Our own From address, lower-case. */
  ownAddress: string;
  /** True when the message's own Message-ID is one we generated (our mail came back). */
  isOwnMessageId: boolean;
}

/** The reason to quarantine the message, or null when it is ordinary mail. */
export function loopReason(mail: ParsedEmail, ctx: LoopContext): QuarantineReason | null {
  const h = mail.headers;
  const autoSubmitted = h.get('auto-submitted')?.toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return 'auto_submitted';
  if (h.has('x-autoreply') || h.has('x-autorespond') || h.has('x-auto-reply') || h.has('x-autoresponder')) return 'auto_reply';
  const precedence = h.get('precedence')?.toLowerCase();
  if (precedence && /^(bulk|junk|list|auto_reply)/.test(precedence)) return precedence === 'auto_reply' ? 'auto_reply' : 'bulk';
  if (h.has('list-id') || h.has('list-unsubscribe')) return 'bulk';
  if (ctx.envelopeFrom === '') return 'bounce';
  if (/multipart\/report/i.test(mail.contentType) && /delivery-status|disposition-notification/i.test(mail.contentType)) return 'bounce';
  if (!mail.fromAddress) return 'no_sender';
  if (DAEMON_SENDERS.test(mail.fromAddress)) return 'bounce';
  if (NO_REPLY_SENDERS.test(mail.fromAddress)) return 'auto_reply';
  if (ctx.isOwnMessageId) return 'own_message';
  if (mail.fromAddress === ctx.ownAddress) return 'own_address';
  return null;
}
