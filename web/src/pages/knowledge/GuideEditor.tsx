import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api';
import { errorsOf, Field, type FieldErrors } from '../../components/Field';
import { navigate } from '../../router';
import { GuideChecks } from './GuideChecks';
import { GuideTree } from './GuideTree';
import { NodeForm } from './NodeForm';
import { blankNode, deleteNode, fieldProblems, forChecking, freshId, nodeFieldErrors, problemsByNode, renameNode, toApiNodes, type Guide, type GuideMeta, type GuideNode, type NodeProblem, type NodeStats, type NodeType } from './guide-model';

const EMPTY_META: GuideMeta = { title: '', description: '', category: '', visibility: 'public', status: 'draft' };
const NEW_TREE: GuideNode[] = [{ id: 'start', type: 'question', title: '', options: [] }];

interface Check {
  state: 'checking' | 'done' | 'failed';
  problems: NodeProblem[];
  /** Problems that belong to no node (a bad start, a limit). */
  general: string[];
}
interface Stats {
  runs: { total: number; active: number; solved: number; escalated: number; abandoned: number; withTicket: number };
  nodes: Map<string, NodeStats>;
}

/**
 * A troubleshooting guide: its details, the decision tree (a tree view beside a form for the
 * selected node), the server's check run as the author types with each problem shown on its
 * node, per-node figures from the runs, and save, refused while the tree has problems.
 */
