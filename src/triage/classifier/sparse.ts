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
 * Typed arrays instead of a Set and a Map: training the pairwise tie-breakers calls this
 * hundreds of times, and the hashed collections made it the slowest part of that stage.
 */
export function compactColumns(rows: SparseRows): { rows: SparseRows; columns: Int32Array } {
  const localOf = new Int32Array(rows.columnCount).fill(-1);
  const seen: number[] = [];
  for (let i = 0; i < rows.columns.length; i++) {
    const column = rows.columns[i];
    if (localOf[column] === -1) {
      localOf[column] = 0;
      seen.push(column);
    }
  }
  const used = Int32Array.from(seen).sort();
  for (let i = 0; i < used.length; i++) localOf[used[i]] = i;
  const columns = new Int32Array(rows.columns.length);
  for (let i = 0; i < columns.length; i++) columns[i] = localOf[rows.columns[i]];
  return { rows: { rowStart: rows.rowStart, columns, values: rows.values, columnCount: used.length }, columns: used };
}
