import { useEffect, useState } from 'react';
import { api } from '../../api';
import { link } from '../../format';

export interface Suggestion {
  id: string;
  title: string;
  url?: string | null;
  score?: number;
}

/** Suggested articles (with Insert into the reply) and similar tickets, fetched after the conversation. */
export function Related({ ticketId, canWrite, insert }: { ticketId: string; canWrite: boolean; insert: (text: string) => void }) {
  const [similar, setSimilar] = useState<{ id: string; number: number; score: number }[]>([]);
  const [articles, setArticles] = useState<Suggestion[]>([]);
  useEffect(() => {
    api<{ items: { id: string; number: number; score: number }[] }>(`/api/v1/tickets/${ticketId}/similar?limit=5`).then((s) => setSimilar(s.items), () => setSimilar([]));
    api<{ articles?: Suggestion[] }>(`/api/v1/tickets/${ticketId}/suggestions`).then((s) => setArticles(s.articles ?? []), () => setArticles([]));
  }, [ticketId]);

  // Internal articles have no public link: only their title goes in.
  const insertArticle = (article: Suggestion) => insert(article.url ? `${article.title}: ${article.url}` : article.title);

  return (
    <>
      {articles.length > 0 && (
        <section aria-labelledby="articles-title">
          <h2 id="articles-title">Suggested articles</h2>
          <ul>
            {articles.map((a) => (
              <li key={a.id}>
                {a.title}{' '}
                {canWrite && (
                  <button type="button" className="link" onClick={() => insertArticle(a)}>
                    Insert
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {similar.length > 0 && (
        <section aria-labelledby="similar-title">
          <h2 id="similar-title">Similar tickets</h2>
          <ul>
            {similar.map((s) => (
              <li key={s.id}>
                <a {...link(`/tickets/${s.id}`)}>#{s.number}</a> <span className="meta">{(s.score * 100).toFixed(0)}%</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
