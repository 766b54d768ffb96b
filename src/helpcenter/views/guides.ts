import type { Guide, Run } from '../../guides/guides.schema.js';
import { html, raw } from '../html.js';
import { plainSummary, renderMarkdown } from '../markdown.js';
import { articlePath, guidePath } from './articles.js';
import { href, type Page, type PageContext } from './layout.js';

export const runPath = (id: string) => `/help/runs/${id}`;

/** A guide's start page: what it helps with and a button to begin. */
export function guideIntroPage(ctx: PageContext, guide: Guide): Page {
  return {
    title: guide.title,
    description: guide.description || `A step-by-step troubleshooting guide: ${guide.title}.`,
    canonical: guidePath(guide.id),
    lang: guide.locale,
    breadcrumbs: [{ label: ctx.settings.siteName, href: href(ctx, '/help') }, { label: guide.title }],
    main: html`<h1>${guide.title}</h1>
${guide.description ? html`<p>${guide.description}</p>` : ''}
<p>Answer a few questions, one at a time, and we will find the fix or get you to the right person.</p>
<form method="post" action="${guidePath(guide.id)}/start"><button type="submit">Start</button></form>`,
  };
}

/**
 * The page of a run: the node it is at, as a plain form (Continue for a step, radio buttons for
 * a question), or the outcome it reached. Each answer is a POST that redirects back here.
 */
export function runPage(ctx: PageContext, run: Run, options: { articleTitle?: string; error?: string }): Page {
  const node = run.currentNode;
  const step = run.path.length;
  const base: Omit<Page, 'main'> = {
    title: `${node.title} · ${run.guideTitle}`,
    description: plainSummary(node.body ?? '') || node.title,
    canonical: null,
    breadcrumbs: [{ label: ctx.settings.siteName, href: href(ctx, '/help') }, { label: run.guideTitle, href: href(ctx, guidePath(run.guideId)) }, { label: `Step ${step}` }],
  };
  const body = node.body ? raw(renderMarkdown(node.body)) : '';
  const giveUp = html`<form method="post" action="${runPath(run.id)}/give-up"><button type="submit" class="secondary">I still need help</button></form>`;
  if (run.status === 'active' && node.type === 'step') {
    return {
      ...base,
      main: html`<p class="muted">${run.guideTitle} — step ${step}</p><h1>${node.title}</h1>${body}
<form method="post" action="${runPath(run.id)}"><input type="hidden" name="node" value="${node.id}"><p><button type="submit">Continue</button> <button type="submit" name="solved" value="1" class="secondary">That fixed it</button></p></form>
${giveUp}`,
    };
  }
  if (run.status === 'active' && node.type === 'question') {
    return {
      ...base,
      main: html`<p class="muted">${run.guideTitle} — step ${step}</p>
<form method="post" action="${runPath(run.id)}"><input type="hidden" name="node" value="${node.id}">
<fieldset><legend><h1>${node.title}</h1></legend>${body}
${options.error ? html`<p class="error" role="alert" id="opt-error">${options.error}</p>` : ''}
${node.options.map((o, i) => html`<div><input type="radio" id="opt-${i}" name="option" value="${i}" required${options.error ? raw(' aria-describedby="opt-error"') : ''}> <label for="opt-${i}" style="display:inline;font-weight:400">${o.label}</label></div>`)}
</fieldset><p><button type="submit">Next</button></p></form>
${giveUp}`,
    };
  }
  return { ...base, main: endedMain(ctx, run, body, options.articleTitle) };
}

function endedMain(ctx: PageContext, run: Run, body: ReturnType<typeof raw> | '', articleTitle?: string) {
  const restart = html`<form method="post" action="${guidePath(run.guideId)}/start"><button type="submit" class="secondary">Start the guide again</button></form>`;
  const contact = html`<p><a class="button" href="${href(ctx, `/help/contact?run=${run.id}`)}">Contact support</a></p>`;
  if (run.status === 'solved') {
    const articleId = run.outcome?.articleId;
    return html`<div role="status"><h1>${run.outcome?.nodeId ? run.currentNode.title : 'Glad that fixed it'}</h1></div>${run.outcome?.nodeId ? body : ''}
${articleId && articleTitle ? html`<p>Read more: <a href="${href(ctx, articlePath(articleId))}">${articleTitle}</a></p>` : ''}
<p>Not solved after all?</p>${contact}`;
  }
  if (run.status === 'escalated') {
    return html`<h1>${run.currentNode.title}</h1>${body}<p>We will attach the steps you have tried, so you do not have to repeat them.</p>${run.ticketId ? html`<p>Your request has been sent.</p>` : contact}`;
  }
  return html`<h1>You left this guide</h1><p>You stopped at “${run.currentNode.title}”.</p>${run.ticketId ? html`<p>Your request has been sent with the steps you tried.</p>` : contact}${restart}`;
}
