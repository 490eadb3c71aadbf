/**
 * ParquetCodec on parquet-wasm's Node build (initialized on import, no fetch). Also writes Parquet with explicit
 * settings for the artifact store (CanonicalParquetWriter), every setting spelled out so no library default decides
 * the bytes.
 */
import * as parquet from 'parquet-wasm';
import type { CanonicalParquetWriter, ParquetWriteSettings } from '../../handlers/import-canonical-parquet';
import type { ParquetCodec } from '../../ports/parquet-codec';

function writerProperties(settings: ParquetWriteSettings): parquet.WriterProperties {
  if (settings.compression !== 'zstd' || settings.dictionary !== false || settings.statistics !== 'chunk' || settings.writerVersion !== '1.0') {
    throw new RangeError(`unsupported Parquet settings ${JSON.stringify(settings)}`);
  }
  return new parquet.WriterPropertiesBuilder()
    .setCompression(parquet.Compression.ZSTD)
    .setMaxRowGroupSize(settings.rowGroupRows)
    .setCreatedBy(settings.createdBy)
    .setDictionaryEnabled(false)
    .setStatisticsEnabled(parquet.EnabledStatistics.Chunk)
    .setDataPageSizeLimit(settings.dataPageBytes)
    .setWriteBatchSize(settings.writeBatchRows)
    .setWriterVersion(parquet.WriterVersion.V1)
    .build();
}

export class NodeParquetCodec implements ParquetCodec, CanonicalParquetWriter {
  async toArrowIpc(bytes: Uint8Array): Promise<Uint8Array> {
    return parquet.readParquet(bytes).intoIPCStream();
  }

  /** ZSTD with the library's other defaults (the ParquetCodec port); the store uses writeParquet. */
  async fromArrowIpc(ipc: Uint8Array): Promise<Uint8Array> {
    const props = new parquet.WriterPropertiesBuilder().setCompression(parquet.Compression.ZSTD).build();
    return parquet.writeParquet(parquet.Table.fromIPCStream(ipc), props);
  }

  async writeParquet(ipc: Uint8Array, settings: ParquetWriteSettings): Promise<Uint8Array> {
    return parquet.writeParquet(parquet.Table.fromIPCStream(ipc), writerProperties(settings));
  }
}
