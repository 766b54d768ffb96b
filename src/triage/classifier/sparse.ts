/** Sparse rows in compressed sparse row (CSR) form: the design matrix of the classifier. */
export interface SparseRows {
  /** Row r's entries are at positions rowStart[r] .. rowStart[r + 1] - 1. */
  rowStart: Int32Array;
  columns: Int32Array;
  values: Float32Array;
  columnCount: number;
}

/** Appends rows one at a time into growable typed arrays. */
export class SparseRowsBuilder {
  private starts: number[] = [0];
  private columns = new Int32Array(4096);
  private values = new Float32Array(4096);
  private length = 0;

  constructor(private readonly columnCount: number) {}

  /** Appends one entry to the row being built. */
  push(column: number, value: number): void {
    if (this.length === this.columns.length) {
      const columns = new Int32Array(this.length * 2);
      columns.set(this.columns);
      this.columns = columns;
      const values = new Float32Array(this.length * 2);
      values.set(this.values);
      this.values = values;
    }
    this.columns[this.length] = column;
    this.values[this.length] = value;
    this.length++;
  }

  /** Closes the current row. */
  endRow(): void {
    this.starts.push(this.length);
  }

  /** The finished matrix (copies trimmed to size). */
  build(): SparseRows {
    return {
      rowStart: Int32Array.from(this.starts),
      columns: this.columns.slice(0, this.length),
      values: this.values.slice(0, this.length),
      columnCount: this.columnCount,
    };
  }
}

/** The rows at `indices`, in that order, as a new matrix. */
export function selectRows(rows: SparseRows, indices: ArrayLike<number>): SparseRows {
  let total = 0;
  for (let i = 0; i < indices.length; i++) total += rows.rowStart[indices[i] + 1] - rows.rowStart[indices[i]];
  const rowStart = new Int32Array(indices.length + 1);
  const columns = new Int32Array(total);
  const values = new Float32Array(total);
  let at = 0;
  for (let i = 0; i < indices.length; i++) {
    const from = rows.rowStart[indices[i]];
    const to = rows.rowStart[indices[i] + 1];
    columns.set(rows.columns.subarray(from, to), at);
    values.set(rows.values.subarray(from, to), at);
    at += to - from;
    rowStart[i + 1] = at;
  }
  return { rowStart, columns, values, columnCount: rows.columnCount };
}

/**
 * The same rows over only the columns they use, renumbered in order; `columns[local]` is the
 * original column. Small sub-problems (two classes' rows) then train on small weight vectors.
 */
export function compactColumns(rows: SparseRows): { rows: SparseRows; columns: Int32Array } {
  const used = Int32Array.from(new Set(rows.columns)).sort();
  const local = new Map<number, number>();
  used.forEach((column, i) => local.set(column, i));
  const columns = Int32Array.from(rows.columns, (c) => local.get(c) as number);
  return { rows: { rowStart: rows.rowStart, columns, values: rows.values, columnCount: used.length }, columns: used };
}