export function GuideEditor({ id, canEdit }: { id: string | null; canEdit: boolean }) {
  const [guide, setGuide] = useState<Guide | null>(null);
  const [meta, setMeta] = useState<GuideMeta>(EMPTY_META);
  const [startNodeId, setStartNodeId] = useState('start');
  const [nodes, setNodes] = useState<GuideNode[]>(NEW_TREE);
  const [selected, setSelected] = useState('start');
  const [focusRequest, setFocusRequest] = useState(0);
  const [check, setCheck] = useState<Check>({ state: 'checking', problems: [], general: [] });
  const [stats, setStats] = useState<Stats | null>(null);
  const [metaErrors, setMetaErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const checkSeq = useRef(0);
  // The tree the server has just accepted on save needs no second check.
  const accepted = useRef<GuideNode[] | null>(null);
  const summary = useRef<HTMLElement>(null);

  const apply = (g: Guide) => {
    setGuide(g);
    setMeta({ title: g.title, description: g.description, category: g.category ?? '', visibility: g.visibility, status: g.status });
    setStartNodeId(g.startNodeId);
    setNodes(g.nodes);
    setSelected((s) => (g.nodes.some((n) => n.id === s) ? s : g.startNodeId));
  };
  const loadStats = (guideId: string) =>
    api<{ runs: Stats['runs']; nodes: NodeStats[] }>(`/api/v1/guides/${guideId}/stats`).then(
      (s) => setStats({ runs: s.runs, nodes: new Map(s.nodes.map((n) => [n.nodeId, n])) }),
      () => setStats(null),
    );
  useEffect(() => {
    if (!id) {
      setGuide(null);
      setMeta(EMPTY_META);
      setStartNodeId('start');
      setNodes(NEW_TREE);
      setSelected('start');
      setStats(null);
      return;
    }
    if (guide?.id === id) return;
    api<Guide>(`/api/v1/guides/${id}`).then(apply, (e: unknown) => setFormError(e instanceof Error ? e.message : 'Cannot load the guide'));
    void loadStats(id);
  }, [id]);

  /** Asks the server to check the tree as it stands (empty fields filled with placeholders). */
  const runCheck = async (tree: GuideNode[], start: string): Promise<Check> => {
    const seq = ++checkSeq.current;
    const sent = toApiNodes(forChecking(tree));
    let result: Check;
    try {
      const r = await api<{ problems: NodeProblem[] }>('/api/v1/guides/validate', { method: 'POST', body: { startNodeId: start, nodes: sent } });
      result = { state: 'done', problems: r.problems, general: [] };
    } catch (e) {
      if (e instanceof ApiError && e.code === 'validation_failed') {
        const mapped = nodeFieldErrors(e.errors, sent);
        result = { state: 'done', problems: mapped.nodes, general: mapped.rest.map((r) => `${r.path.replace(/^body\./, '')}: ${r.message}`) };
      } else {
        result = { state: 'failed', problems: [], general: [e instanceof Error ? e.message : 'The check failed'] };
      }
    }
    if (seq === checkSeq.current) setCheck(result);
    return result;
  };
  useEffect(() => {
    if (!canEdit) return;
    if (nodes === accepted.current) {
      checkSeq.current += 1;
      return setCheck({ state: 'done', problems: [], general: [] });
    }
    setCheck((c) => ({ ...c, state: 'checking' }));
    const timer = setTimeout(() => void runCheck(nodes, startNodeId), 300);
    return () => clearTimeout(timer);
  }, [nodes, startNodeId, canEdit]);

  const local = useMemo(() => fieldProblems(nodes), [nodes]);
  const problems = useMemo(() => [...local, ...check.problems], [local, check.problems]);
  const byNode = useMemo(() => problemsByNode(problems), [problems]);
  const node = nodes.find((n) => n.id === selected) ?? nodes.find((n) => n.id === startNodeId) ?? nodes[0]!;
  const dirty = !guide || JSON.stringify([meta, startNodeId, nodes]) !== JSON.stringify([{ title: guide.title, description: guide.description, category: guide.category ?? '', visibility: guide.visibility, status: guide.status }, guide.startNodeId, guide.nodes]);

  const goTo = (nodeId: string) => {
    setSelected(nodeId);
    setFocusRequest((n) => n + 1);
  };
  const refuse = (message: string) => {
    setFormError(message);
    summary.current?.focus();
  };
  const edit = {
    change: (next: GuideNode) => setNodes((ns) => ns.map((n) => (n.id === node.id ? next : n))),
    create: (type: NodeType) => {
      const newId = freshId(nodes, type);
      setNodes((ns) => [...ns, blankNode(type, newId)]);
      return newId;
    },
    rename: (to: string) => {
      const from = node.id;
      setNodes((ns) => renameNode(ns, from, to));
      if (startNodeId === from) setStartNodeId(to);
      setSelected(to);
    },
    remove: () => {
      setNodes((ns) => deleteNode(ns, node.id));
      goTo(startNodeId);
    },
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setFormError(null);
    setMetaErrors({});
    // The check must be current: one still waiting for the typing to stop runs now.
    const current = check.state === 'done' ? check : await runCheck(nodes, startNodeId);
    const open = local.length + current.problems.length + current.general.length;
    if (current.state !== 'done' || open > 0) {
      return refuse(current.state !== 'done' ? 'The guide could not be checked, so it was not saved. Try again.' : `Not saved: fix the ${open === 1 ? 'problem' : `${open} problems`} listed above first. Every path must end in an outcome.`);
    }
    const body = { ...meta, category: meta.category.trim() || (guide ? null : undefined), startNodeId, nodes: toApiNodes(nodes) };
    setBusy(true);
    try {
      const result = guide ? await api<Guide>(`/api/v1/guides/${guide.id}`, { method: 'PATCH', body, headers: { 'if-match': String(guide.version) } }) : await api<Guide>('/api/v1/guides', { method: 'POST', body });
      accepted.current = result.nodes;
      apply(result);
      if (guide) void loadStats(guide.id);
      else navigate(`/knowledge/guides/${result.id}`);
      setSaved(true);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'guide_invalid') {
        setCheck({ state: 'done', problems: (error.data.problems as NodeProblem[] | undefined) ?? [], general: [] });
        refuse('The server refused the guide: the problems are listed above and on their nodes.');
      } else if (error instanceof ApiError && error.code === 'precondition_failed') {
        refuse('Someone else saved this guide meanwhile. Reload the page to see their version; your changes here are not saved.');
      } else if (error instanceof ApiError && error.code === 'validation_failed') {
        const mapped = nodeFieldErrors(error.errors, body.nodes);
        setCheck((c) => ({ ...c, problems: [...c.problems, ...mapped.nodes] }));
        setMetaErrors(errorsOf(new ApiError(400, error.code, error.message, mapped.rest)));
      } else {
        setFormError(error instanceof Error ? error.message : 'Not saved');
      }
    } finally {
      setBusy(false);
    }
  };

  const removeGuide = async () => {
    if (!guide || !window.confirm(`Delete the guide “${guide.title}” with its runs?`)) return;
    try {
      await api(`/api/v1/guides/${guide.id}`, { method: 'DELETE' });
      navigate('/knowledge/guides');
    } catch (error) {
      setFormError(error instanceof Error ? error.message : 'Not deleted');
    }
  };

  const runnable = guide && guide.status === 'published' && guide.visibility === 'public';
  return (
    <form className="guide-editor" onSubmit={save} aria-label="Guide" noValidate>
      <p>
        <a href="/app/knowledge/guides" onClick={(e) => (e.preventDefault(), navigate('/knowledge/guides'))}>
          ← Guides
        </a>
      </p>
      <h1 className="editor-title">{guide ? 'Edit guide' : 'New guide'}</h1>
      <Field id="guide-title" label="Title" error={metaErrors.title}>
        {(p) => <input {...p} value={meta.title} disabled={!canEdit} onChange={(e) => setMeta({ ...meta, title: e.target.value })} />}
      </Field>
      <Field id="guide-description" label="What it helps with" error={metaErrors.description}>
        {(p) => <input {...p} value={meta.description} disabled={!canEdit} onChange={(e) => setMeta({ ...meta, description: e.target.value })} />}
      </Field>
      <div className="editor-row">
        <Field id="guide-status" label="Status" error={metaErrors.status}>
          {(p) => (
            <select {...p} value={meta.status} disabled={!canEdit} onChange={(e) => setMeta({ ...meta, status: e.target.value as GuideMeta['status'] })}>
              <option value="draft">Draft</option>
              <option value="published">Published</option>
            </select>
          )}
        </Field>
        <Field id="guide-visibility" label="Visibility" error={metaErrors.visibility}>
          {(p) => (
            <select {...p} value={meta.visibility} disabled={!canEdit} onChange={(e) => setMeta({ ...meta, visibility: e.target.value as GuideMeta['visibility'] })}>
              <option value="public">Public (help center)</option>
              <option value="internal">Internal (agents)</option>
            </select>
          )}
        </Field>
        <Field id="guide-category" label="Category" error={metaErrors.category}>
          {(p) => <input {...p} value={meta.category} disabled={!canEdit} onChange={(e) => setMeta({ ...meta, category: e.target.value })} />}
        </Field>
      </div>
      <p className="guide-run">
        {runnable ? (
          <a href={`/help/guides/${guide.id}`} target="_blank" rel="noopener noreferrer">
            Run it in the help center
          </a>
        ) : (
          <span className="meta">Once saved as published and public, customers can run it in the help center.</span>
        )}
        {stats && stats.runs.total > 0 && (
          <span className="meta">
            {' '}
            · {stats.runs.total} {stats.runs.total === 1 ? 'run' : 'runs'}: {stats.runs.solved} solved, {stats.runs.escalated} ended at “open a ticket”, {stats.runs.abandoned} dropped, {stats.runs.active} going on
          </span>
        )}
      </p>
      {canEdit && <GuideChecks ref={summary} check={check} problems={problems} nodes={nodes} onGoTo={goTo} />}
      <div className="guide-panes">
        <section className="guide-tree" aria-labelledby="guide-tree-title">
          <h2 id="guide-tree-title">Tree</h2>
          <p className="hint">↑ ↓ move · → opens · ← closes · Enter on “back to” goes there</p>
          <GuideTree startNodeId={startNodeId} nodes={nodes} problems={byNode} stats={stats?.nodes ?? null} selected={node.id} onSelect={setSelected} focusRequest={focusRequest} />
        </section>
        <NodeForm
          node={node}
          nodes={nodes}
          startNodeId={startNodeId}
          problems={byNode.get(node.id) ?? []}
          canEdit={canEdit}
          publicGuide={meta.visibility === 'public'}
          onChange={edit.change}
          onCreate={edit.create}
          onRename={edit.rename}
          onDelete={edit.remove}
          onMakeStart={() => setStartNodeId(node.id)}
          onGoTo={goTo}
        />
      </div>
      {formError && (
        <p role="alert" className="error">
          {formError}
        </p>
      )}
      {canEdit && (
        <div className="composer-actions">
          {saved && !dirty && <span role="status">Saved.</span>}
          {dirty && guide && <span className="meta">Unsaved changes</span>}
          {guide && (
            <button type="button" onClick={() => void removeGuide()}>
              Delete guide
            </button>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {guide ? 'Save' : 'Create guide'}
          </button>
        </div>
      )}
    </form>
  );
}
