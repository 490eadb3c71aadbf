/**
 * Publishing a table derived from stored bars — `features` or `labels` — as an artifact whose lineage points at
 * those bars. Content already stored is reused as it is (records are immutable); otherwise the table is written as
 * canonical Parquet (CANONICAL_PARQUET_V1), the format every projection and `artifacts get` reads.
 */
import { contentHash } from '../core/artifacts/content-hash';
import type { LogicalTable } from '../core/artifacts/logical-schema';
import type { TimeRange } from '../core/artifacts/ohlcv-content';
import type { ArtifactRecord } from '../core/artifacts/record';
import type { IntervalName } from '../core/domain/interval';
import type { ArtifactStore } from '../ports/artifact-store';
import type { CanonicalParquetWriter } from '../ports/canonical-parquet-writer';
import { logicalTableIpc } from './experiments/logical-table-ipc';
import { CANONICAL_PARQUET_V1 } from './import-canonical-parquet';

export interface PublishDerivedDeps {
  store: ArtifactStore;
  parquet: CanonicalParquetWriter;
  appVersion: string;
}

export interface DerivedTable {
  kind: 'features' | 'labels';
  table: LogicalTable;
  /** Columns that may hold nulls (declared by the schema, not found in the data). */
  nullable: readonly string[];
  /** The bars it was computed from: its lineage. */
  inputs: readonly ArtifactRecord[];
  timeRange: TimeRange | null;
  /** What was computed and how (e.g. `triple-barrier`, `span=100`): tags of a new record. */
  tags: readonly string[];
}

export interface PublishedDerived {
  record: ArtifactRecord;
  created: boolean;
}

/** The interval the inputs share, or null when they differ or have none. */
function commonInterval(inputs: readonly ArtifactRecord[]): IntervalName | null {
  const first = inputs[0]?.interval ?? null;
  return inputs.every((r) => r.interval === first) ? first : null;
}

export async function publishDerivedTable(deps: PublishDerivedDeps, derived: DerivedTable): Promise<PublishedDerived> {
  if (derived.inputs.length === 0) throw new Error(`a ${derived.kind} artifact needs the bars it was computed from`);
  const hash = await contentHash(derived.table);
  const known = await deps.store.getByContentHash(hash);
  if (known) return { record: known, created: false };
  const bytes = await deps.parquet.writeParquet(logicalTableIpc(derived.table, derived.nullable), CANONICAL_PARQUET_V1);
  return deps.store.put(
    {
      kind: derived.kind,
      contentHash: hash,
      schema: derived.table.schema,
      rowCount: derived.table.columns[0].length,
      instruments: derived.inputs.flatMap((r) => r.instruments),
      timeRange: derived.timeRange,
      interval: commonInterval(derived.inputs),
      provenance: { sourceFileName: null, sourceFileHash: null, appVersion: deps.appVersion },
      sourceBytes: null,
      inputs: derived.inputs.map((r) => r.id),
      tags: [derived.kind, ...derived.tags],
    },
    bytes,
  );
}
