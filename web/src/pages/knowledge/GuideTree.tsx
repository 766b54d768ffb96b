import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { buildTree, describeProblem, TYPE_LABEL, visibleRows, type GuideNode, type NodeProblem, type NodeStats, type TreeItem } from './guide-model';

interface Props {
  startNodeId: string;
  nodes: GuideNode[];
  problems: Map<string, NodeProblem[]>;
  stats: Map<string, NodeStats> | null;
  selected: string;
  onSelect: (nodeId: string) => void;
  /** Bumped by the editor to move keyboard focus onto the selected node's row. */
  focusRequest: number;
}

const domId = (key: string) => `gt-${key.replace(/\./g, '-')}`;

/**
 * The guide as an ARIA tree (WAI-ARIA APG tree view): one tab stop; ↑/↓ move, → opens or goes
 * to the first branch, ← closes or goes to the parent, Home/End; selection follows focus. Each
 * node's problems are on its row (aria-invalid, text linked by aria-describedby), with its
 * figures from the runs. The rows are flat, their nesting given by aria-level, -setsize and
 * -posinset: a nested row would take its whole subtree's text as its name.
 */
export function GuideTree({ startNodeId, nodes, problems, stats, selected, onSelect, focusRequest }: Props) {
  const roots = useMemo(() => buildTree(startNodeId, nodes), [startNodeId, nodes]);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const rows = useMemo(() => visibleRows(roots, collapsed), [roots, collapsed]);
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const parents = useMemo(() => new Map(visibleRows(roots, new Set()).map((r) => [r.key, r])), [roots]);

  // The focused row: the one last moved to if it still shows this node, else the node's own row.
  const primaryOf = (nodeId: string) => rows.find((r) => r.nodeId === nodeId && r.kind === 'node');
  const active = rows.find((r) => r.key === activeKey && r.nodeId === selected) ?? primaryOf(selected) ?? rows[0];

  const focusRow = (item: TreeItem | undefined) => {
    if (!item) return;
    setActiveKey(item.key);
    onSelect(item.nodeId);
    document.getElementById(domId(item.key))?.focus();
  };
  // Shows a node's own row (opening the rows above it), selects it and focuses it.
  const reveal = (nodeId: string) => {
    const target = visibleRows(roots, new Set()).find((r) => r.nodeId === nodeId && r.kind === 'node');
    if (!target) return;
    setCollapsed((c) => {
      const next = new Set(c);
      for (let key = target.parent; key; key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : null) next.delete(key);
      return next;
    });
    setActiveKey(target.key);
    onSelect(nodeId);
    requestAnimationFrame(() => document.getElementById(domId(target.key))?.focus());
  };
  // The editor asks for focus on the selected node (from the problem summary, "go to" links).
  useEffect(() => {
    if (focusRequest > 0) reveal(selected);
  }, [focusRequest]);

  const toggle = (item: TreeItem, open?: boolean) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (open ?? c.has(item.key)) next.delete(item.key);
      else next.add(item.key);
      return next;
    });

  const onKeyDown = (e: KeyboardEvent) => {
    if (!active || e.altKey || e.ctrlKey || e.metaKey) return;
    const at = rows.indexOf(active);
    const hasChildren = active.children.length > 0;
    const open = hasChildren && !collapsed.has(active.key);
    const keys: Record<string, () => void> = {
      ArrowDown: () => focusRow(rows[at + 1]),
      ArrowUp: () => focusRow(rows[at - 1]),
      Home: () => focusRow(rows[0]),
      End: () => focusRow(rows[rows.length - 1]),
      ArrowRight: () => (hasChildren && !open ? toggle(active, true) : open ? focusRow(active.children[0]) : undefined),
      ArrowLeft: () => (open ? toggle(active, false) : focusRow(rows.find((r) => r.key === active.parent))),
      Enter: () => (active.kind === 'loop' || active.kind === 'join' ? reveal(active.nodeId) : undefined),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };

  const row = (item: TreeItem) => {
    const node = byId.get(item.nodeId);
    const own = item.kind === 'node';
    const nodeProblems = own ? (problems.get(item.nodeId) ?? []) : [];
    const figures = own ? stats?.get(item.nodeId) : undefined;
    const hasChildren = item.children.length > 0;
    const open = hasChildren && !collapsed.has(item.key);
    const id = domId(item.key);
    const siblings = item.parent ? (parents.get(item.parent)?.children ?? []) : roots;
    return (
      <li
        key={item.key}
        id={id}
        role="treeitem"
        aria-level={item.level}
        aria-setsize={siblings.length}
        aria-posinset={siblings.indexOf(item) + 1}
        aria-selected={item === active}
        aria-expanded={hasChildren ? open : undefined}
        aria-describedby={nodeProblems.length > 0 ? `${id}-error` : undefined}
        aria-invalid={nodeProblems.length > 0 || undefined}
        tabIndex={item === active ? 0 : -1}
        className={`tree-row${item === active ? ' selected' : ''}${nodeProblems.length > 0 ? ' invalid' : ''}`}
        style={{ marginLeft: `${(item.level - 1) * 20}px` }}
        data-node={item.nodeId}
        onClick={() => focusRow(item)}
        onFocus={(e) => {
          // Focus that arrives from elsewhere (a screen reader, a script) moves the selection too.
          if (e.target !== e.currentTarget || item === active) return;
          setActiveKey(item.key);
          onSelect(item.nodeId);
        }}
      >
        <span
          className="tree-toggle"
          aria-hidden="true"
          onClick={(e) => {
            if (!hasChildren) return;
            e.stopPropagation();
            toggle(item);
          }}
        >
          {hasChildren ? (open ? '▾' : '▸') : '·'}
        </span>
        <span className="tree-label">
          {item.detached && <span className="tree-branch">Not connected: </span>}
          {item.branch !== null && <span className="tree-branch">{item.branch || '(no text)'} → </span>}
          {item.kind === 'missing' ? (
            <span className="error">a node that does not exist ({item.nodeId})</span>
          ) : own ? (
            <>
              <span className="tree-type">{node ? TYPE_LABEL[node.type] : ''}</span> {node?.title || '(untitled)'}
              {node?.type === 'outcome' && <span className="tree-outcome"> ({node.outcome === 'solved' ? 'solved' : 'open a ticket'})</span>}
              {item.nodeId === startNodeId && <span className="tree-start"> · start</span>}
            </>
          ) : (
            <span className="tree-ref">
              {item.kind === 'loop' ? '↩ back to ' : 'continues at '}“{node?.title || item.nodeId}”
            </span>
          )}
        </span>
        {figures && (
          <span className="tree-stats">
            {figures.reached} reached · {figures.solved} solved · {figures.dropped} dropped
          </span>
        )}
        {nodeProblems.length > 0 && (
          <span id={`${id}-error`} className="tree-error error">
            {nodeProblems.map((p) => describeProblem(p, node)).join(' ')}
          </span>
        )}
      </li>
    );
  };

  return (
    <ul role="tree" aria-label="Guide tree" className="tree" onKeyDown={onKeyDown}>
      {rows.map(row)}
    </ul>
  );
}
