import { useEffect, useState } from 'react';

/** The console's own tiny router: paths under /app, history API, no dependency. */
export const BASE = '/app';

/** Moves to a console path; `state` travels with the history entry (it survives a reload). */
export function navigate(path: string, state: unknown = null): void {
  window.history.pushState(state, '', `${BASE}${path}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function usePath(): string {
  const read = () => window.location.pathname.replace(/^\/app/, '') || '/';
  const [path, setPath] = useState(read);
  useEffect(() => {
    const onPop = () => setPath(read());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return path;
}
