import { CompiledQuery, type Kysely, type QueryResult } from 'kysely';

/** Leads the text of every statement compiled here: PostgreSQL connections run such texts as named prepared statements (see database.ts). */
export const PREPARE_MARKER = '/* prepared */ ';

interface Shape {
  sql: string;
  parameters: number;
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
    const adapter = db.getExecutor().adapter;
    let shapes = this.shapes.get(adapter);
    if (!shapes) this.shapes.set(adapter, (shapes = new Map()));
    let shape = shapes.get(name);
    if (!shape) {
      const compiled = build(db).compile();
      shape = { sql: PREPARE_MARKER + compiled.sql, parameters: compiled.parameters.length };
      shapes.set(name, shape);
    }
    if (parameters.length !== shape.parameters) throw new Error(`${name}: ${parameters.length} values for ${shape.parameters} parameters`);
    return db.executeQuery<R>(CompiledQuery.raw(shape.sql, parameters as unknown[]));
  }
}
