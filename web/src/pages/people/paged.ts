import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api';

/** A cursor-paged list (`{items, nextCursor}`): the first page for `url`, and more on demand. */
export function usePaged<T>(url: string, stamp: unknown = null) {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fetchPage = useCallback(
    async (after: string | null) => {
      try {
        const page = await api<{ items: T[]; nextCursor: string | null }>(after ? `${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(after)}` : url);
        setItems((old) => (after && old ? [...old, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        setError(e instanceof Error ? e.message : 'Cannot load');
        setItems((old) => old ?? []);
      }
    },
    [url],
  );
  useEffect(() => {
    void fetchPage(null);
  }, [fetchPage, stamp]);
  return { items, error, more: cursor ? () => void fetchPage(cursor) : null };
}
