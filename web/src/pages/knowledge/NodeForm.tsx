import { useEffect, useState } from 'react';
import { Field } from '../../components/Field';
import { ArticlePicker } from './ArticlePicker';
import { convertNode, describeProblem, ID_PATTERN, incomingOf, TYPE_LABEL, type GuideNode, type NodeProblem, type NodeType } from './guide-model';

interface Props {
  node: GuideNode;
  nodes: GuideNode[];
  startNodeId: string;
  problems: NodeProblem[];
  canEdit: boolean;
  publicGuide: boolean;
  onChange: (node: GuideNode) => void;
  /** Adds a new node of the type and answers its id. */
  onCreate: (type: NodeType) => string;
  onRename: (to: string) => void;
  onDelete: () => void;
  onMakeStart: () => void;
  onGoTo: (nodeId: string) => void;
}

/** Edits the node selected in the tree: its kind, text, where each answer leads, the outcome. */
export function NodeForm({ node, nodes, startNodeId, problems, canEdit, publicGuide, onChange, onCreate, onRename, onDelete, onMakeStart, onGoTo }: Props) {
  const [id, setId] = useState(node.id);
  const [idError, setIdError] = useState<string | undefined>();
  useEffect(() => {
    setId(node.id);
    setIdError(undefined);
  }, [node.id]);

  const fieldError = (field: string) => problems.find((p) => p.problem === 'field' && p.field === field)?.detail;
  // Problems of a field sit beside it; the rest (paths, loops, the article) head the form.
  const besideField = (field: string | undefined) => !!field && (['title', 'body', 'id', 'next'].includes(field) || /^options\.\d+\.(label|next)$/.test(field));
  const pathProblems = problems.filter((p) => p.problem !== 'field' || !besideField(p.field));
  const isStart = node.id === startNodeId;
  const incoming = incomingOf(nodes, node.id);
  const off = !canEdit;

  const commitId = () => {
    const to = id.trim();
    if (to === node.id) return setIdError(undefined);
    if (!ID_PATTERN.test(to)) return setIdError('Use letters, digits, "_", "-" and "." only (at most 64)');
    if (nodes.some((n) => n.id === to)) return setIdError('Another node has this id');
    setIdError(undefined);
    onRename(to);
  };

  return (
    <section className="node-form" aria-labelledby="node-form-title" aria-describedby={pathProblems.length > 0 ? 'node-problems' : undefined}>
      <h2 id="node-form-title">
        {TYPE_LABEL[node.type]}: {node.title || '(untitled)'}
      </h2>
      {pathProblems.length > 0 && (
        <ul id="node-problems" className="node-problems error">
          {pathProblems.map((p, i) => (
            <li key={i}>{describeProblem(p, node)}</li>
          ))}
        </ul>
      )}
      {incoming.length > 0 && (
        <p className="meta">
          Reached from:{' '}
          {incoming.map((r, i) => (
            <span key={`${r.from.id}-${i}`}>
              {i > 0 && ', '}
              <button type="button" className="link" onClick={() => onGoTo(r.from.id)}>
                {r.from.title || r.from.id}
              </button>
              {r.label !== null && ` (${r.label || 'no text'})`}
            </span>
          ))}
        </p>
      )}
      <div className="editor-row two">
        <Field id="node-type" label="Kind" error={undefined}>
          {(p) => (
            <select {...p} value={node.type} disabled={off} onChange={(e) => onChange(convertNode(node, e.target.value as NodeType))}>
              <option value="step">Step</option>
              <option value="question">Question</option>
              <option value="outcome">Outcome</option>
            </select>
          )}
        </Field>
        <Field id="node-id" label="Id" error={idError ?? fieldError('id')}>
          {(p) => <input {...p} value={id} disabled={off} spellCheck={false} onChange={(e) => setId(e.target.value)} onBlur={commitId} onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), commitId())} />}
        </Field>
      </div>
      <Field id="node-title" label={node.type === 'question' ? 'Question' : 'Title'} error={fieldError('title')}>
        {(p) => <input {...p} value={node.title} disabled={off} onChange={(e) => onChange({ ...node, title: e.target.value })} />}
      </Field>
      <Field id="node-body" label="Details (Markdown, optional)" error={fieldError('body')}>
        {(p) => <textarea {...p} rows={3} value={node.body ?? ''} disabled={off} onChange={(e) => onChange({ ...node, body: e.target.value })} />}
      </Field>

      {node.type === 'step' && (
        <Field id="node-next" label="After “Continue”" error={fieldError('next')}>
          {(p) => <TargetSelect {...p} value={node.next ?? ''} nodes={nodes} self={node.id} allowNone disabled={off} onCreate={onCreate} onChange={(next) => onChange(next ? { ...node, next } : { id: node.id, type: 'step', title: node.title, ...(node.body ? { body: node.body } : {}) })} />}
        </Field>
      )}

      {node.type === 'question' && (
        <fieldset className="branches">
          <legend>Answers</legend>
          {node.options.length === 0 && <p className="meta">No answers yet.</p>}
          <ol>
            {node.options.map((o, i) => {
              const set = (change: Partial<typeof o>) => onChange({ ...node, options: node.options.map((x, j) => (j === i ? { ...x, ...change } : x)) });
              return (
                <li key={i} className="branch">
                  <Field id={`node-branch-${i}-label`} label={`Answer ${i + 1}`} error={fieldError(`options.${i}.label`)}>
                    {(p) => <input {...p} value={o.label} disabled={off} onChange={(e) => set({ label: e.target.value })} />}
                  </Field>
                  <Field id={`node-branch-${i}-next`} label={`Answer ${i + 1} leads to`} error={fieldError(`options.${i}.next`)}>
                    {(p) => <TargetSelect {...p} value={o.next} nodes={nodes} self={node.id} disabled={off} onCreate={onCreate} onChange={(next) => set({ next })} />}
                  </Field>
                  {canEdit && (
                    <button type="button" className="link branch-remove" onClick={() => onChange({ ...node, options: node.options.filter((_, j) => j !== i) })}>
                      Remove answer {i + 1}
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
          {canEdit && node.options.length < 20 && (
            <button type="button" onClick={() => onChange({ ...node, options: [...node.options, { label: '', next: '' }] })}>
              Add an answer
            </button>
          )}
        </fieldset>
      )}

      {node.type === 'outcome' && (
        <>
          <fieldset className="choice">
            <legend>Outcome</legend>
            <label>
              <input type="radio" name="node-outcome" value="solved" checked={node.outcome === 'solved'} disabled={off} onChange={() => onChange({ ...node, outcome: 'solved' })} /> Solved
            </label>
            <label>
              <input
                type="radio"
                name="node-outcome"
                value="ticket"
                checked={node.outcome === 'ticket'}
                disabled={off}
                onChange={() => onChange({ id: node.id, type: 'outcome', title: node.title, ...(node.body ? { body: node.body } : {}), outcome: 'ticket' })}
              />{' '}
              Open a ticket
            </label>
          </fieldset>
          {node.outcome === 'solved' && (
            <ArticlePicker
              articleId={node.articleId}
              publicOnly={publicGuide}
              disabled={off}
              onChange={(articleId) => onChange(articleId ? { ...node, articleId } : { id: node.id, type: 'outcome', title: node.title, ...(node.body ? { body: node.body } : {}), outcome: 'solved' })}
            />
          )}
        </>
      )}

      {canEdit && (
        <div className="node-actions">
          {!isStart && (
            <button type="button" onClick={onMakeStart}>
              Make this the start
            </button>
          )}
          <button type="button" onClick={onDelete} disabled={isStart} aria-describedby={isStart ? 'node-delete-hint' : undefined}>
            Delete this node
          </button>
          {isStart && (
            <span id="node-delete-hint" className="meta">
              The start node cannot be deleted; make another node the start first.
            </span>
          )}
        </div>
      )}
    </section>
  );
}

/** Where a branch leads: another node, or a new node made on the spot. */
function TargetSelect({ value, nodes, self, allowNone, disabled, onChange, onCreate, ...aria }: { id: string; value: string; nodes: GuideNode[]; self: string; allowNone?: boolean; disabled: boolean; onChange: (id: string) => void; onCreate: (type: NodeType) => string; 'aria-invalid'?: true; 'aria-describedby'?: string }) {
  const known = nodes.some((n) => n.id === value);
  return (
    <select
      {...aria}
      value={value}
      disabled={disabled}
      onChange={(e) => {
        const v = e.target.value;
        onChange(v.startsWith('+') ? onCreate(v.slice(1) as NodeType) : v);
      }}
    >
      {allowNone ? <option value="">Nothing yet (the path stops here)</option> : <option value="" disabled>Choose…</option>}
      {value !== '' && !known && <option value={value}>A node that does not exist ({value})</option>}
      <optgroup label="New node">
        <option value="+step">New step</option>
        <option value="+question">New question</option>
        <option value="+outcome">New outcome</option>
      </optgroup>
      <optgroup label="Existing nodes">
        {nodes
          .filter((n) => n.id !== self)
          .map((n) => (
            <option key={n.id} value={n.id}>
              {TYPE_LABEL[n.type]}: {n.title || '(untitled)'} ({n.id})
            </option>
          ))}
      </optgroup>
    </select>
  );
}
