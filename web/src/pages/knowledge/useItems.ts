import { useEffect, useState } from 'react';
import { api } from '../../api';

/**
 * The items of a list (`{items}`) at `url`: null while it loads, again after `url` changes (so a
 * table shows it is busy rather than the old filter's rows), and empty when it cannot be loaded.
 */
export function useItems<T>(url: string): T[] | null {
  const [items, setItems] = useState<T[] | null>(null);
  useEffect(() => {
    setItems(null);
    // An answer for a filter no longer shown is dropped.
    let live = true;
    api<{ items: T[] }>(url).then(
      (r) => live && setItems(r.items),
      () => live && setItems([]),
    );
    return () => void (live = false);
  }, [url]);
  return items;
}
