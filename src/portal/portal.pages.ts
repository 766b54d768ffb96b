import { html, type SafeHtml } from '../platform/http/html.js';

const STATUS_LABELS: Record<string, string> = { new: 'Received', open: 'In progress', pending: 'Waiting for you', on_hold: 'On hold', solved: 'Solved', closed: 'Closed' };
const statusLabel = (status: string) => STATUS_LABELS[status] ?? status;

export interface Layout {
  title: string;
  signedInAs?: string;
  csrf?: string;
}

/** The portal's frame: landmarks, a skip link, and a sign-out form when signed in. */
export function layout(page: Layout, main: SafeHtml): string {
  const nav = page.signedInAs
    ? html`<nav aria-label="Portal"><a href="/portal/tickets">My requests</a> · <a href="/portal/tickets/new">New request</a> · <a href="/help">Help center</a>
<form method="post" action="/portal/logout" class="inline"><input type="hidden" name="csrf" value="${page.csrf}"><button type="submit" class="link">Sign out (${page.signedInAs})</button></form></nav>`
    : html``;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${page.title} – Support portal</title>
<style>
:root { --fl-accent: #2754c5; --fl-text: #1b1f24; --fl-muted: #5b6470; --fl-bg: #fff; --fl-line: #d8dde3; }
body { font: 16px/1.5 system-ui, sans-serif; color: var(--fl-text); background: var(--fl-bg); max-width: 48rem; margin: 0 auto; padding: 1rem; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; }
header { border-bottom: 1px solid var(--fl-line); margin-bottom: 1rem; display: flex; flex-wrap: wrap; justify-content: space-between; gap: .5rem; }
a { color: var(--fl-accent); } .inline { display: inline; } .link { background: none; border: 0; color: var(--fl-accent); cursor: pointer; font: inherit; padding: 0; text-decoration: underline; }
label { display: block; font-weight: 600; margin-top: .75rem; } input[type=text], input[type=email], textarea { width: 100%; font: inherit; padding: .4rem; box-sizing: border-box; }
textarea { min-height: 8rem; } button.primary { background: var(--fl-accent); color: #fff; border: 0; padding: .6rem 1.2rem; border-radius: .3rem; font: inherit; margin-top: .75rem; }
.message { border: 1px solid var(--fl-line); border-radius: .3rem; padding: .75rem; margin: .75rem 0; white-space: pre-wrap; } .message.agent { background: #f4f7fd; }
.meta { color: var(--fl-muted); font-size: .9rem; } table { width: 100%; border-collapse: collapse; } td, th { text-align: left; padding: .4rem; border-bottom: 1px solid var(--fl-line); }
</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><strong>Support portal</strong>${nav}</header>
<main id="main">
${main}
</main>
</body>
</html>`.value;
}

export const signInPage = (message?: string) =>
  layout(
    { title: 'Sign in' },
    html`<h1>Sign in</h1>
${message ? html`<p role="status">${message}</p>` : ''}
<p>Enter your e-mail address and we will send you a link that signs you in.</p>
<form method="post" action="/portal/login">
<label for="email">E-mail address</label>
<input type="email" id="email" name="email" required autocomplete="email" maxlength="254">
<button type="submit" class="primary">Send me a sign-in link</button>
</form>`,
  );

export const messagePage = (title: string, message: string, link?: { href: string; label: string }) =>
  layout({ title }, html`<h1>${title}</h1><p>${message}</p>${link ? html`<p><a href="${link.href}">${link.label}</a></p>` : ''}`);

export function ticketsPage(page: Layout, tickets: { id: string; number: number | string; subject: string; status: string; updated_at: string }[]) {
  const rows = tickets.map(
    (t) => html`<tr><td><a href="/portal/tickets/${t.id}">#${t.number} ${t.subject}</a></td><td>${statusLabel(t.status)}</td><td><time datetime="${t.updated_at}">${t.updated_at.slice(0, 10)}</time></td></tr>`,
  );
  return layout(
    page,
    html`<h1>My requests</h1>
<p><a href="/portal/tickets/new">Open a new request</a></p>
${tickets.length === 0 ? html`<p>You have no requests yet.</p>` : html`<table><thead><tr><th scope="col">Request</th><th scope="col">Status</th><th scope="col">Updated</th></tr></thead><tbody>${rows}</tbody></table>`}`,
  );
}

export interface Suggestion {
  id: string;
  title: string;
  snippet: string;
}

const suggestionList = (items: Suggestion[]) =>
  html`<ul>${items.map((s) => html`<li><a href="/portal/articles/${s.id}">${s.title}</a><br><span class="meta">${s.snippet}</span></li>`)}</ul>`;

/**
 * The new-request form. Without JavaScript, "Find answers" shows matching articles before the
 * customer sends; with it, they appear while typing, and leaving with text typed is recorded.
 */
export function newTicketPage(page: Layout, values: { subject: string; body: string }, suggestions: Suggestion[] | null, error?: string) {
  const found = suggestions === null
    ? html``
    : suggestions.length === 0
      ? html`<p>No articles match yet.</p>`
      : html`<h2>These articles may answer your question</h2>${suggestionList(suggestions)}`;
  return layout(
    page,
    html`<h1>New request</h1>
${error ? html`<p role="alert">${error}</p>` : ''}
<form method="post" action="/portal/tickets" id="new-request">
<input type="hidden" name="csrf" value="${page.csrf}">
<label for="subject">Subject</label>
<input type="text" id="subject" name="subject" required maxlength="500" value="${values.subject}" autocomplete="off">
<section id="suggestions" aria-live="polite">${found}</section>
<label for="body">How can we help?</label>
<textarea id="body" name="body" required maxlength="100000">${values.body}</textarea>
<button type="submit" name="action" value="suggest" class="link">Find answers first</button>
<button type="submit" name="action" value="send" class="primary">Send request</button>
</form>
<script>
(() => {
  const form = document.getElementById('new-request'); const subject = document.getElementById('subject'); const box = document.getElementById('suggestions');
  let timer; let sent = false; const esc = (s) => s.replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
  subject.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(async () => {
    const res = await fetch('/portal/suggest?q=' + encodeURIComponent(subject.value)); if (!res.ok) return;
    const { items } = await res.json();
    box.innerHTML = items.length ? '<h2>These articles may answer your question</h2><ul>' + items.map((s) => '<li><a href="/portal/articles/' + esc(s.id) + '">' + esc(s.title) + '</a><br><span class="meta">' + esc(s.snippet) + '</span></li>').join('') + '</ul>' : '';
  }, 250); });
  form.addEventListener('submit', () => { sent = true; });
  addEventListener('pagehide', () => { if (!sent && subject.value.trim()) navigator.sendBeacon('/portal/events', new URLSearchParams({ kind: 'form_abandoned', q: subject.value, csrf: form.csrf.value })); });
})();
</script>`,
  );
}

export function ticketPage(
  page: Layout,
  ticket: { id: string; number: number | string; subject: string; status: string },
  messages: { id: string; author_type: string; body_text: string; created_at: string }[],
  surveyUrl: string | null,
) {
  const conversation = messages.map(
    (m) => html`<article class="message ${m.author_type === 'customer' ? 'customer' : 'agent'}"><p class="meta">${m.author_type === 'customer' ? 'You' : 'Support'} · <time datetime="${m.created_at}">${m.created_at.slice(0, 16).replace('T', ' ')}</time></p>${m.body_text}</article>`,
  );
  const closed = ticket.status === 'closed';
  return layout(
    page,
    html`<h1>#${ticket.number} ${ticket.subject}</h1>
<p>Status: <strong>${statusLabel(ticket.status)}</strong></p>
${surveyUrl ? html`<p><a href="${surveyUrl}">Tell us how we did</a></p>` : ''}
<section aria-label="Conversation">${conversation}</section>
${closed
  ? html`<p>This request is closed. <a href="/portal/tickets/new">Open a new request</a> if you need more help.</p>`
  : html`<form method="post" action="/portal/tickets/${ticket.id}/reply">
<input type="hidden" name="csrf" value="${page.csrf}">
<label for="reply">Your reply</label>
<textarea id="reply" name="body" required maxlength="100000"></textarea>
<button type="submit" class="primary">Send reply</button>
</form>`}`,
  );
}
