/**
 * The writer settings as parquet-wasm WriterProperties, for both of its builds (Node's and the browser's
 * ESM build export the same builder API): one place spells every setting out, so the two codecs cannot drift apart
 * and no library default decides the stored bytes.
 */
import type * as ParquetWasm from 'parquet-wasm';
import type { ParquetWriteSettings } from '../../ports/canonical-parquet-writer';

/** The parts of a parquet-wasm build this needs. */
export type ParquetWasmBuilders = Pick<typeof ParquetWasm, 'WriterPropertiesBuilder' | 'Compression' | 'EnabledStatistics' | 'WriterVersion'>;

export function canonicalWriterProperties<L extends ParquetWasmBuilders>(
  lib: L,
  settings: ParquetWriteSettings,
): ReturnType<InstanceType<L['WriterPropertiesBuilder']>['build']> {
  if (settings.compression !== 'zstd' || settings.dictionary || settings.statistics !== 'chunk' || settings.writerVersion !== '1.0') {
    throw new RangeError(`unsupported Parquet settings ${JSON.stringify(settings)}`);
  }
  return new lib.WriterPropertiesBuilder()
    .setCompression(lib.Compression.ZSTD)
    .setMaxRowGroupSize(settings.rowGroupRows)
    .setCreatedBy(settings.createdBy)
    .setDictionaryEnabled(false)
    .setStatisticsEnabled(lib.EnabledStatistics.Chunk)
    .setDataPageSizeLimit(settings.dataPageBytes)
    .setWriteBatchSize(settings.writeBatchRows)
    .setWriterVersion(lib.WriterVersion.V1)
    .build() as ReturnType<InstanceType<L['WriterPropertiesBuilder']>['build']>;
}

/** ZSTD with the library's other defaults: the ParquetCodec port's plain write (artifacts use the canonical settings). */
export function zstdWriterProperties<L extends ParquetWasmBuilders>(lib: L): ReturnType<InstanceType<L['WriterPropertiesBuilder']>['build']> {
  return new lib.WriterPropertiesBuilder().setCompression(lib.Compression.ZSTD).build() as ReturnType<
    InstanceType<L['WriterPropertiesBuilder']>['build']
  >;
}
