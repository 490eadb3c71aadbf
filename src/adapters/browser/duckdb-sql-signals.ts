/**
 * SignalEvaluator in the browser: a `sql-signal` query runs in the DuckDB worker over the input's projection (built
 * on demand from its stored Parquet, shared with every other view of the artifact). Each evaluation has its own
 * connection, so its TEMP view `bars` is private to it and gone when the connection closes; so are the views of
 * published labels and features the query names (`labels_…`, `features_…`: core/experiments/derived-views.ts).
 */
import type { AsyncDuckDB } from '@duckdb/duckdb-wasm';
import { derivedViewSql } from '../../core/experiments/derived-views';
import { signalQueryError, signalQuerySql, signalViewSql, type SignalRows } from '../../core/experiments/sql-signal';
import type { ArtifactProjections } from '../../handlers/artifact-projections';
import { derivedViewRecords, type RecordLookup } from '../../handlers/features/derived-view-records';
import { signalRowsFromArrow } from '../../handlers/experiments/signal-rows';
import type { SignalEvaluator, SignalInput } from '../../ports/signal-evaluator';

export class DuckDBSqlSignals implements SignalEvaluator {
  constructor(
    private readonly db: () => Promise<AsyncDuckDB>,
    private readonly projections: Pick<ArtifactProjections, 'ensure'>,
    /** Stored records by id, for the derived views a query names (without it, no query may name one). */
    private readonly records: RecordLookup = async () => null,
  ) {}

  async evaluate(input: SignalInput, sql: string): Promise<SignalRows> {
    const query = signalQuerySql(sql);
    const { table } = await this.projections.ensure(input.artifact);
    const derived = await derivedViewRecords(sql, this.records, input.derived);
    const views = await Promise.all(
      derived.map(async (d) => derivedViewSql(d.ref.view, (await this.projections.ensure(d.record)).table, d.record.schema)),
    );
    const conn = await (await this.db()).connect();
    try {
      await conn.query(signalViewSql(table));
      for (const view of views) await conn.query(view);
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
