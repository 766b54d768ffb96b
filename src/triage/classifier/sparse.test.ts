import { describe, expect, it } from 'vitest';
import { compactColumns, selectRows, SparseRowsBuilder } from './sparse.js';

function matrix(rows: [number, number][][], columnCount: number) {
  const builder = new SparseRowsBuilder(columnCount);
  for (const row of rows) {
    for (const [column, value] of row) builder.push(column, value);
    builder.endRow();
  }
  return builder.build();
}

describe('sparse rows', () => {
  const x = matrix(
    [
      [[9, 1], [2, 0.5]],
      [[4, 2]],
      [[2, 3], [7, 1], [9, 4]],
    ],
    10,
  );

  it('selects rows in the order asked', () => {
    const picked = selectRows(x, [2, 0]);
    expect(Array.from(picked.rowStart)).toEqual([0, 3, 5]);
    expect(Array.from(picked.columns)).toEqual([2, 7, 9, 9, 2]);
    expect(Array.from(picked.values)).toEqual([3, 1, 4, 1, 0.5]);
  });

  it('renumbers only the columns in use, in their original order', () => {
    const { rows, columns } = compactColumns(selectRows(x, [0, 2]));
    expect(Array.from(columns)).toEqual([2, 7, 9]);
    expect(rows.columnCount).toBe(3);
    // Each entry keeps its value and maps back to its original column.
    expect(Array.from(rows.columns, (local) => columns[local])).toEqual([9, 2, 2, 7, 9]);
    expect(Array.from(rows.values)).toEqual([1, 0.5, 3, 1, 4]);
  });
});
