import type { GuideNode, GuideProblem } from './guides.schema.js';

/** The nodes a node leads to, in option order. */
export function targetsOf(node: GuideNode): string[] {
  if (node.type === 'step') return node.next ? [node.next] : [];
  if (node.type === 'question') return node.options.map((o) => o.next);
  return [];
}

/**
 * Checks a decision tree before it is saved: ids unique, the start and every target exist,
 * every node reachable from the start, and from every reachable node an outcome reachable.
 * A reachable node that cannot reach an outcome is a dead end (no way on), sits on a cycle
 * with no exit, or only leads into those. Loops are allowed when they have an exit ("try
 * again" steps). Returns every problem found, in node order; empty when the guide is sound.
 */
export function validateGuide(startNodeId: string, nodes: GuideNode[]): GuideProblem[] {
  const problems: GuideProblem[] = [];
  const byId = new Map<string, GuideNode>();
  for (const node of nodes) {
    if (byId.has(node.id)) problems.push({ nodeId: node.id, problem: 'duplicate_id', detail: `Two nodes have the id "${node.id}"` });
    else byId.set(node.id, node);
  }
  if (!byId.has(startNodeId)) {
    problems.push({ nodeId: startNodeId, problem: 'unknown_start', detail: `The start node "${startNodeId}" does not exist` });
  }
  // Edges to nodes that exist; unknown targets are problems of the node that names them.
  const edges = new Map<string, string[]>();
  for (const node of byId.values()) {
    const known: string[] = [];
    for (const target of targetsOf(node)) {
      if (byId.has(target)) known.push(target);
      else problems.push({ nodeId: node.id, problem: 'unknown_target', detail: `"${node.id}" leads to "${target}", which does not exist` });
    }
    edges.set(node.id, known);
  }
  if (!byId.has(startNodeId)) return problems;

  const reachable = walk([startNodeId], (id) => edges.get(id) ?? []);
  const incoming = new Map<string, string[]>();
  for (const [from, targets] of edges) for (const to of targets) incoming.set(to, [...(incoming.get(to) ?? []), from]);
  const outcomes = [...byId.values()].filter((n) => n.type === 'outcome').map((n) => n.id);
  const canExit = walk(outcomes, (id) => incoming.get(id) ?? []);

  for (const node of byId.values()) {
    if (!reachable.has(node.id)) {
      problems.push({ nodeId: node.id, problem: 'unreachable', detail: `No path from the start "${startNodeId}" reaches "${node.id}"` });
      continue;
    }
    if (canExit.has(node.id)) continue;
    const out = edges.get(node.id) ?? [];
    if (out.length === 0) {
      problems.push({ nodeId: node.id, problem: 'dead_end', detail: `"${node.id}" is a ${node.type} that leads nowhere; end paths with an outcome` });
    } else if (onTrappedCycle(node.id, edges, canExit)) {
      problems.push({ nodeId: node.id, problem: 'cycle_without_exit', detail: `"${node.id}" is on a loop that never reaches an outcome` });
    } else {
      problems.push({ nodeId: node.id, problem: 'no_outcome', detail: `Every path from "${node.id}" ends in a dead end or a loop without exit` });
    }
  }
  return problems;
}

/** Every node reachable from the seeds along `next`. */
function walk(seeds: string[], next: (id: string) => string[]): Set<string> {
  const seen = new Set<string>(seeds);
  const stack = [...seeds];
  while (stack.length > 0) {
    for (const to of next(stack.pop()!)) {
      if (!seen.has(to)) {
        seen.add(to);
        stack.push(to);
      }
    }
  }
  return seen;
}

/** True when the node can come back to itself through nodes that cannot exit either. */
function onTrappedCycle(id: string, edges: Map<string, string[]>, canExit: Set<string>): boolean {
  const trapped = (n: string) => (edges.get(n) ?? []).filter((t) => !canExit.has(t));
  return walk(trapped(id), trapped).has(id);
}
