/**
 * SignalEvaluator: runs a `sql-signal` query in DuckDB over the view `bars` of one input and returns what it
 * answered, unchecked (the handler checks it against the bars: src/core/experiments/sql-signal.ts). The browser
 * runs it in the DuckDB worker over the input's projection; the CLI in DuckDB-WASM in-process. Both build the view
 * and wrap the query with the same SQL text, so the same query on the same bars answers the same positions.
 */
import type { ArtifactRecord } from '../core/artifacts/record';
import type { SignalRows } from '../core/experiments/sql-signal';

export interface SignalInput {
  /** The frozen input artifact (its stored Parquet is the projection's source). */
  artifact: ArtifactRecord;
  /**
   * The spec's declared `derived` artifacts, frozen: the only `labels_…` / `features_…` views the query may name.
   * Absent (the form's "test query" before an experiment exists): views resolve against the store.
   */
  derived?: readonly ArtifactRecord[];
}

export interface SignalEvaluator {
  /** SignalRuleError (rule `query`) when DuckDB refuses the query; the rows as returned otherwise. */
  evaluate(input: SignalInput, sql: string): Promise<SignalRows>;
}
