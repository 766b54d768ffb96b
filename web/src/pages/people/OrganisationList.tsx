import { useEffect, useState } from 'react';
import { link } from '../../format';
import { usePaged } from './paged';

export interface Organisation {
  id: string;
  name: string;
  domains: string[];
  plan: string | null;
  vip: boolean;
  notes: string | null;
}

/** Organisations by name, searchable. */
export function OrganisationList() {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const { items, error, more } = usePaged<Organisation>(`/api/v1/organisations?limit=50${query ? `&q=${encodeURIComponent(query)}` : ''}`);
  return (
    <section aria-labelledby="organisations-title">
      <div className="list-head">
        <h2 id="organisations-title">Organisations</h2>
      </div>
      <label htmlFor="organisation-search">Search organisations</label>{' '}
      <input id="organisation-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Name" />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <table className="grid people-table" aria-busy={items === null}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Domains</th>
            <th scope="col">Plan</th>
          </tr>
        </thead>
        <tbody>
          {(items ?? []).map((o) => (
            <tr key={o.id}>
              <td>
                <a {...link(`/organisations/${o.id}`)}>{o.name}</a>
                {o.vip && <span className="badge vip">VIP</span>}
              </td>
              <td>{o.domains.join(', ') || '—'}</td>
              <td>{o.plan ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {items?.length === 0 && <p className="empty">{query ? `No organisation matches “${query}”.` : 'No organisations yet.'}</p>}
      {more && (
        <button type="button" onClick={more}>
          More organisations
        </button>
      )}
    </section>
  );
}
