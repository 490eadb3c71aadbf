/**
 * Reading a published metrics artifact back: stored Parquet (verified against its fileHash) → Arrow → rows.
 * Platform-neutral over the ParquetCodec port, for the CLI's `get` and the browser's result views.
 */
import { tableFromIPC } from 'apache-arrow';
import { sameSchema } from '../../core/artifacts/logical-schema';
import { METRICS_TABLE_SCHEMA, type MetricsRow } from '../../core/experiments/result-tables';
import type { ArtifactStore } from '../../ports/artifact-store';
import type { ParquetCodec } from '../../ports/parquet-codec';

export async function readMetricsRows(store: ArtifactStore, codec: Pick<ParquetCodec, 'toArrowIpc'>, id: string): Promise<MetricsRow[]> {
  const record = await store.get(id);
  if (!record) throw new RangeError(`metrics artifact ${id} is not in the store`);
  if (!sameSchema(record.schema, METRICS_TABLE_SCHEMA))
    throw new RangeError(`${id} is not a metrics table (schema ${record.schema.map((c) => c.name).join(', ')})`);
  const table = tableFromIPC(await codec.toArrowIpc(await store.readBytes(id, { verify: true })));
  const [section, key, value, text] = ['section', 'key', 'value', 'text'].map((name) => table.getChild(name)!);
  const rows: MetricsRow[] = [];
  for (let i = 0; i < table.numRows; i++) {
    rows.push({
      section: String(section.get(i)),
      key: String(key.get(i)),
      value: (value.get(i) as number | null) ?? null,
      text: (text.get(i) as string | null) ?? null,
    });
  }
  return rows;
}
