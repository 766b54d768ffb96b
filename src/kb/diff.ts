/** Line diffs between two revisions of an article body. */

export interface DiffOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** Beyond this many cells the middle is shown as replaced whole, so a huge rewrite stays fast. */
const MAX_CELLS = 4_000_000;

/** The changes turning `before` into `after`, line by line (longest common subsequence). */
export function lineDiff(before: string, after: string): DiffOp[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const ops: DiffOp[] = a.slice(0, head).map((text) => ({ op: 'equal', text }));
  ops.push(...(midA.length * midB.length > MAX_CELLS ? replaceAll(midA, midB) : lcsDiff(midA, midB)));
  ops.push(...a.slice(a.length - tail).map((text) => ({ op: 'equal' as const, text })));
  return ops;
}

function replaceAll(a: string[], b: string[]): DiffOp[] {
  return [...a.map((text) => ({ op: 'delete' as const, text })), ...b.map((text) => ({ op: 'insert' as const, text }))];
}

function lcsDiff(a: string[], b: string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  // lengths[i][j]: the LCS length of a[i..] and b[j..], in one flat array.
  const lengths = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * (m + 1) + j] = a[i] === b[j] ? lengths[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(lengths[(i + 1) * (m + 1) + j], lengths[i * (m + 1) + j + 1]);
    }
  }
  const ops: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ op: 'equal', text: a[i] });
      i++;
      j++;
    } else if (lengths[(i + 1) * (m + 1) + j] >= lengths[i * (m + 1) + j + 1]) {
      ops.push({ op: 'delete', text: a[i++] });
    } else {
      ops.push({ op: 'insert', text: b[j++] });
    }
  }
  while (i < n) ops.push({ op: 'delete', text: a[i++] });
  while (j < m) ops.push({ op: 'insert', text: b[j++] });
  return ops;
}
