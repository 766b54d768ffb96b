import { CompiledQuery, type InsertQueryBuilder, type Kysely, type QueryResult } from 'kysely';

/** Leads the text of every statement compiled here: PostgreSQL connections run such texts as named prepared statements (see database.ts). */
export const PREPARE_MARKER = '/* prepared */ ';

interface Shape {
  sql: string;
  parameters: number;
  /** An insert's columns, in the order its values are bound. */
  columns?: string[];
}

/**
 * Hot statements compiled once. Kysely builds and compiles a query tree on every call, which
 * costs more than running a small statement; for a statement that runs on every ticket change,
 * this keeps its SQL text per database (keyed by the Kysely adapter, as the placeholders differ
 * between dialects) and name, and afterwards only binds new values. The prepared statement is
 * reused too: on SQLite by the driver's statement cache, on PostgreSQL as a named statement.
 */
export class CompiledStatements {
  private readonly shapes = new WeakMap<object, Map<string, Shape>>();

  /**
   * Runs the statement called `name` with `parameters`. `build` gives its shape the first time
   * (any values in it only stand for the parameters, which must come in the same order).
   */
  async run<R>(db: Kysely<any>, name: string, build: (db: Kysely<any>) => { compile(): CompiledQuery }, parameters: readonly unknown[]): Promise<R[]> {
    return (await this.execute<R>(db, name, build, parameters)).rows;
  }

  /** As `run`, with the whole result (`numAffectedRows` for a write). */
  async execute<R>(db: Kysely<any>, name: string, build: (db: Kysely<any>) => { compile(): CompiledQuery }, parameters: readonly unknown[]): Promise<QueryResult<R>> {
    const shapes = this.shapesOf(db);
    let shape = shapes.get(name);
    if (!shape) {
      const compiled = build(db).compile();
      shape = { sql: PREPARE_MARKER + compiled.sql, parameters: compiled.parameters.length };
      shapes.set(name, shape);
    }
    if (parameters.length !== shape.parameters) throw new Error(`${name}: ${parameters.length} values for ${shape.parameters} parameters`);
    return db.executeQuery<R>(CompiledQuery.raw(shape.sql, parameters as unknown[]));
  }

  /**
   * Inserts one row into `table` with the statement called `name`, compiled from the first row
   * seen; later rows are bound by column name, so their keys may come in any order but must be
   * the same columns. `finish` adds what follows the values (ON CONFLICT … DO NOTHING,
   * RETURNING), which must bind no values of its own.
   */
  async insertRow<R>(
    db: Kysely<any>,
    name: string,
    table: string,
    row: Record<string, unknown>,
    finish: (insert: InsertQueryBuilder<any, any, any>) => { compile(): CompiledQuery } = (insert) => insert,
  ): Promise<QueryResult<R>> {
    const shapes = this.shapesOf(db);
    let shape = shapes.get(name);
    if (!shape) {
      const columns = Object.keys(row);
      const compiled = finish(db.insertInto(table).values(row)).compile();
      if (compiled.parameters.length !== columns.length) throw new Error(`${name}: ${compiled.parameters.length} parameters for ${columns.length} columns (undefined values, or values after them)`);
      shape = { sql: PREPARE_MARKER + compiled.sql, parameters: columns.length, columns };
      shapes.set(name, shape);
    }
    const columns = shape.columns!;
    const values = new Array<unknown>(columns.length);
    const given = Object.keys(row).length;
    if (given !== columns.length) throw new Error(`${name}: ${given} columns for ${columns.length}`);
    for (let i = 0; i < columns.length; i++) {
      const value = row[columns[i]!];
      if (value === undefined) throw new Error(`${name}: no value for ${columns[i]}`);
      values[i] = value;
    }
    return db.executeQuery<R>(CompiledQuery.raw(shape.sql, values));
  }

  private shapesOf(db: Kysely<any>): Map<string, Shape> {
    const adapter = db.getExecutor().adapter;
    let shapes = this.shapes.get(adapter);
    if (!shapes) this.shapes.set(adapter, (shapes = new Map()));
    return shapes;
  }
}
