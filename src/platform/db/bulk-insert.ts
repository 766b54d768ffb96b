import { CompiledQuery, type Kysely } from 'kysely';

// SQLite allows 32,766 bound values per statement and PostgreSQL 65,535; stay below both.
const MAX_VALUES_PER_STATEMENT = 30_000;
const MAX_ROWS_PER_STATEMENT = 1_000;

/**
 * Multi-row INSERTs of one table for bulk loads. Kysely compiles the statement for a given row
 * count once (so each dialect gets its own placeholders); after that, a batch is only a flat
 * array of values. Building a query tree per batch of a million rows would cost more than
 * writing them.
 */
export class BulkInsert<Row extends object> {
  /** Statement texts by row count, per dialect adapter: placeholders differ between dialects. */
  private readonly statements = new WeakMap<object, Map<number, string>>();
  private readonly rowsPerStatement: number;

  constructor(
    private readonly table: string,
    private readonly columns: readonly (keyof Row & string)[],
  ) {
    this.rowsPerStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_VALUES_PER_STATEMENT / columns.length)));
  }

  /** Inserts the rows in as few statements as the limits allow. */
  async insert(db: Kysely<any>, rows: readonly Row[]): Promise<void> {
    const values: unknown[] = [];
    for (const row of rows as readonly Record<string, unknown>[]) for (const column of this.columns) values.push(row[column]);
    await this.insertValues(db, values);
  }

  /**
   * Inserts rows given as one flat array, the values of each row in column order: bulk writers
   * fill it directly and skip an object per row.
   */
  async insertValues(db: Kysely<any>, values: readonly unknown[]): Promise<void> {
    const width = this.columns.length;
    if (values.length % width !== 0) throw new Error(`${this.table}: ${values.length} values do not make rows of ${width}`);
    let start = 0;
    while (start < values.length) {
      const rows = this.statementRows((values.length - start) / width);
      const end = start + rows * width;
      const chunk = start === 0 && end === values.length ? values : values.slice(start, end);
      await db.executeQuery(CompiledQuery.raw(this.statement(db, rows), chunk as unknown[]));
      start = end;
    }
  }

  /**
   * Rows for the next statement: a full one, else the largest power of two that fits, so a
   * table is written with a dozen statement shapes (each compiled and prepared once), not one
   * per batch size.
   */
  private statementRows(remaining: number): number {
    if (remaining >= this.rowsPerStatement) return this.rowsPerStatement;
    let rows = 1;
    while (rows * 2 <= remaining) rows *= 2;
    return rows;
  }

  private statement(db: Kysely<any>, rowCount: number): string {
    const adapter = db.getExecutor().adapter;
    let texts = this.statements.get(adapter);
    if (!texts) this.statements.set(adapter, (texts = new Map()));
    let text = texts.get(rowCount);
    if (text === undefined) {
      // Placeholder values only shape the statement; every value in it is a bound parameter.
      const placeholder = Object.fromEntries(this.columns.map((c) => [c, 0]));
      const compiled = db.insertInto(this.table).values(Array.from({ length: rowCount }, () => placeholder)).compile();
      if (compiled.parameters.length !== rowCount * this.columns.length) throw new Error(`Unexpected statement shape for ${this.table}`);
      text = compiled.sql;
      texts.set(rowCount, text);
    }
    return text;
  }
}
