import { useEffect, useState } from 'react';
import { link } from '../../format';
import { usePaged } from './paged';

interface Row {
  id: string;
  email: string;
  name: string | null;
  organisationId: string | null;
  organisationName: string | null;
}

/** Customers by e-mail, searchable by part of the e-mail or name. */
export function CustomerList() {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  // Asks once typing pauses, not per key.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const { items, error, more } = usePaged<Row>(`/api/v1/customers?limit=50${query ? `&q=${encodeURIComponent(query)}` : ''}`);
  return (
    <section aria-labelledby="customers-title">
      <div className="list-head">
        <h2 id="customers-title">Customers</h2>
      </div>
      <label htmlFor="customer-search">Search customers</label>{' '}
      <input id="customer-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Name or e-mail" />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <table className="grid people-table" aria-busy={items === null}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Organisation</th>
          </tr>
        </thead>
        <tbody>
          {(items ?? []).map((c) => (
            <tr key={c.id}>
              <td>
                <a {...link(`/customers/${c.id}`)}>{c.name ?? c.email}</a>
              </td>
              <td>{c.email}</td>
              <td>{c.organisationId ? <a {...link(`/organisations/${c.organisationId}`)}>{c.organisationName ?? 'Organisation'}</a> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {items?.length === 0 && <p className="empty">{query ? `No customer matches “${query}”.` : 'No customers yet.'}</p>}
      {more && (
        <button type="button" onClick={more}>
          More customers
        </button>
      )}
    </section>
  );
}
