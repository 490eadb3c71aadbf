/**
 * Publishing one result table: its contentHash first; content already stored is reused as it is (records are
 * immutable, so a table another experiment published keeps that experiment's tags); otherwise canonical Parquet
 * (CANONICAL_PARQUET_V1) is written and put as a `results` artifact whose inputs are the experiment's inputs.
 */
import { contentHash } from '../../core/artifacts/content-hash';
import type { LogicalTable } from '../../core/artifacts/logical-schema';
import type { ArtifactRecord } from '../../core/artifacts/record';
import type { IntervalName } from '../../core/domain/interval';
import type { TimeRange } from '../../core/artifacts/ohlcv-content';
import type { ArtifactStore } from '../../ports/artifact-store';
import { CANONICAL_PARQUET_V1 } from '../import-canonical-parquet';
import type { CanonicalParquetWriter } from '../../ports/canonical-parquet-writer';
import { logicalTableIpc } from './logical-table-ipc';

export interface PublishContext {
  store: ArtifactStore;
  parquet: CanonicalParquetWriter;
  appVersion: string;
  /** Lineage: the frozen input artifacts. */
  inputs: readonly ArtifactRecord[];
  instruments: readonly string[];
  timeRange: TimeRange | null;
  interval: IntervalName | null;
  tags: readonly string[];
}

export interface PublishedTable {
  record: ArtifactRecord;
  created: boolean;
}

export async function publishTable(ctx: PublishContext, role: string, table: LogicalTable, nullable: readonly string[]): Promise<PublishedTable> {
  const hash = await contentHash(table);
  const known = await ctx.store.getByContentHash(hash);
  if (known) return { record: known, created: false };
  const bytes = await ctx.parquet.writeParquet(logicalTableIpc(table, nullable), CANONICAL_PARQUET_V1);
  return ctx.store.put(
    {
      kind: 'results',
      contentHash: hash,
      schema: table.schema,
      rowCount: table.columns[0].length,
      instruments: ctx.instruments,
      timeRange: ctx.timeRange,
      interval: ctx.interval,
      provenance: { sourceFileName: null, sourceFileHash: null, appVersion: ctx.appVersion },
      sourceBytes: null,
      inputs: ctx.inputs.map((r) => r.id),
      tags: [role, ...ctx.tags],
    },
    bytes,
  );
}
