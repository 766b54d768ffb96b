import { escapeHtml as escape } from '../platform/http/html.js';
import type { Survey } from './surveys.schema.js';

const LABELS = ['Very unhappy', 'Unhappy', 'Neutral', 'Happy', 'Very happy'];

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(title)}</title>
<style>
:root { --fl-accent: #2754c5; --fl-text: #1b1f24; --fl-bg: #fff; }
body { font: 16px/1.5 system-ui, sans-serif; color: var(--fl-text); background: var(--fl-bg); max-width: 36rem; margin: 3rem auto; padding: 0 1rem; }
fieldset { border: 0; padding: 0; } legend { font-weight: 600; margin-bottom: .5rem; }
label { display: block; margin: .25rem 0; } textarea { width: 100%; min-height: 6rem; }
button { background: var(--fl-accent); color: #fff; border: 0; padding: .6rem 1.2rem; border-radius: .3rem; font-size: 1rem; }
.note { color: #555; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

/** The survey form; with a recorded answer, the thanks and a way to add a comment or change it. */
export function surveyPage(survey: Survey, signature: string, action: string, justRecorded: boolean): string {
  const heading = justRecorded ? 'Thank you for your answer' : 'How did we do?';
  const intro = justRecorded && survey.rating
    ? `<p role="status">You rated us <strong>${survey.rating} – ${escape(LABELS[survey.rating - 1]!)}</strong>. Tell us more below if you like.</p>`
    : '<p>Please rate the help you received.</p>';
  const options = [5, 4, 3, 2, 1]
    .map((r) => `<label><input type="radio" name="rating" value="${r}"${survey.rating === r ? ' checked' : ''} required> ${r} – ${escape(LABELS[r - 1]!)}</label>`)
    .join('\n');
  const until = survey.changeableUntil ? `<p class="note">You can change your answer until ${escape(survey.changeableUntil.slice(0, 10))}.</p>` : '';
  return page(
    heading,
    `<h1>${heading}</h1>
${intro}
<form method="post" action="${escape(action)}">
<input type="hidden" name="sig" value="${escape(signature)}">
<fieldset>
<legend>Your rating</legend>
${options}
</fieldset>
<label for="comment">Comment (optional)</label>
<textarea id="comment" name="comment" maxlength="2000">${escape(survey.comment ?? '')}</textarea>
<p><button type="submit">Send</button></p>
</form>
${until}`,
  );
}

export const surveyMessagePage = (title: string, message: string): string => page(title, `<h1>${escape(title)}</h1>\n<p>${escape(message)}</p>`);
