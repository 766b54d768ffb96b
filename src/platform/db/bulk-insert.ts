import { CompiledQuery, PostgresAdapter, sql, type Kysely } from 'kysely';

// SQLite allows 32,766 bound values per statement; stay below.
const MAX_VALUES_PER_STATEMENT = 30_000;
const MAX_ROWS_PER_STATEMENT = 1_000;

/**
 * Inserts many rows of one table quickly, the way each dialect does it best:
 * - SQLite: multi-row INSERTs whose text Kysely compiles once per row count, so a batch costs
 *   only binding a flat array of values to a prepared statement;
 * - PostgreSQL: one `INSERT … SELECT * FROM unnest($1::type[], …)` per call, one array per
 *   column, so the server parses a short statement instead of tens of thousands of parameters.
 * Building a query tree per batch of a million rows would cost more than writing them.
 */
export class BulkInsert<Row extends object> {
  /** SQLite statement texts by row count, per database (keyed by its Kysely adapter). */
  private readonly statements = new WeakMap<object, Map<number, string>>();
  /** PostgreSQL array types of the columns, per database. */
  private readonly arrayTypes = new WeakMap<object, string[]>();
  private readonly rowsPerStatement: number;

  constructor(
    private readonly table: string,
    readonly columns: readonly (keyof Row & string)[],
  ) {
    this.rowsPerStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_VALUES_PER_STATEMENT / columns.length)));
  }

  /** Inserts the rows. */
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
    if (values.length === 0) return;
    if (db.getExecutor().adapter instanceof PostgresAdapter) await this.insertPostgres(db, values);
    else await this.insertSqlite(db, values);
  }

  private async insertSqlite(db: Kysely<any>, values: readonly unknown[]): Promise<void> {
    const width = this.columns.length;
    let start = 0;
    while (start < values.length) {
      const rows = this.statementRows((values.length - start) / width);
      const end = start + rows * width;
      const chunk = start === 0 && end === values.length ? values : values.slice(start, end);
      await db.executeQuery(CompiledQuery.raw(this.statement(db, rows), chunk as unknown[]));
      start = end;
    }
  }

  private async insertPostgres(db: Kysely<any>, values: readonly unknown[]): Promise<void> {
    const types = await this.postgresArrayTypes(db);
    const width = this.columns.length;
    const rows = values.length / width;
    const arrays = this.columns.map(() => new Array<unknown>(rows));
    for (let r = 0; r < rows; r++) for (let c = 0; c < width; c++) arrays[c][r] = values[r * width + c];
    const columns = sql.join(this.columns.map((c) => sql.id(c)));
    const unnest = sql.join(arrays.map((array, c) => sql`${array}::${sql.raw(types[c])}`));
    await sql`INSERT INTO ${sql.table(this.table)} (${columns}) SELECT * FROM unnest(${unnest})`.execute(db);
  }

  private async postgresArrayTypes(db: Kysely<any>): Promise<string[]> {
    const adapter = db.getExecutor().adapter;
    let types = this.arrayTypes.get(adapter);
    if (!types) {
      const rows = await sql<{ column_name: string; udt_name: string }>`SELECT column_name, udt_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ${this.table}`.execute(db);
      const byColumn = new Map(rows.rows.map((r) => [r.column_name, r.udt_name]));
      types = this.columns.map((column) => {
        const udt = byColumn.get(column);
        if (!udt) throw new Error(`${this.table} has no column ${column}`);
        return `${udt}[]`;
      });
      this.arrayTypes.set(adapter, types);
    }
    return types;
  }

  /**
   * Rows for the next SQLite statement: a full one, else the largest power of two that fits, so
   * a table is written with a dozen statement shapes (each compiled and prepared once), not one
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
