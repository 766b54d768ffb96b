import { useEffect, useState } from 'react';
import { api } from '../../api';

interface Hit {
  id: string;
  title: string;
}

/**
 * Links a solved outcome to the article with the solution: the knowledge-base search (published
 * articles; public ones only for a public guide, since the help center links nothing else).
 */
export function ArticlePicker({ articleId, publicOnly, disabled, onChange }: { articleId: string | undefined; publicOnly: boolean; disabled: boolean; onChange: (id: string | undefined) => void }) {
  const [linked, setLinked] = useState<Hit | 'missing' | null>(null);
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);

  useEffect(() => {
    if (!articleId) return setLinked(null);
    if (linked !== null && linked !== 'missing' && linked.id === articleId) return;
    let live = true;
    api<Hit>(`/api/v1/kb/articles/${articleId}`).then(
      (a) => live && setLinked({ id: a.id, title: a.title }),
      () => live && setLinked('missing'),
    );
    return () => {
      live = false;
    };
    // The title is fetched when the link changes, not when it was just picked (already known).
  }, [articleId]);

  useEffect(() => {
    const words = q.trim();
    if (words.length < 2) return setHits(null);
    const timer = setTimeout(() => {
      api<{ items: Hit[] }>(`/api/v1/kb/search?limit=6&q=${encodeURIComponent(words)}${publicOnly ? '&visibility=public' : ''}`).then(
        (r) => setHits(r.items),
        () => setHits([]),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [q, publicOnly]);

  const pick = (hit: Hit) => {
    setLinked(hit);
    setQ('');
    setHits(null);
    onChange(hit.id);
  };

  return (
    <fieldset className="picker">
      <legend>Article with the solution</legend>
      <p className="picker-current">
        {!articleId ? (
          'No article linked.'
        ) : linked === 'missing' ? (
          <span className="error">The linked article does not exist.</span>
        ) : (
          <>
            Linked:{' '}
            <a href={`/app/knowledge/${articleId}`} target="_blank" rel="noopener noreferrer">
              {linked?.title ?? '…'}
            </a>
          </>
        )}{' '}
        {articleId && !disabled && (
          <button type="button" className="link" onClick={() => onChange(undefined)}>
            Remove the link
          </button>
        )}
      </p>
      {!disabled && (
        <>
          <label htmlFor="node-article-find">Find a published article</label>
          <input id="node-article-find" type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
          {hits !== null && (
            <ul className="picker-hits" aria-label="Matching articles">
              {hits.map((h) => (
                <li key={h.id}>
                  <button type="button" className="link" onClick={() => pick(h)}>
                    {h.title}
                  </button>
                </li>
              ))}
              {hits.length === 0 && <li className="meta">No published article matches.</li>}
            </ul>
          )}
        </>
      )}
    </fieldset>
  );
}
