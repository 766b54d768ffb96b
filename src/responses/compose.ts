import { articleSolution, replyCore } from './steps.js';

/**
 * The built-in draft: greeting by name, the solution (an article's steps or key paragraphs, else
 * the reply that solved a similar ticket), the article link, a next step and a closing. Plain
 * text, as messages are. Pure: the service gathers the material.
 */

export interface ArticleMaterial {
  id: string;
  title: string;
  body: string;
  url: string;
  score: number;
  coverage: number;
}

export interface TicketMaterial {
  id: string;
  number: number;
  subject: string;
  reply: string;
  messageId: string;
  score: number;
}

export interface GuideMaterial {
  id: string;
  title: string;
  url: string;
  score: number;
}

export interface DraftMaterial {
  firstName: string | null;
  agentName: string | null;
  /** The customer's words, to pick an article's most relevant paragraphs. */
  problem: string;
  /** A public article that answers the ticket: its steps are quoted. */
  answer?: ArticleMaterial;
  /** A public article worth linking though not quoted. */
  related?: ArticleMaterial;
  ticket?: TicketMaterial;
  guide?: GuideMaterial;
}

export type Citation =
  | { type: 'article'; id: string; title: string; url: string; score: number; coverage: number; used: 'steps' | 'link' }
  | { type: 'ticket'; id: string; number: number; subject: string; messageId: string; score: number; used: 'reply' }
  | { type: 'guide'; id: string; title: string; url: string; score: number; used: 'link' };

export interface BuiltDraft {
  body: string;
  basis: 'article' | 'ticket' | 'none';
  citations: Citation[];
}

const numbered = (items: string[]) => items.map((item, i) => `${i + 1}. ${item}`).join('\n');

/** Composes the reply from the material. */
export function composeDraft(material: DraftMaterial): BuiltDraft {
  const parts: string[] = [material.firstName ? `Hi ${material.firstName},` : 'Hi there,', 'Thanks for getting in touch.'];
  const citations: Citation[] = [];
  let basis: BuiltDraft['basis'] = 'none';
  const { answer, ticket, guide } = material;
  const core = ticket ? replyCore(ticket.reply) : '';
  if (answer) {
    basis = 'article';
    const solution = articleSolution(answer.body, material.problem);
    if (solution.kind === 'steps') parts.push('Here is how to sort this out:', numbered(solution.items));
    else if (solution.items.length > 0) parts.push('Here is what should help:', ...solution.items);
    parts.push(`You'll find the full article, with more detail, here: ${answer.title} – ${answer.url}`);
    citations.push({ type: 'article', id: answer.id, title: answer.title, url: answer.url, score: answer.score, coverage: answer.coverage, used: 'steps' });
  } else if (ticket && core !== '') {
    basis = 'ticket';
    parts.push(core);
    citations.push({ type: 'ticket', id: ticket.id, number: ticket.number, subject: ticket.subject, messageId: ticket.messageId, score: ticket.score, used: 'reply' });
  } else {
    parts.push("I'm looking into this now and will come back to you with the next steps shortly.");
  }
  const related = !answer ? material.related : undefined;
  if (related) {
    parts.push(`This article may also help: ${related.title} – ${related.url}`);
    citations.push({ type: 'article', id: related.id, title: related.title, url: related.url, score: related.score, coverage: related.coverage, used: 'link' });
  }
  if (guide) {
    parts.push(`You can also work through our step-by-step troubleshooter: ${guide.title} – ${guide.url}`);
    citations.push({ type: 'guide', id: guide.id, title: guide.title, url: guide.url, score: guide.score, used: 'link' });
  }
  parts.push(basis === 'none' ? 'If you can, reply with any error message you see and the steps that lead to it; it helps us get to the answer faster.' : "If this doesn't solve it, just reply to this message and we'll take it from there.");
  parts.push(material.agentName ? `Best regards,\n${material.agentName}` : 'Best regards');
  return { body: parts.join('\n\n'), basis, citations };
}
