import { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * A query builder's SQL, built once with named parameters; each run only binds the values. For
 * the queries that run on every request (the session lookup, /em_status, /dict), where building the SQL
 * again each time was a measurable share of the server's CPU.
 */
export class PreparedQuery<Row> {
  private readonly sql: string;

  constructor(
    private readonly db: DataSource,
    build: (db: DataSource) => SelectQueryBuilder<ObjectLiteral>,
  ) {
    this.sql = build(db).getQuery();
  }

  /** The rows. The driver converts values (dates, booleans) as the builder would. */
  async all(parameters: ObjectLiteral): Promise<Row[]> {
    const [sql, values] = this.db.driver.escapeQueryWithParameters(this.sql, parameters);
    return this.db.query(sql, values);
  }

  async first(parameters: ObjectLiteral): Promise<Row | undefined> {
    return (await this.all(parameters))[0];
  }
}
