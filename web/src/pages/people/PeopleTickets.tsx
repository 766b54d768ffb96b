import type { Ticket } from '../../api';
import { link, statusLabel, timeLeft, when } from '../../format';
import { usePaged } from './paged';

const OPEN = ['new', 'open', 'pending', 'on_hold'];

/** The tickets of a customer or an organisation (`filter` is `requester=…` or `organisation=…`), newest first. */
export function PeopleTickets({ filter, showRequester = false }: { filter: string; showRequester?: boolean }) {
  const { items, error, more } = usePaged<Ticket>(`/api/v1/tickets?${filter}&sort=created&limit=25`);
  return (
    <section aria-labelledby="people-tickets-title">
      <h3 id="people-tickets-title">Tickets</h3>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <table className="grid" aria-busy={items === null}>
        <thead>
          <tr>
            <th scope="col">Ticket</th>
            {showRequester && <th scope="col">Requester</th>}
            <th scope="col">Status</th>
            <th scope="col">Priority</th>
            <th scope="col">SLA</th>
            <th scope="col">Opened</th>
          </tr>
        </thead>
        <tbody>
          {(items ?? []).map((t) => {
            const due = (t.sla as { nextDueAt?: string | null } | null)?.nextDueAt;
            return (
              <tr key={t.id}>
                <td>
                  <a {...link(`/tickets/${t.id}`)}>
                    #{t.number} {t.subject}
                  </a>
                </td>
                {showRequester && (
                  <td>
                    <a {...link(`/customers/${t.requester.id}`)}>{t.requester.name ?? t.requester.email}</a>
                  </td>
                )}
                <td>{statusLabel(t.status)}</td>
                <td className={`tier tier-${t.priority}`}>Tier {t.priority}</td>
                <td>{OPEN.includes(t.status) && due ? timeLeft(due) : '—'}</td>
                <td>{when(t.createdAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {items?.length === 0 && <p className="empty">No tickets.</p>}
      {more && (
        <button type="button" onClick={more}>
          More tickets
        </button>
      )}
    </section>
  );
}
