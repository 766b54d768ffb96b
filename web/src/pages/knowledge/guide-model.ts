// The troubleshooting-guide model as the editor holds it (src/guides/guides.schema.ts on the
// server), and the pure helpers the editor needs: new nodes, edits that keep references sound,
// the tree drawn from the start node, and problems grouped by node.

export type NodeType = 'step' | 'question' | 'outcome';
export interface Branch {
  label: string;
  /** '' while the author has not chosen where the answer leads (the editor's own state; never sent). */
  next: string;
}
export type GuideNode =
  | { id: string; type: 'step'; title: string; body?: string; next?: string }
  | { id: string; type: 'question'; title: string; body?: string; options: Branch[] }
  | { id: string; type: 'outcome'; title: string; body?: string; outcome: 'solved' | 'ticket'; articleId?: string };

export interface GuideMeta {
  title: string;
  description: string;
  category: string;
  visibility: 'public' | 'internal';
  status: 'draft' | 'published';
}
export interface Guide extends Omit<GuideMeta, 'category'> {
  id: string;
  category: string | null;
  locale: string;
  nodeCount: number;
  version: number;
  updatedAt: string;
  publishedAt: string | null;
  startNodeId: string;
  nodes: GuideNode[];
}
export type GuideSummary = Omit<Guide, 'startNodeId' | 'nodes'>;

export type ProblemCode = 'duplicate_id' | 'unknown_start' | 'unknown_target' | 'unreachable' | 'dead_end' | 'cycle_without_exit' | 'no_outcome' | 'unknown_article' | 'field';
/** One thing wrong with a node: from the server's check, or a required field left empty here. */
export interface NodeProblem {
  nodeId: string;
  problem: ProblemCode;
  detail: string;
  /** For field problems: `title`, `options.1.label`, `options.1.next`… */
  field?: string;
}
export interface NodeStats {
  nodeId: string;
  reached: number;
  solved: number;
  escalated: number;
  dropped: number;
}

export const TYPE_LABEL: Record<NodeType, string> = { step: 'Step', question: 'Question', outcome: 'Outcome' };
export const ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** The nodes a node leads to, in branch order ('' for a branch not pointed anywhere yet). */
export function targetsOf(node: GuideNode): { label: string | null; next: string }[] {
  if (node.type === 'step') return node.next ? [{ label: null, next: node.next }] : [];
  if (node.type === 'question') return node.options.map((o) => ({ label: o.label, next: o.next }));
  return [];
}

/** A fresh id such as `step-3`, unused in the guide. */
export function freshId(nodes: GuideNode[], type: NodeType): string {
  const taken = new Set(nodes.map((n) => n.id));
  let n = 1;
  while (taken.has(`${type}-${n}`)) n += 1;
  return `${type}-${n}`;
}

/** A new node with a title to overwrite, so it is valid as far as fields go. */
export function blankNode(type: NodeType, id: string): GuideNode {
  if (type === 'step') return { id, type, title: 'New step' };
  if (type === 'question') return { id, type, title: 'New question', options: [] };
  return { id, type, title: 'Problem solved', outcome: 'solved' };
}

/** The node as another type, keeping its title, body and (where it can) where it leads. */
export function convertNode(node: GuideNode, type: NodeType): GuideNode {
  const base = { id: node.id, title: node.title, ...(node.body ? { body: node.body } : {}) };
  const targets = targetsOf(node).filter((t) => t.next);
  if (type === 'step') return { ...base, type, ...(targets[0] ? { next: targets[0].next } : {}) };
  if (type === 'question') return { ...base, type, options: targets.map((t) => ({ label: t.label ?? 'Continue', next: t.next })) };
  return { ...base, type, outcome: 'solved' };
}

/** Renames a node and every reference to it. */
export function renameNode(nodes: GuideNode[], from: string, to: string): GuideNode[] {
  const swap = (id: string) => (id === from ? to : id);
  return nodes.map((n) => {
    const renamed = n.id === from ? { ...n, id: to } : n;
    if (renamed.type === 'step' && renamed.next) return { ...renamed, next: swap(renamed.next) };
    if (renamed.type === 'question') return { ...renamed, options: renamed.options.map((o) => ({ ...o, next: swap(o.next) })) };
    return renamed;
  });
}

/** Removes a node; steps that led to it lose their `next`, branches that did are unpointed. */
export function deleteNode(nodes: GuideNode[], id: string): GuideNode[] {
  return nodes
    .filter((n) => n.id !== id)
    .map((n) => {
      if (n.type === 'step' && n.next === id) {
        const { next: _next, ...rest } = n;
        return rest;
      }
      if (n.type === 'question' && n.options.some((o) => o.next === id)) return { ...n, options: n.options.map((o) => (o.next === id ? { ...o, next: '' } : o)) };
      return n;
    });
}

/** Required fields left empty: checked here, since the server's check needs them filled. */
export function fieldProblems(nodes: GuideNode[]): NodeProblem[] {
  const out: NodeProblem[] = [];
  for (const n of nodes) {
    if (n.title.trim() === '') out.push({ nodeId: n.id, problem: 'field', field: 'title', detail: 'Give the node a title' });
    if (n.type !== 'question') continue;
    n.options.forEach((o, i) => {
      if (o.label.trim() === '') out.push({ nodeId: n.id, problem: 'field', field: `options.${i}.label`, detail: `Answer ${i + 1} has no text` });
      if (o.next === '') out.push({ nodeId: n.id, problem: 'field', field: `options.${i}.next`, detail: `Choose where answer ${i + 1} leads` });
    });
  }
  return out;
}

