/**
 * A run's equity curve becomes a `results` artifact whose input is the ohlcv artifact it ran on, so lineage answers
 * "what was computed from these bars" and the bars cannot be deleted while a result depends on them. It is published
 * like an experiment's result tables (publishTable): canonical Parquet, content reused when already stored.
 *
 * Content: `timestamp` (timestamp-ms-utc, the bars' times), `equity` (float64) and `input` (utf8, the ohlcv
 * artifact's id on every row), in bar order. `input` is part of the content because lineage is not: without it, two
 * instruments on the same calendar with a run that never trades (a flat curve) would be one artifact whose record
 * names only the first instrument as its input. Two runs that produce the same curve on the same bars are one
 * artifact; the record keeps the tags of the first.
 */
import type { CanonicalSchema } from '../core/artifacts/logical-schema';
import type { ArtifactRecord } from '../core/artifacts/record';
import type { ArtifactStore, PutResult } from '../ports/artifact-store';
import { publishTable } from './experiments/publish-results';
import type { CanonicalParquetWriter } from '../ports/canonical-parquet-writer';

export const EQUITY_CURVE_SCHEMA: CanonicalSchema = Object.freeze([
  Object.freeze({ name: 'timestamp', type: 'timestamp-ms-utc' as const }),
  Object.freeze({ name: 'equity', type: 'float64' as const }),
  Object.freeze({ name: 'input', type: 'utf8' as const }),
]);

/** The role tag of an equity curve (publishTable puts the role first among the tags). */
export const EQUITY_CURVE_ROLE = 'equity';

export interface PublishRunDeps {
  store: ArtifactStore;
  parquet: CanonicalParquetWriter;
  appVersion: string;
}

export interface RunResultInput {
  /** The ohlcv artifact the run read. */
  bars: ArtifactRecord;
  timestamps: Float64Array;
  equity: Float64Array;
  /** E.g. the strategy's name. */
  tags: readonly string[];
}

export async function publishRunResult(deps: PublishRunDeps, input: RunResultInput): Promise<PutResult> {
  const { timestamps, equity, bars } = input;
  if (timestamps.length !== equity.length) throw new RangeError(`equity has ${equity.length} points for ${timestamps.length} bars`);
  const n = timestamps.length;
  return publishTable(
    {
      ...deps,
      inputs: [bars],
      instruments: bars.instruments,
      timeRange: n > 0 ? { startMs: timestamps[0], endMs: timestamps[n - 1] } : null,
      interval: bars.interval,
      tags: input.tags,
    },
    EQUITY_CURVE_ROLE,
    { schema: EQUITY_CURVE_SCHEMA, columns: [timestamps, equity, new Array<string>(n).fill(bars.id)] },
    [],
  );
}
