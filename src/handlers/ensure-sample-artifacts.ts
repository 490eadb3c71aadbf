/**
 * The embedded sample instruments as ordinary ohlcv artifacts tagged `sample`: generated from their seeds, hashed,
 * and stored once (later starts find the same contentHash and write nothing). Being artifacts, they have ids,
 * projections built from stored Parquet, and lineage to the results computed from them — like any imported file.
 * A sample deleted by the user comes back at the next start; a generator change gives new artifacts beside the
 * old ones (different content, different id) rather than rewriting them.
 */
import { ohlcvContentHash } from '../core/artifacts/content-hash';
import { OHLCV_SCHEMA, ohlcvTimeRange } from '../core/artifacts/ohlcv-content';
import type { ArtifactRecord } from '../core/artifacts/record';
import { SAMPLE_TAG } from '../core/sample/tag';
import type { ArtifactStore } from '../ports/artifact-store';
import type { SampleSource } from '../ports/sample-source';
import { canonicalOhlcvIpc, CANONICAL_PARQUET_V1 } from './import-canonical-parquet';
import type { CanonicalParquetWriter } from '../ports/canonical-parquet-writer';

export { SAMPLE_TAG };

export interface EnsureSamplesDeps {
  store: ArtifactStore;
  parquet: CanonicalParquetWriter;
  appVersion: string;
  samples: SampleSource;
  /** Tags of the stored artifacts (default: the start's `sample`). */
  tags?: readonly string[];
}

/** The record of every sample (sample id → record), storing those that are missing. */
export async function ensureSampleArtifacts(deps: EnsureSamplesDeps): Promise<Map<string, ArtifactRecord>> {
  const out = new Map<string, ArtifactRecord>();
  for (const sample of deps.samples.list()) {
    const table = deps.samples.generate(sample.id);
    const contentHash = await ohlcvContentHash(table);
    const known = await deps.store.getByContentHash(contentHash);
    if (known) {
      out.set(sample.id, known);
      continue;
    }
    const bytes = await deps.parquet.writeParquet(canonicalOhlcvIpc(table), CANONICAL_PARQUET_V1);
    const { record } = await deps.store.put(
      {
        kind: 'ohlcv',
        contentHash,
        schema: OHLCV_SCHEMA,
        rowCount: table.timestamp.length,
        instruments: [sample.id],
        timeRange: ohlcvTimeRange(table),
        interval: sample.interval,
        provenance: { sourceFileName: null, sourceFileHash: null, appVersion: deps.appVersion },
        sourceBytes: null,
        inputs: [],
        tags: [...(deps.tags ?? [SAMPLE_TAG])],
      },
      bytes,
    );
    out.set(sample.id, record);
  }
  return out;
}
