import { html } from '../html.js';
import { href, type Page, type PageContext } from './layout.js';

export interface ContactValues {
  email?: string;
  name?: string;
  subject?: string;
  message?: string;
}

export interface ContactForm {
  token: string;
  values: ContactValues;
  /** Field name → message. */
  errors: Record<string, string>;
  formError?: string;
  run?: { id: string; guideTitle: string; steps: string[] };
  articleId?: string;
}

const field = (name: keyof ContactValues, label: string, form: ContactForm, input: 'input' | 'textarea', type = 'text', autocomplete = '') => {
  const id = `c-${name}`;
  const error = form.errors[name];
  const describedBy = error ? html` aria-invalid="true" aria-describedby="${id}-error"` : '';
  const required = name === 'name' ? '' : html` required`;
  return html`<div class="field"><label for="${id}">${label}${name === 'name' ? ' (optional)' : ''}</label>
${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
${
  input === 'textarea'
    ? html`<textarea id="${id}" name="${name}" rows="8" maxlength="20000"${required}${describedBy}>${form.values[name] ?? ''}</textarea>`
    : html`<input id="${id}" name="${name}" type="${type}" value="${form.values[name] ?? ''}" maxlength="254"${autocomplete ? html` autocomplete="${autocomplete}"` : ''}${required}${describedBy}>`
}</div>`;
};

/** "Still need help?": the ticket form, with the guide path it will carry when there is one. */
export function contactPage(ctx: PageContext, form: ContactForm): Page {
  const errorCount = Object.keys(form.errors).length;
  return {
    title: 'Contact support',
    description: 'Send a request to our support team.',
    canonical: href(ctx, '/help/contact'),
    breadcrumbs: [{ label: ctx.settings.siteName, href: href(ctx, '/help') }, { label: 'Contact support' }],
    main: html`<h1>Contact support</h1>
${form.formError ? html`<p class="error" role="alert">${form.formError}</p>` : ''}
${errorCount > 0 ? html`<p class="error" role="alert">Please correct ${errorCount === 1 ? 'the field' : `the ${errorCount} fields`} marked below.</p>` : ''}
${
  form.run
    ? html`<section class="card notice" aria-labelledby="tried"><h2 id="tried">Steps you tried</h2><p>From “${form.run.guideTitle}”; we will attach them to your request.</p><ol>${form.run.steps.map((s) => html`<li>${s}</li>`)}</ol></section>`
    : ''
}
<form method="post" action="/help/contact" class="card" novalidate>
<input type="hidden" name="token" value="${form.token}">
${form.run ? html`<input type="hidden" name="guideRunId" value="${form.run.id}">` : ''}
${form.articleId ? html`<input type="hidden" name="articleId" value="${form.articleId}">` : ''}
${ctx.locale === 'en' ? '' : html`<input type="hidden" name="lang" value="${ctx.locale}">`}
${field('email', 'Your email', form, 'input', 'email', 'email')}
${field('name', 'Your name', form, 'input', 'text', 'name')}
${field('subject', 'Subject', form, 'input')}
${field('message', 'How can we help?', form, 'textarea')}
<div class="hp" aria-hidden="true"><label for="c-website">Leave this empty</label><input id="c-website" name="website" tabindex="-1" autocomplete="off"></div>
<p><button type="submit">Send</button></p>
</form>`,
  };
}

/** After the form: the ticket's number to quote. */
export function contactSentPage(ctx: PageContext, number: string | undefined): Page {
  return {
    title: 'Request sent',
    description: 'Your request was sent.',
    canonical: null,
    main: html`<div role="status"><h1>Thank you — your request was sent</h1>${number ? html`<p>Your reference is <strong>#${number}</strong>. We will reply by email.</p>` : html`<p>We will reply by email.</p>`}</div><p><a href="${href(ctx, '/help')}">Back to the help center</a></p>`,
  };
}
