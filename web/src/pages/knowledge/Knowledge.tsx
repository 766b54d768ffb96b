import { useEffect, useState } from 'react';
import { api, type User } from '../../api';
import { navigate } from '../../router';
import { ArticleEditor } from './ArticleEditor';

export interface Article {
  id: string;
  title: string;
  body: string;
  category: string | null;
  visibility: 'public' | 'internal';
  status: 'draft' | 'in_review' | 'published';
  version: number;
  updatedAt: string;
}
export const STATUS_LABEL = { draft: 'Draft', in_review: 'In review', published: 'Published' } as const;

/** Knowledge: the article list (by status) and the editor. Loaded on demand (Markdown is not in the first bundle). */
export default function Knowledge({ user, articleId }: { user: User; articleId: string | undefined }) {
  const [status, setStatus] = useState('');
  const [items, setItems] = useState<Article[] | null>(null);
  const canEdit = user.role === 'lead' || user.role === 'admin';
  useEffect(() => {
    if (articleId) return;
    setItems(null);
    api<{ items: Article[] }>(`/api/v1/kb/articles?limit=100${status ? `&status=${status}` : ''}`).then((r) => setItems(r.items), () => setItems([]));
  }, [status, articleId]);

  if (articleId) return <ArticleEditor id={articleId === 'new' ? null : articleId} canEdit={canEdit} />;
  return (
    <div className="admin">
      <nav className="views" aria-label="Article status">
        <h1 className="views-title">Knowledge</h1>
        <ul>
          {[['', 'All'], ...Object.entries(STATUS_LABEL)].map(([id, label]) => (
            <li key={id}>
              <button type="button" aria-current={status === id ? 'page' : undefined} onClick={() => setStatus(id!)}>
                {label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <section className="admin-body" aria-labelledby="articles-title">
        <div className="list-head">
          <h2 id="articles-title">Articles</h2>
          {canEdit && (
            <button type="button" className="primary" onClick={() => navigate('/knowledge/new')}>
              New article
            </button>
          )}
        </div>
        <table className="grid" aria-busy={items === null}>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Visibility</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {(items ?? []).map((a) => (
              <tr key={a.id}>
                <td>
                  <a href={`/app/knowledge/${a.id}`} onClick={(e) => (e.preventDefault(), navigate(`/knowledge/${a.id}`))}>
                    {a.title}
                  </a>
                </td>
                <td>{STATUS_LABEL[a.status]}</td>
                <td>{a.visibility}</td>
                <td>{new Date(a.updatedAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {items?.length === 0 && <p className="empty">No articles here yet.</p>}
      </section>
    </div>
  );
}
