import { link, statusLabel } from '../../format';
import { useLoad } from '../../useLoad';

interface Ref {
  id: string;
  number: number;
  subject: string;
  status: string;
}

/** The incident this ticket belongs to, or, for an incident, the tickets linked to it. */
export function IncidentPanel({ ticketId, stamp }: { ticketId: string; stamp: unknown }) {
  const { data } = useLoad<{ incident: Ref | null; members: Ref[] }>(`/api/v1/tickets/${ticketId}/incident`, stamp);
  return (
    <section aria-labelledby="incident-title" className="panel-incident" aria-busy={data === undefined}>
      <h2 id="incident-title">Incident</h2>
      {data?.incident && (
        <p>
          Part of <a {...link(`/tickets/${data.incident.id}`)}>#{data.incident.number} {data.incident.subject}</a> <span className="meta">({statusLabel(data.incident.status)})</span>
        </p>
      )}
      {data && data.members.length > 0 && (
        <>
          <p>
            Incident with {data.members.length} linked ticket{data.members.length === 1 ? '' : 's'}:
          </p>
          <ul>
            {data.members.map((m) => (
              <li key={m.id}>
                <a {...link(`/tickets/${m.id}`)}>#{m.number}</a> {m.subject} <span className="meta">({statusLabel(m.status)})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {data && !data.incident && data.members.length === 0 && <p className="meta">Not part of an incident.</p>}
    </section>
  );
}
