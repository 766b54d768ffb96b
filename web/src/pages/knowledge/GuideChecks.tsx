import type { Ref } from 'react';
import { describeProblem, type GuideNode, type NodeProblem } from './guide-model';

interface Props {
  ref: Ref<HTMLElement>;
  check: { state: 'checking' | 'done' | 'failed'; general: string[] };
  problems: NodeProblem[];
  nodes: GuideNode[];
  onGoTo: (nodeId: string) => void;
}

/**
 * The summary of the tree's problems above the editor, each a button to its node. The status
 * line announces settled results only, not every "checking" while the author types.
 */
export function GuideChecks({ ref, check, problems, nodes, onGoTo }: Props) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const count = problems.length + check.general.length;
  const settled = check.state === 'failed' ? 'The guide could not be checked.' : count === 0 ? 'No problems: every path ends in an outcome.' : `${count === 1 ? '1 problem' : `${count} problems`} to fix before the guide can be saved.`;
  return (
    <section ref={ref} tabIndex={-1} className={`guide-checks${count > 0 ? ' invalid' : ''}`} aria-labelledby="guide-checks-title">
      <h2 id="guide-checks-title" className="views-title">
        Check
      </h2>
      <p className="guide-checks-status">
        <span role="status">{check.state === 'checking' && count === 0 ? '' : settled}</span>
        {check.state === 'checking' && (
          <span className="meta" aria-hidden="true">
            {' '}
            (checking…)
          </span>
        )}
      </p>
      {count > 0 && (
        <ul className="guide-problems">
          {check.general.map((g) => (
            <li key={g} className="error">
              {g}
            </li>
          ))}
          {problems.map((p, i) => {
            const node = byId.get(p.nodeId);
            return (
              <li key={`${p.nodeId}-${p.problem}-${p.field ?? ''}-${i}`}>
                <button type="button" className="link" onClick={() => onGoTo(p.nodeId)} disabled={!node}>
                  {node?.title || p.nodeId}
                </button>
                : <span className="error">{p.problem === 'field' ? p.detail : describeProblem(p, node)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
