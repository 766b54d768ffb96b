import type { ParsedMail } from 'mailparser';
import { htmlToText, sanitizeMessageHtml } from '../../tickets/sanitize.js';

/** What the rest of the email feature needs from a message, already cleaned. */
export interface ParsedEmail {
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  fromAddress: string | null;
  fromName: string | null;
  /** One line, control characters (CR/LF header injection included) replaced by spaces. */
  subject: string;
  /** The text part, or text derived from the sanitised HTML. */
  text: string;
  /** Sanitised HTML (scripts, styles, handlers removed); null when the mail had none. */
  html: string | null;
  /** Header values by lower-case name (first occurrence), unfolded. */
  headers: Map<string, string>;
  contentType: string;
  attachments: ParsedAttachment[];
}

export interface ParsedAttachment {
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
  contentId: string | null;
}

const SUBJECT_MAX = 500;

/** One line of printable text: removes CR, LF and other control characters, collapses spaces. */
export function oneLine(value: string, max = SUBJECT_MAX): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s{2,}/g, ' ').trim().slice(0, max);
}

/** Message-IDs in a header value, without angle brackets. */
export function messageIds(value: string | string[] | undefined | null): string[] {
  if (!value) return [];
  const joined = Array.isArray(value) ? value.join(' ') : value;
  const bracketed = [...joined.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  const ids = bracketed.length > 0 ? bracketed : joined.split(/[\s,]+/).filter((s) => s.includes('@'));
  return [...new Set(ids.map((id) => id.trim().slice(0, 500)).filter(Boolean))];
}

// Loaded on first use: every CLI command imports the app, and mailparser alone takes most of a
// second to load. Kept, because each `import()` goes through the module loader again (per mail).
let mailparser: Promise<typeof import('mailparser')> | undefined;

/**
 * Parses a raw message. mailparser is lenient (broken MIME becomes text, unknown charsets fall back
 * to a default decoding), so this throws only for input that cannot be read at all; the caller
 * records that as a failure of the stored message.
 */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const { simpleParser } = await (mailparser ??= import('mailparser'));
  const mail = await simpleParser(raw, { skipImageLinks: true, skipHtmlToText: true, skipTextToHtml: true, keepCidLinks: true });
  const headers = headerMap(mail);
  const html = typeof mail.html === 'string' && mail.html.trim() ? sanitizeMessageHtml(mail.html) : null;
  const text = (mail.text ?? '').trim() || (html ? htmlToText(html) : '');
  const from = mail.from?.value?.[0];
  return {
    messageId: messageIds(mail.messageId)[0] ?? null,
    inReplyTo: messageIds(mail.inReplyTo),
    references: messageIds(mail.references),
    // An address we could never reply to counts as none (the message is then quarantined as no_sender).
    fromAddress: from?.address && /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(from.address.trim()) ? from.address.trim().toLowerCase().slice(0, 254) : null,
    fromName: from?.name ? oneLine(from.name, 200) || null : null,
    subject: oneLine(mail.subject ?? ''),
    text,
    html,
    headers,
    contentType: headers.get('content-type') ?? 'text/plain',
    attachments: (mail.attachments ?? []).map((a) => ({
      filename: oneLine(a.filename ?? 'attachment', 255) || 'attachment',
      contentType: oneLine(a.contentType ?? 'application/octet-stream', 255),
      size: a.content?.length ?? a.size ?? 0,
      content: a.content ?? Buffer.alloc(0),
      contentId: a.contentId ? oneLine(a.contentId, 255) : null,
    })),
  };
}

function headerMap(mail: ParsedMail): Map<string, string> {
  const map = new Map<string, string>();
  for (const { key, line } of mail.headerLines ?? []) {
    const name = key.toLowerCase();
    if (map.has(name)) continue;
    const colon = line.indexOf(':');
    map.set(name, oneLine(line.slice(colon + 1), 2000));
  }
  return map;
}
