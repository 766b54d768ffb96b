import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { Field, FormError, useSubmit } from '../../components/Field';
import { renderMarkdown } from '../../markdown';
import { navigate } from '../../router';
import { STATUS_LABEL, type Article } from './Knowledge';

interface Revision {
  id: string;
  number: number;
  title: string;
  status: string;
  restoredFrom: number | null;
  createdAt: string;
}
type Form = Pick<Article, 'title' | 'body' | 'visibility' | 'status'> & { category: string };
const EMPTY: Form = { title: '', body: '', category: '', visibility: 'public', status: 'draft' };

/** A new article's first text, handed over in the history entry (the gap report's "Write an article"). */
export interface ArticleDraft {
  title: string;
  body: string;
  /** What it was drafted from, for the note above the form. */
  from: string;
}
const handedDraft = (): ArticleDraft | null => (window.history.state as { articleDraft?: ArticleDraft } | null)?.articleDraft ?? null;

/** Markdown editor with a live (sanitised) preview, status draft → in review → published, and revisions. */
export function ArticleEditor({ id, canEdit }: { id: string | null; canEdit: boolean }) {
  const [article, setArticle] = useState<Article | null>(null);
  const [form, setForm] = useState<Form>(EMPTY);
  const [draftFrom, setDraftFrom] = useState<string | null>(null);
  const [revisions, setRevisions] = useState<Revision[]>([]);
  const [saved, setSaved] = useState(false);
  const [errors, submit, busy] = useSubmit();
  const preview = useMemo(() => renderMarkdown(form.body), [form.body]);

  const load = async (articleId: string) => {
    const a = await api<Article>(`/api/v1/kb/articles/${articleId}`);
    setArticle(a);
    setForm({ title: a.title, body: a.body, category: a.category ?? '', visibility: a.visibility, status: a.status });
    setRevisions((await api<{ items: Revision[] }>(`/api/v1/kb/articles/${articleId}/revisions`)).items);
  };
  useEffect(() => {
    const draft = id ? null : handedDraft();
    setDraftFrom(draft?.from ?? null);
    if (id) void load(id);
    else setForm(draft ? { ...EMPTY, title: draft.title, body: draft.body } : EMPTY);
  }, [id]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const body = { title: form.title, body: form.body, category: form.category || null, visibility: form.visibility, status: form.status };
    const ok = await submit(async () => {
      if (!article) {
        const created = await api<Article>('/api/v1/kb/articles', { method: 'POST', body: { ...body, category: form.category || undefined } });
        navigate(`/knowledge/${created.id}`);
      } else {
        await api<Article>(`/api/v1/kb/articles/${article.id}`, { method: 'PATCH', body, headers: { 'if-match': String(article.version) } });
        await load(article.id);
      }
    });
    setSaved(ok);
  };
  const restore = (revisionId: string) => article && submit(async () => void (await api(`/api/v1/kb/articles/${article.id}/revisions/${revisionId}/restore`, { method: 'POST' }))).then(() => load(article.id));

  return (
    <div className="editor">
      <form className="editor-form" onSubmit={save} aria-label="Article" noValidate>
        <p>
          <a href="/app/knowledge" onClick={(e) => (e.preventDefault(), navigate('/knowledge'))}>
            ← Articles
          </a>
        </p>
        <h1 className="editor-title">{article ? 'Edit article' : 'New article'}</h1>
        {draftFrom && <p className="meta">Pre-filled from {draftFrom}. Rewrite it in general terms before publishing.</p>}
        <Field id="article-title" label="Title" error={errors.title}>
          {(p) => <input {...p} value={form.title} disabled={!canEdit} onChange={(e) => setForm({ ...form, title: e.target.value })} />}
        </Field>
        <div className="editor-row">
          <Field id="article-status" label="Status" error={errors.status}>
            {(p) => (
              <select {...p} value={form.status} disabled={!canEdit} onChange={(e) => setForm({ ...form, status: e.target.value as Form['status'] })}>
                {Object.entries(STATUS_LABEL).map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="article-visibility" label="Visibility" error={errors.visibility}>
            {(p) => (
              <select {...p} value={form.visibility} disabled={!canEdit} onChange={(e) => setForm({ ...form, visibility: e.target.value as Form['visibility'] })}>
                <option value="public">Public (help center)</option>
                <option value="internal">Internal</option>
              </select>
            )}
          </Field>
          <Field id="article-category" label="Category" error={errors.category}>
            {(p) => <input {...p} value={form.category} disabled={!canEdit} onChange={(e) => setForm({ ...form, category: e.target.value })} />}
          </Field>
        </div>
        <div className="editor-panes">
          <Field id="article-body" label="Body (Markdown)" error={errors.body}>
            {(p) => <textarea {...p} rows={18} value={form.body} disabled={!canEdit} onChange={(e) => setForm({ ...form, body: e.target.value })} />}
          </Field>
          <section aria-label="Preview" className="preview">
            <h2 className="views-title">Preview</h2>
            <div className="markdown" data-testid="preview" dangerouslySetInnerHTML={{ __html: preview }} />
          </section>
        </div>
        <FormError errors={errors} />
        {canEdit && (
          <div className="composer-actions">
            {saved && <span role="status">Saved.</span>}
            <button type="submit" className="primary" disabled={busy}>
              {article ? 'Save' : 'Create article'}
            </button>
          </div>
        )}
      </form>
      <aside className="side" aria-labelledby="revisions-title">
        <h2 id="revisions-title">Revisions</h2>
        <ol className="revisions">
          {revisions.map((r) => (
            <li key={r.id}>
              #{r.number} · {STATUS_LABEL[r.status as Article['status']] ?? r.status} · {new Date(r.createdAt).toLocaleString()}
              {r.restoredFrom !== null && ` (restores #${r.restoredFrom})`}
              {canEdit && revisions[0]?.id !== r.id && (
                <>
                  {' '}
                  <button type="button" className="link" onClick={() => void restore(r.id)}>
                    Restore
                  </button>
                </>
              )}
            </li>
          ))}
        </ol>
        {!article && <p className="meta">Revisions appear once the article is saved.</p>}
      </aside>
    </div>
  );
}
