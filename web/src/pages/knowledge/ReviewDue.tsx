import { useEffect, useState } from 'react';
import { api } from '../../api';
import { navigate } from '../../router';
import { STATUS_LABEL, type Article } from './Knowledge';

interface Due extends Omit<Article, 'body'> {
  reviewDueAt: string;
  review: { state: 'overdue' | 'due_today' | 'due_soon'; days: number };
}

const when = (r: Due['review']) => (r.state === 'overdue' ? `Overdue by ${r.days} day${r.days === 1 ? '' : 's'}` : r.state === 'due_today' ? 'Due today' : `Due in ${r.days} day${r.days === 1 ? '' : 's'}`);

/** Articles whose review date has passed or falls in the next two weeks, earliest first. */
export function ReviewDue() {
  const [items, setItems] = useState<Due[] | null>(null);
  useEffect(() => {
    api<{ items: Due[] }>('/api/v1/kb/review-due?withinDays=14&limit=50').then(
      (r) => setItems(r.items),
      () => setItems([]),
    );
  }, []);
  return (
    <section aria-labelledby="review-title" className="review-due">
      <h2 id="review-title">Due for review</h2>
      <table className="grid" aria-busy={items === null}>
        <thead>
          <tr>
            <th scope="col">Article</th>
            <th scope="col">Status</th>
            <th scope="col">Review</th>
          </tr>
        </thead>
        <tbody>
          {(items ?? []).map((a) => (
            <tr key={a.id}>
              <td>
                <a href={`/app/knowledge/${a.id}`} onClick={(e) => (e.preventDefault(), navigate(`/knowledge/${a.id}`))}>
                  {a.title}
                </a>
              </td>
              <td>{STATUS_LABEL[a.status] ?? a.status}</td>
              <td className={a.review.state === 'overdue' ? 'error' : undefined}>
                {when(a.review)} ({a.reviewDueAt})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items?.length === 0 && <p className="empty">No article is due for review in the next 14 days.</p>}
    </section>
  );
}
