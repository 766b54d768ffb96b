import { useEffect, useState, type MouseEvent } from 'react';
import { api, ApiError } from '../../api';
import { navigate } from '../../router';
import type { ArticleDraft } from './ArticleEditor';
import { ReviewDue } from './ReviewDue';

type Sample = { type: 'ticket'; id: string; number: number; text: string; status: string } | { type: 'search'; text: string; count: number };
interface Gap {
  count: number;
  tickets: number;
  searches: number;
  suggestedTitle: string;
  terms: string[];
  samples: Sample[];
  closestArticle: { id: string; title: string; coverage: number } | null;
}
interface Report {
  since: string;
  examined: { tickets: number; searches: number; unanswered: number };
  items: Gap[];
}
const PERIODS = [7, 30, 90];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const link = (path: string) => ({ href: `/app${path}`, onClick: (e: MouseEvent) => (e.preventDefault(), navigate(path)) });

/** A new article's first text from a gap: what customers asked, to be rewritten in general terms. */
function outline(gap: Gap): string {
  const asked = gap.samples.map((s) => (s.type === 'ticket' ? `- ${s.text} (ticket #${s.number})` : `- “${s.text}” (searched ${plural(s.count, 'time')})`));
  return ['## Problem', '', 'Customers asked (replace this list with the problem in general terms):', '', ...asked, '', '## Solution', '', '1. '].join('\n');
}

/**
 * "Write an article" for a gap: from a solved ticket of the cluster when there is one (the
 * server drafts it with the reply that solved it, customer details removed), else a new article
 * with the gap's title and what people asked.
 */
async function writeArticle(gap: Gap): Promise<void> {
  for (const s of gap.samples) {
    if (s.type !== 'ticket' || (s.status !== 'solved' && s.status !== 'closed')) continue;
    try {
      const draft = await api<{ id: string }>(`/api/v1/tickets/${s.id}/article-draft`, { method: 'POST' });
      return navigate(`/knowledge/${draft.id}`);
    } catch (e) {
      // A draft of this ticket exists already: open it. No reply to draw from: try the next one.
      if (e instanceof ApiError && e.code === 'already_exists' && typeof e.data.articleId === 'string') return navigate(`/knowledge/${e.data.articleId}`);
      if (!(e instanceof ApiError && e.code === 'ticket_not_solved')) throw e;
    }
  }
  const draft: ArticleDraft = { title: gap.suggestedTitle, body: outline(gap), from: `the knowledge gap “${gap.suggestedTitle}”` };
  navigate('/knowledge/new', { articleDraft: draft });
}

/** The knowledge-gap report (clusters of tickets and searches no article answers) and the reviews due. */
export function Gaps() {
  const [days, setDays] = useState(30);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [writing, setWriting] = useState<number | null>(null);
  const [writeError, setWriteError] = useState<{ at: number; message: string } | null>(null);
  useEffect(() => {
    setReport(null);
    setError(null);
    api<Report>(`/api/v1/kb/gaps?days=${days}`).then(setReport, (e: unknown) => setError(e instanceof Error ? e.message : 'Cannot load the report'));
  }, [days]);

  const write = async (gap: Gap, at: number) => {
    setWriting(at);
    setWriteError(null);
    try {
      await writeArticle(gap);
    } catch (e) {
      setWriteError({ at, message: e instanceof Error ? e.message : 'Could not start the article' });
      setWriting(null);
    }
  };

  return (
    <div className="admin-body gaps">
      <div className="list-head">
        <h1 id="gaps-title">Knowledge gaps</h1>
        <label>
          Period{' '}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {PERIODS.map((d) => (
              <option key={d} value={d}>
                Last {d} days
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="meta gaps-summary" aria-live="polite">
        {error ? (
          <span className="error">{error}</span>
        ) : report ? (
          `${plural(report.examined.tickets, 'ticket')} and ${plural(report.examined.searches, 'distinct search', 'distinct searches')} since ${new Date(report.since).toLocaleDateString()}; ${report.examined.unanswered} had no article that answers them well. Clusters of them, largest first:`
        ) : (
          'Matching recent tickets and searches against the articles…'
        )}
      </p>
      <ol className="gap-list" aria-busy={report === null && !error}>
        {(report?.items ?? []).map((gap, i) => {
          const tickets = gap.samples.filter((s) => s.type === 'ticket');
          const searches = gap.samples.filter((s) => s.type === 'search');
          return (
            <li key={`${gap.suggestedTitle}-${i}`} className="gap">
              <article aria-labelledby={`gap-${i}-title`}>
                <h2 id={`gap-${i}-title`}>{gap.suggestedTitle}</h2>
                <p className="meta">
                  Asked {gap.count} times: {plural(gap.tickets, 'ticket')}, {plural(gap.searches, 'search', 'searches')}. Shared words: {gap.terms.join(', ')}.
                </p>
                <div className="gap-samples">
                  {tickets.length > 0 && (
                    <div>
                      <h3>Tickets</h3>
                      <ul>
                        {tickets.map((t) => (
                          <li key={t.id}>
                            <a {...link(`/tickets/${t.id}`)}>
                              #{t.number} {t.text}
                            </a>{' '}
                            <span className="meta">({t.status})</span>
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                  {searches.length > 0 && (
                    <div>
                      <h3>Searches</h3>
                      <ul>
                        {searches.map((s) => (
                          <li key={s.text}>
                            “{s.text}” <span className="meta">×{s.count}</span>
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                </div>
                {gap.closestArticle && (
                  <p className="meta">
                    Closest article: <a {...link(`/knowledge/${gap.closestArticle.id}`)}>{gap.closestArticle.title}</a> (covers {Math.round(gap.closestArticle.coverage * 100)}% of the words; perhaps extend it)
                  </p>
                )}
                <p className="gap-actions">
                  <button type="button" className="primary" onClick={() => void write(gap, i)} disabled={writing !== null} aria-describedby={`gap-${i}-title`}>
                    {writing === i ? 'Opening the editor…' : 'Write an article'}
                  </button>
                  {writeError?.at === i && (
                    <span role="alert" className="error">
                      {writeError.message}
                    </span>
                  )}
                </p>
              </article>
            </li>
          );
        })}
      </ol>
      {report?.items.length === 0 && <p className="empty">No gaps: every recent ticket and search has an article that answers it.</p>}
      <ReviewDue />
    </div>
  );
}
