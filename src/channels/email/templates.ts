/** Plain-text and HTML bodies of outbound mail. Kept as code: small, typed, escaped by construction. */
export interface RenderedBody {
  text: string;
  html: string;
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Paragraphs and line breaks of plain text as safe HTML. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

function layout(inner: string, footer: string | null): string {
  const foot = footer ? `<hr style="border:none;border-top:1px solid #ddd;margin:24px 0 8px"><p style="color:#777;font-size:12px">${escapeHtml(footer)}</p>` : '';
  return `<!doctype html><html><body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5;color:#222">${inner}${foot}</body></html>`;
}

/** Any mail: the given text, with a ticket footer when it belongs to a ticket. */
export function renderMail(input: { text: string; html?: string; ticketNumber?: number }): RenderedBody {
  const footer = input.ticketNumber ? `Ticket [#${input.ticketNumber}] — reply to this email to add to the conversation.` : null;
  return {
    text: footer ? `${input.text.trimEnd()}\n\n-- \n${footer}\n` : input.text,
    html: input.html ? input.html : layout(textToHtml(input.text), footer),
  };
}
