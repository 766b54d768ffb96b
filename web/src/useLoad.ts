import { useCallback, useEffect, useState } from 'react';
import { api } from './api';

/**
 * GETs `url` (null: nothing yet) and again whenever `stamp` changes; keeps the previous answer
 * while a new one is on its way, so a refresh never empties a panel (no layout shift).
 */
export function useLoad<T>(url: string | null, stamp: unknown = null): { data: T | undefined; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    if (url === null) return;
    let live = true;
    api<T>(url).then(
      (d) => live && (setData(d), setError(null)),
      (e) => live && setError(e instanceof Error ? e.message : 'Cannot load'),
    );
    return () => {
      live = false;
    };
  }, [url, stamp, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, reload };
}
