import { useEffect, useState, type ReactNode } from 'react';
import { usePaged } from './paged';

/**
 * A searchable, paged list of people or organisations: the search box (asked once typing
 * pauses, not per key), the table, the empty text and "More …". `url` takes `limit`; the search
 * adds `q`. The name comes in both forms ("customer", "customers") for the ids, labels and texts.
 */
export function SearchList<T extends { id: string }>({ one, many, placeholder, url, columns, row }: { one: string; many: string; placeholder: string; url: string; columns: string[]; row: (item: T) => ReactNode }) {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const { items, error, more } = usePaged<T>(`${url}${query ? `&q=${encodeURIComponent(query)}` : ''}`);
  return (
    <section aria-labelledby={`${many}-title`}>
      <div className="list-head">
        <h2 id={`${many}-title`}>{many[0]!.toUpperCase() + many.slice(1)}</h2>
      </div>
      <label htmlFor={`${one}-search`}>Search {many}</label>{' '}
      <input id={`${one}-search`} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={placeholder} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <table className="grid people-table" aria-busy={items === null}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(items ?? []).map((item) => (
            <tr key={item.id}>{row(item)}</tr>
          ))}
        </tbody>
      </table>
      {items?.length === 0 && <p className="empty">{query ? `No ${one} matches “${query}”.` : `No ${many} yet.`}</p>}
      {more && (
        <button type="button" onClick={more}>
          More {many}
        </button>
      )}
    </section>
  );
}
