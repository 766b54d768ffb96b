import { describe, expect, it } from 'vitest';
import type { GuideNode } from './guides.schema.js';
import { validateGuide } from './validate.js';

const solved = (id: string): GuideNode => ({ id, type: 'outcome', title: 'Fixed', outcome: 'solved' });
const ticket = (id: string): GuideNode => ({ id, type: 'outcome', title: 'Open a ticket', outcome: 'ticket' });
const ask = (id: string, ...next: string[]): GuideNode => ({ id, type: 'question', title: `Question ${id}`, options: next.map((n, i) => ({ label: `Answer ${i}`, next: n })) });
const step = (id: string, next?: string): GuideNode => ({ id, type: 'step', title: `Step ${id}`, next });

const problemsOf = (start: string, nodes: GuideNode[]) => validateGuide(start, nodes).map((p) => `${p.nodeId}:${p.problem}`);

describe('guide validation', () => {
  it('accepts a tree whose every path ends in an outcome, loops with an exit included', () => {
    expect(problemsOf('q', [ask('q', 'restart', 'done'), step('restart', 'check'), ask('check', 'q', 'done', 'help'), solved('done'), ticket('help')])).toEqual([]);
  });

  it('reports unreachable nodes by id', () => {
    expect(problemsOf('q', [ask('q', 'done'), solved('done'), step('orphan', 'done'), solved('orphan-end')])).toEqual(['orphan:unreachable', 'orphan-end:unreachable']);
  });

  it('reports dead ends: a step without next and a question without options', () => {
    expect(problemsOf('q', [ask('q', 'done', 'stuck', 'empty'), solved('done'), step('stuck'), ask('empty')])).toEqual(['stuck:dead_end', 'empty:dead_end']);
  });

  it('reports each node of a cycle without exit, and nodes that only lead into it', () => {
    expect(problemsOf('q', [ask('q', 'done', 'into'), solved('done'), step('into', 'a'), step('a', 'b'), ask('b', 'a')])).toEqual([
      'into:no_outcome',
      'a:cycle_without_exit',
      'b:cycle_without_exit',
    ]);
  });

  it('reports unknown targets, a missing start and duplicate ids', () => {
    expect(problemsOf('q', [ask('q', 'nowhere', 'done'), solved('done')])).toEqual(['q:unknown_target']);
    expect(problemsOf('missing', [solved('done')])).toEqual(['missing:unknown_start']);
    expect(problemsOf('done', [solved('done'), solved('done')])).toEqual(['done:duplicate_id']);
  });

  it('accepts a guide that is one outcome', () => {
    expect(problemsOf('done', [solved('done')])).toEqual([]);
  });
});
