import { matchArticles } from '../kb/match.service.js';
import { helpArticleUrl } from '../platform/config/urls.js';
import type { Deps } from '../platform/context.js';
import type { CheckCode, CheckResult, Finding } from './check.schema.js';
import { fleschReadingEase, readability, sentences, type Sentence } from './readability.js';
import { STRONG_COVERAGE } from './suggestions.service.js';
import { loadTicketContext } from './ticket-context.js';

/**
 * The checks a reply gets before it is sent. Each finding has a stable code, a severity, the span
 * it is about and a message an agent can act on. Errors would embarrass us if sent (a `{{name}}`
 * left in); warnings are worth a look; `info` is advice.
 */

/** Placeholders left from a macro or template: `{{name}}`, `{name}`, `${x}`, `[NAME]`, `[insert date]`, `<NAME>`, `%NAME%`, `XXX`, `TODO`. */
const PLACEHOLDERS: RegExp[] = [
  /\{\{[^{}\n]{0,80}\}\}/g,
  /\$\{[^{}\n]{1,60}\}/g,
  /(?<![{$])\{\s*[A-Za-z_][\w .-]{0,40}\}(?!\})/g,
  // [NAME], [Customer Name], [insert link] — not Markdown links, which go on with "(" or "[".
  /\[(?:[A-Z][A-Z0-9 _-]{1,40}|(?:insert|your|customer|agent|company|product)\b[^\]\n]{0,40}|[^\]\n]{0,30}\b(?:name|date|link|url|number|email|amount|here)\b\s*)\](?![([])/gi,
  /<[A-Z][A-Z0-9_ ]{1,30}>/g,
  /%[A-Z][A-Z0-9_]{1,30}%/g,
  /\b(?:XXX+|TODO|TBD|FIXME)\b/g,
];

const GREETING = /^\s*(hi|hello|hey|dear|good (morning|afternoon|evening|day)|greetings|hallo|bonjour|hola|thanks? (you )?for)\b/i;

/** Phrases that tell the customer what happens next or what to do. */
const NEXT_STEP =
  /\b(let (me|us) know|reply|respond|get back to|follow (these|the) steps|try|click|tap|go to|open|select|navigate|sign in|log in|contact|reach out|if (this|that|it|the (issue|problem))\b[^.!?\n]{0,40}\b(doesn'?t|does not|still|persists)|we('ll| will)|i('ll| will)|next step|you can|you should|please)\b/i;

/** Sentences longer than this many words are flagged. */
const LONG_SENTENCE_WORDS = 30;
/** Sentences of at least this many words with a Flesch reading ease below HARD_EASE are flagged. */
const HARD_MIN_WORDS = 12;
const HARD_EASE = 30;

/** Findings of one code reported at most: a pasted log full of `TODO`s needs no thousand of them. */
const MAX_PER_CODE = 50;

/** The 1-based line of an offset, by binary search over the offsets where lines start. */
function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let [lo, hi] = [0, starts.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

type Make = (code: CheckCode, severity: Finding['severity'], message: string, start: number, end: number, suggestion?: string) => Finding;

function findingMaker(body: string): Make {
  const lineOf = lineFinder(body);
  return (code, severity, message, start, end, suggestion) => ({
    code,
    severity,
    message,
    start,
    end,
    line: lineOf(start),
    excerpt: body.slice(start, Math.min(end, start + 120)),
    ...(suggestion ? { suggestion } : {}),
  });
}

function placeholderFindings(body: string, make: Make): Finding[] {
  const spans: Finding[] = [];
  for (const pattern of PLACEHOLDERS) {
    for (const match of body.matchAll(pattern)) {
      if (spans.length >= MAX_PER_CODE) return spans;
      const start = match.index;
      // Overlapping patterns (`{{name}}` also holds `{name}`) report the span once.
      if (spans.some((f) => start < f.end && start + match[0].length > f.start)) continue;
      spans.push(make('unresolved_placeholder', 'error', `Unresolved placeholder ${match[0]}: fill it in or remove it`, start, start + match[0].length));
    }
  }
  return spans;
}

function sentenceFindings(all: Sentence[], make: Make): Finding[] {
  const out: Finding[] = [];
  let [long, hard] = [0, 0];
  for (const s of all) {
    if (s.words > LONG_SENTENCE_WORDS) {
      if (long++ < MAX_PER_CODE) out.push(make('long_sentence', 'warning', `This sentence has ${s.words} words; split it (aim for under 20)`, s.start, s.end));
      continue;
    }
    const ease = fleschReadingEase(s.words, 1, s.syllables);
    if (s.words >= HARD_MIN_WORDS && ease < HARD_EASE && hard++ < MAX_PER_CODE) {
      out.push(make('hard_to_read', 'info', `Hard to read (Flesch reading ease ${Math.round(ease)}): use shorter, plainer words`, s.start, s.end));
    }
  }
  return out;
}

/** The public article that answers the ticket, if one does, with its help-center link. */
async function answeringArticle(deps: Deps, ticketId: string): Promise<{ id: string; title: string; url: string } | null> {
  const { ticket, customerText } = await loadTicketContext(deps, ticketId);
  const [best] = await matchArticles(deps, { head: ticket.subject, body: customerText }, { limit: 1, visibility: 'public' });
  return best && best.coverage >= STRONG_COVERAGE ? { id: best.id, title: best.title, url: helpArticleUrl(deps.config, best.id) } : null;
}

/** Checks a reply; with a ticket id, also whether it links the article that answers that ticket. */
export async function checkReply(deps: Deps, body: string, ticketId?: string): Promise<CheckResult> {
  const all = sentences(body);
  const make = findingMaker(body);
  const findings: Finding[] = [...placeholderFindings(body, make)];
  const firstLine = /\S[^\n]*/.exec(body);
  if (!firstLine || !GREETING.test(firstLine[0])) {
    findings.push(make('missing_greeting', 'warning', 'Start with a greeting, for example "Hi Sam,"', firstLine?.index ?? 0, firstLine ? firstLine.index + firstLine[0].length : 0));
  }
  if (!NEXT_STEP.test(body) && !/^\s{0,3}\d+[.)]\s/m.test(body)) {
    findings.push(make('missing_next_step', 'warning', 'Say what happens next or what the customer should do (for example "reply if this does not solve it")', body.length, body.length));
  }
  if (ticketId) {
    const article = await answeringArticle(deps, ticketId);
    if (article && !body.includes(`/help/articles/${article.id}`)) {
      findings.push(make('missing_article_link', 'warning', `The article "${article.title}" answers this ticket: link it`, body.length, body.length, article.url));
    }
  }
  findings.push(...sentenceFindings(all, make));
  findings.sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
  return { ok: !findings.some((f) => f.severity !== 'info'), findings, readability: readability(all) };
}
