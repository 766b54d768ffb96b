/**
 * Separates what the sender just wrote from the history their mail client quoted below it and
 * from their signature. Works on plain text (mailparser gives the text part, or we derive it from
 * the HTML). Only ever cuts at a recognised marker; when no marker is found, or when cutting would
 * leave nothing, the whole text is kept — showing too much beats losing what the customer wrote.
 */
export interface SplitText {
  /** The new text: what the ticket shows. */
  text: string;
  /** True when quoted history or a signature was removed (the full original stays on the inbound email). */
  trimmed: boolean;
}

// "On Mon, 24 Nov 2026 at 10:02, Ann <ann@x.com> wrote:" (Gmail, Apple Mail, Thunderbird) and a few locales.
const REPLY_HEADER = /^(on\s.+\swrote|le\s.+\sa\sécrit|am\s.+\sschrieb|el\s.+\sescribió|op\s.+\sschreef)\s?:\s*$/i;
// Outlook's separators.
const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(original message|forwarded message|ursprüngliche nachricht|message d'origine)\s*-{2,}\s*$/i;
const UNDERSCORE_RULE = /^\s*_{8,}\s*$/;
const HEADER_FROM = /^\s*\*?(from|von|de)\s?:\*?\s+\S/i;
const HEADER_NEXT = /^\s*\*?(sent|date|to|subject|cc|gesendet|an|betreff|envoyé|à|objet)\s?:\*?/i;
// "-- " is the standard signature delimiter (RFC 3676); some clients drop the trailing space.
const SIGNATURE = /^--\s?$/;
const MOBILE_SIGNATURE = /^(sent from my (iphone|ipad|android|mobile|samsung|galaxy)|get outlook for (ios|android)|sent from (outlook|mail) for)/i;

/** Splits the new text from quoted history and signature. */
export function splitQuotedText(input: string): SplitText {
  const full = input.replace(/\r\n?/g, '\n');
  const lines = full.split('\n');
  let cut = lines.length;
  for (let i = 0; i < lines.length && i < cut; i++) {
    if (isHistoryStart(lines, i)) {
      cut = i;
      break;
    }
  }
  cut = Math.min(cut, trailingQuoteStart(lines, cut));
  cut = Math.min(cut, signatureStart(lines, cut));
  const text = lines.slice(0, cut).join('\n').trim();
  if (!text) return { text: full.trim(), trimmed: false };
  return { text, trimmed: cut < lines.length && lines.slice(cut).some((l) => l.trim() !== '') };
}

function isHistoryStart(lines: string[], i: number): boolean {
  const line = lines[i]!;
  if (ORIGINAL_MESSAGE.test(line)) return true;
  if (REPLY_HEADER.test(line.trim())) return true;
  // Gmail wraps long attributions over two lines: "On …, Ann <" / "ann@x.com> wrote:".
  if (/^on\s/i.test(line.trim()) && i + 1 < lines.length && REPLY_HEADER.test(`${line.trim()} ${lines[i + 1]!.trim()}`)) return true;
  // Outlook without a separator: "From: …" followed by "Sent:"/"To:"/"Subject:" lines.
  if (HEADER_FROM.test(line) || (UNDERSCORE_RULE.test(line) && HEADER_FROM.test(lines[i + 1] ?? ''))) {
    const start = UNDERSCORE_RULE.test(line) ? i + 1 : i;
    let headers = 0;
    for (let j = start + 1; j < Math.min(lines.length, start + 5); j++) if (HEADER_NEXT.test(lines[j]!)) headers++;
    return headers >= 2;
  }
  return false;
}

/** Where the block of `>`-quoted lines that runs to the end starts (inline replies between quotes are kept). */
function trailingQuoteStart(lines: string[], end: number): number {
  let start = end;
  for (let i = end - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('>')) {
      if (line.startsWith('>')) start = i;
      continue;
    }
    break;
  }
  return start;
}

function signatureStart(lines: string[], end: number): number {
  for (let i = 0; i < end; i++) {
    if (SIGNATURE.test(lines[i]!) || MOBILE_SIGNATURE.test(lines[i]!.trim())) return i;
  }
  return end;
}