/**
 * The tree as the server's check should see it while fields are still empty: placeholders for
 * empty titles and labels, unpointed branches left out (so the path checks still run).
 */
export function forChecking(nodes: GuideNode[]): GuideNode[] {
  return nodes.map((n) => {
    const title = n.title.trim() === '' ? '(untitled)' : n.title;
    if (n.type !== 'question') return { ...n, title };
    return { ...n, title, options: n.options.filter((o) => o.next !== '').map((o) => ({ ...o, label: o.label.trim() === '' ? '(no text)' : o.label })) };
  });
}

/** What the author reads for a problem the server found, in words about this node. */
export function describeProblem(problem: NodeProblem, node: GuideNode | undefined): string {
  switch (problem.problem) {
    case 'unreachable':
      return 'No path from the start reaches this node.';
    case 'dead_end':
      return node?.type === 'question' ? 'This question has no answers, so the path stops here without an outcome.' : 'This path stops here without an outcome: choose what comes next, or end it with an outcome.';
    case 'cycle_without_exit':
      return 'This node is on a loop that never reaches an outcome.';
    case 'no_outcome':
      return 'Every path from here runs into a dead end or a loop without exit.';
    case 'unknown_article':
      return 'The linked article does not exist (any more): link another one.';
    case 'duplicate_id':
      return 'Another node has the same id.';
    default:
      return problem.detail;
  }
}

/** Problems by node id. */
export function problemsByNode(problems: NodeProblem[]): Map<string, NodeProblem[]> {
  const out = new Map<string, NodeProblem[]>();
  for (const p of problems) out.set(p.nodeId, [...(out.get(p.nodeId) ?? []), p]);
  return out;
}

/**
 * Server field errors (`body.nodes.3.title`) as problems of the node at that index; the
 * index is into the array as sent, which keeps the editor's order.
 */
export function nodeFieldErrors(errors: { path: string; message: string }[], nodes: GuideNode[]): { nodes: NodeProblem[]; rest: { path: string; message: string }[] } {
  const found: NodeProblem[] = [];
  const rest: { path: string; message: string }[] = [];
  for (const e of errors) {
    const match = /^body\.nodes\.(\d+)(?:\.(.+))?$/.exec(e.path);
    const node = match ? nodes[Number(match[1])] : undefined;
    if (match && node) found.push({ nodeId: node.id, problem: 'field', field: match[2] ?? 'id', detail: `${match[2] ?? 'node'}: ${e.message}` });
    else rest.push(e);
  }
  return { nodes: found, rest };
}

/** One row of the tree view: a node where it first appears, or a reference back to it. */
export interface TreeItem {
  /** Unique per row (the path of branch positions from its root). */
  key: string;
  nodeId: string;
  /** The answer that leads here, for a question's branches. */
  branch: string | null;
  /** `node`: the node's own row; `loop`: leads back to a node above; `join`: continues at a node shown elsewhere; `missing`: leads to no node. */
  kind: 'node' | 'loop' | 'join' | 'missing';
  /** A root that the start does not reach. */
  detached: boolean;
  level: number;
  parent: string | null;
  children: TreeItem[];
}

/**
 * The guide as a tree from its start node. A node appears once, under the first branch that
 * reaches it (depth first, in branch order); later branches to it become `loop` or `join` rows
 * pointing to it, so loops and shared steps do not repeat. Nodes the start does not reach
 * follow as roots of their own, marked detached.
 */
export function buildTree(startNodeId: string, nodes: GuideNode[]): TreeItem[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const placed = new Set<string>();
  const grow = (nodeId: string, key: string, branch: string | null, level: number, parent: string | null, ancestors: Set<string>, detached: boolean): TreeItem => {
    const node = byId.get(nodeId);
    const item: TreeItem = { key, nodeId, branch, kind: 'node', detached, level, parent, children: [] };
    if (!node) return { ...item, kind: 'missing' };
    if (placed.has(nodeId)) return { ...item, kind: ancestors.has(nodeId) ? 'loop' : 'join' };
    placed.add(nodeId);
    const inside = new Set(ancestors).add(nodeId);
    item.children = targetsOf(node)
      .filter((t) => t.next !== '')
      .map((t, i) => grow(t.next, `${key}.${i}`, t.label, level + 1, key, inside, detached));
    return item;
  };
  const roots: TreeItem[] = [];
  if (byId.has(startNodeId)) roots.push(grow(startNodeId, 'r0', null, 1, null, new Set(), false));
  for (const node of nodes) {
    if (!placed.has(node.id)) roots.push(grow(node.id, `r${roots.length}`, null, 1, null, new Set(), true));
  }
  return roots;
}

/** The rows in view, top to bottom, skipping the insides of collapsed rows. */
export function visibleRows(roots: TreeItem[], collapsed: Set<string>): TreeItem[] {
  const out: TreeItem[] = [];
  const visit = (item: TreeItem) => {
    out.push(item);
    if (!collapsed.has(item.key)) item.children.forEach(visit);
  };
  roots.forEach(visit);
  return out;
}

/** Where each node is reached from: the node and the answer (null for a step's Continue). */
export function incomingOf(nodes: GuideNode[], id: string): { from: GuideNode; label: string | null }[] {
  return nodes.flatMap((n) => targetsOf(n).filter((t) => t.next === id).map((t) => ({ from: n, label: t.label })));
}

/** The nodes as the API takes them: no empty bodies. */
export function toApiNodes(nodes: GuideNode[]): GuideNode[] {
  return nodes.map((n) => {
    if (n.body === undefined || n.body.trim() !== '') return n;
    const { body: _body, ...rest } = n;
    return rest as GuideNode;
  });
}
