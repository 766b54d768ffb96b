import { link } from '../../format';
import { STATUS_LABEL, type Article } from './Knowledge';
import { useItems } from './useItems';

interface Due extends Omit<Article, 'body'> {
  reviewDueAt: string;
  review: { state: 'overdue' | 'due_today' | 'due_soon'; days: number };
}

const when = (r: Due['review']) => (r.state === 'overdue' ? `Overdue by ${r.days} day${r.days === 1 ? '' : 's'}` : r.state === 'due_today' ? 'Due today' : `Due in ${r.days} day${r.days === 1 ? '' : 's'}`);

/** Articles whose review date has passed or falls in the next two weeks, earliest first. */
export function ReviewDue() {
  const items = useItems<Due>('/api/v1/kb/review-due?withinDays=14&limit=50');
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
                <a {...link(`/knowledge/${a.id}`)}>{a.title}</a>
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
