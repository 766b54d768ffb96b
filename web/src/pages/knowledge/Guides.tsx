import { useState } from 'react';
import { ViewsNav } from '../../components/ViewsNav';
import { link } from '../../format';
import { navigate } from '../../router';
import type { GuideSummary } from './guide-model';
import { useItems } from './useItems';

const VIEWS = [
  { id: '', label: 'All' },
  { id: 'draft', label: 'Drafts' },
  { id: 'published', label: 'Published' },
];

/** The troubleshooting guides, newest change first, with a way to start a new one. */
export function Guides({ canEdit }: { canEdit: boolean }) {
  const [status, setStatus] = useState('');
  const items = useItems<GuideSummary>(`/api/v1/guides?limit=100${status ? `&status=${status}` : ''}`);

  return (
    <div className="admin">
      <ViewsNav label="Guide status" title="Guides" views={VIEWS} current={status} onSelect={setStatus} />
      <section className="admin-body" aria-labelledby="guides-title">
        <div className="list-head">
          <h2 id="guides-title">Troubleshooting guides</h2>
          {canEdit && (
            <button type="button" className="primary" onClick={() => navigate('/knowledge/guides/new')}>
              New guide
            </button>
          )}
        </div>
        <p className="meta">Decision trees that walk a customer (in the help center) or an agent from a symptom to a fix, one step or question at a time.</p>
        <table className="grid" aria-busy={items === null}>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Visibility</th>
              <th scope="col">Nodes</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {(items ?? []).map((g) => (
              <tr key={g.id}>
                <td>
                  <a {...link(`/knowledge/guides/${g.id}`)}>{g.title}</a>
                </td>
                <td>{g.status === 'published' ? 'Published' : 'Draft'}</td>
                <td>{g.visibility}</td>
                <td>{g.nodeCount}</td>
                <td>{new Date(g.updatedAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {items?.length === 0 && <p className="empty">No guides here yet.</p>}
      </section>
    </div>
  );
}
