/**
 * SignalEvaluator in the browser: a `sql-signal` query runs in the DuckDB worker over the input's projection (built
 * on demand from its stored Parquet, shared with every other view of the artifact). Each evaluation has its own
 * connection, so its TEMP view `bars` is private to it and gone when the connection closes.
 */
import type { AsyncDuckDB } from '@duckdb/duckdb-wasm';
import { signalQueryError, signalQuerySql, signalViewSql, type SignalRows } from '../../core/experiments/sql-signal';
import type { ArtifactProjections } from '../../handlers/artifact-projections';
import { signalRowsFromArrow } from '../../handlers/experiments/signal-rows';
import type { SignalEvaluator, SignalInput } from '../../ports/signal-evaluator';

export class DuckDBSqlSignals implements SignalEvaluator {
  constructor(
    private readonly db: () => Promise<AsyncDuckDB>,
    private readonly projections: Pick<ArtifactProjections, 'ensure'>,
  ) {}

  async evaluate(input: SignalInput, sql: string): Promise<SignalRows> {
    const query = signalQuerySql(sql);
    const { table } = await this.projections.ensure(input.artifact);
    const conn = await (await this.db()).connect();
    try {
      await conn.query(signalViewSql(table));
      let answer;
      try {
        answer = await conn.query(query);
      } catch (e) {
        throw signalQueryError(e);
      }
      return signalRowsFromArrow(answer);
    } finally {
      await conn.close();
    }
  }
}
