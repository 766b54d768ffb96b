import { link, ratingText, when } from '../../format';
import { useLoad } from '../../useLoad';

interface Answers {
  summary: { sent: number; answered: number; average: number | null; satisfiedShare: number | null };
  items: { ticketId: string; number: number; subject: string; rating: number; comment: string | null; answeredAt: string }[];
  nextCursor: string | null;
}

/** Satisfaction answers of a customer or an organisation (`filter` is `requester=…` or `organisation=…`), newest first. */
export function CsatAnswers({ filter }: { filter: string }) {
  const { data, error } = useLoad<Answers>(`/api/v1/csat?${filter}&order=desc&limit=50`);
  const s = data?.summary;
  return (
    <section aria-labelledby="people-csat-title" className="people-csat">
      <h3 id="people-csat-title">Satisfaction</h3>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {s && (
        <p>
          {s.average === null ? (
            'No answers yet'
          ) : (
            <>
              Average <strong>{s.average.toFixed(2)}</strong> / 5 from {s.answered} answer{s.answered === 1 ? '' : 's'}
              {s.satisfiedShare !== null && ` · ${Math.round(s.satisfiedShare * 100)}% happy`}
            </>
          )}{' '}
          <span className="meta">
            ({s.sent} survey{s.sent === 1 ? '' : 's'} sent)
          </span>
        </p>
      )}
      {data && data.items.length > 0 && (
        <ul className="csat-answers">
          {data.items.map((a) => (
            <li key={a.ticketId}>
              <a {...link(`/tickets/${a.ticketId}`)}>
                #{a.number} {a.subject}
              </a>{' '}
              — <strong>{ratingText(a.rating)}</strong> <span className="meta">{when(a.answeredAt)}</span>
              {a.comment && <blockquote className="csat-comment">{a.comment}</blockquote>}
            </li>
          ))}
        </ul>
      )}
      {data?.nextCursor && <p className="meta">Showing the latest {data.items.length} answers.</p>}
    </section>
  );
}
