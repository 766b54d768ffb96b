import { lazy, Suspense, useState } from 'react';
import type { User } from '../../api';
import { ViewsNav } from '../../components/ViewsNav';
import { link } from '../../format';
import { navigate } from '../../router';
import { ArticleEditor } from './ArticleEditor';
import { Guides } from './Guides';
import { useItems } from './useItems';

// Chunks of their own: the article list and editor do not load the guide editor or the report.
const GuideEditor = lazy(() => import('./GuideEditor').then((m) => ({ default: m.GuideEditor })));
const Gaps = lazy(() => import('./Gaps').then((m) => ({ default: m.Gaps })));

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

const ARTICLE_VIEWS = [{ id: '', label: 'All' }, ...Object.entries(STATUS_LABEL).map(([id, label]) => ({ id, label }))];

const SECTIONS = [
  { id: 'articles', label: 'Articles', path: '/knowledge' },
  { id: 'guides', label: 'Guides', path: '/knowledge/guides' },
  { id: 'gaps', label: 'Gaps', path: '/knowledge/gaps', manage: true },
] as const;

/**
 * Knowledge at /app/knowledge/…: articles (list and editor), troubleshooting guides (list and
 * editor) and, for those who manage the knowledge base, the gap report. `sub` is the path after
 * /knowledge/. Loaded on demand (Markdown is not in the first bundle).
 */
export default function Knowledge({ user, sub }: { user: User; sub: string }) {
  const canEdit = user.role === 'lead' || user.role === 'admin';
  const guide = /^guides\/([^/]+)$/.exec(sub);
  const section = sub === 'guides' || guide ? 'guides' : sub === 'gaps' ? 'gaps' : 'articles';
  let page;
  if (guide) page = <GuideEditor id={guide[1] === 'new' ? null : guide[1]!} canEdit={canEdit} />;
  else if (sub === 'guides') page = <Guides canEdit={canEdit} />;
  else if (sub === 'gaps') page = canEdit ? <Gaps /> : <NotAllowed />;
  else if (sub) page = <ArticleEditor id={sub === 'new' ? null : sub} canEdit={canEdit} />;
  else page = <Articles canEdit={canEdit} />;
  return (
    <div className="kb">
      <nav className="kb-nav" aria-label="Knowledge sections">
        <ul>
          {SECTIONS.filter((s) => canEdit || !('manage' in s)).map((s) => (
            <li key={s.id}>
              <a href={`/app${s.path}`} aria-current={section === s.id ? 'page' : undefined} onClick={(e) => (e.preventDefault(), navigate(s.path))}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="kb-body">
        <Suspense fallback={<div aria-busy="true" />}>{page}</Suspense>
      </div>
    </div>
  );
}

function NotAllowed() {
  return (
    <section className="denied" aria-labelledby="denied-title">
      <h1 id="denied-title">Not allowed</h1>
      <p>The gap report is for team leads and admins, who manage the knowledge base.</p>
    </section>
  );
}

/** The article list, by status. */
function Articles({ canEdit }: { canEdit: boolean }) {
  const [status, setStatus] = useState('');
  const items = useItems<Article>(`/api/v1/kb/articles?limit=100${status ? `&status=${status}` : ''}`);

  return (
    <div className="admin">
      <ViewsNav label="Article status" title="Knowledge" views={ARTICLE_VIEWS} current={status} onSelect={setStatus} />
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
                  <a {...link(`/knowledge/${a.id}`)}>{a.title}</a>
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
