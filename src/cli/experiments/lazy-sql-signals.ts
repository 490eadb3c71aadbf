/**
 * The CLI's SignalEvaluator: NodeSqlSignals, its module (DuckDB-WASM, about a third of a second to load) imported on
 * the first SQL signal asked, so executing or reproducing an experiment without one never loads it.
 */
import type { ArtifactStore } from '../../ports/artifact-store';
import type { ParquetCodec } from '../../ports/parquet-codec';
import type { SignalEvaluator } from '../../ports/signal-evaluator';

export function lazySqlSignals(
  store: Pick<ArtifactStore, 'readBytes'> & Partial<Pick<ArtifactStore, 'get'>>,
  codec: Pick<ParquetCodec, 'toArrowIpc'>,
): SignalEvaluator {
  let evaluator: Promise<SignalEvaluator> | undefined;
  return {
    async evaluate(input, sql) {
      evaluator ??= import('../../adapters/node/duckdb-sql-signals').then(({ NodeSqlSignals }) => new NodeSqlSignals(store, codec));
      return (await evaluator).evaluate(input, sql);
    },
  };
}
