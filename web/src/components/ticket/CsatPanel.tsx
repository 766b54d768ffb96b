import { ratingText, when } from '../../format';
import { useLoad } from '../../useLoad';

interface Survey {
  sentAt: string;
  rating: number | null;
  comment: string | null;
  source: string | null;
  answeredAt: string | null;
}

/** The customer's satisfaction answer for this ticket (one survey per ticket, sent when solved). */
export function CsatPanel({ ticketId, stamp }: { ticketId: string; stamp: unknown }) {
  const { data } = useLoad<{ survey: Survey | null }>(`/api/v1/tickets/${ticketId}/csat`, stamp);
  const survey = data?.survey;
  return (
    <section aria-labelledby="csat-title" className="panel-csat" aria-busy={data === undefined}>
      <h2 id="csat-title">Satisfaction</h2>
      {data && !survey && <p className="meta">No survey yet (one is sent when the ticket is solved).</p>}
      {survey && survey.rating === null && <p className="meta">Survey sent {when(survey.sentAt)}, not answered yet.</p>}
      {survey && survey.rating !== null && (
        <>
          <p>
            <strong>Rated {ratingText(survey.rating)}</strong> <span className="meta">{survey.answeredAt ? `on ${when(survey.answeredAt)}` : ''}{survey.source ? ` · via ${survey.source}` : ''}</span>
          </p>
          {survey.comment && <blockquote className="csat-comment">{survey.comment}</blockquote>}
        </>
      )}
    </section>
  );
}
