/**
 * ParquetCodec on parquet-wasm's Node build (initialized on import, no fetch). Also writes Parquet with explicit
 * settings for the artifact store (CanonicalParquetWriter), spelled out once in src/adapters/parquet/writer-properties.ts.
 */
import * as parquet from 'parquet-wasm';
import type { CanonicalParquetStreamWriter, CanonicalParquetWriter, ParquetWriteSettings } from '../../ports/canonical-parquet-writer';
import type { ParquetCodec } from '../../ports/parquet-codec';
import type { ParquetRowGroupFile, ParquetRowGroupReader } from '../../ports/parquet-row-groups';
import { openParquetRowGroups } from '../parquet/row-group-reader';
import { writeParquetStream } from '../parquet/stream-writer';
import { canonicalWriterProperties, zstdWriterProperties } from '../parquet/writer-properties';

const writerProperties = (settings: ParquetWriteSettings) => canonicalWriterProperties(parquet, settings);

export class NodeParquetCodec implements ParquetCodec, CanonicalParquetWriter, CanonicalParquetStreamWriter, ParquetRowGroupReader {
  async toArrowIpc(bytes: Uint8Array): Promise<Uint8Array> {
    return parquet.readParquet(bytes).intoIPCStream();
  }

  /** ZSTD with the library's other defaults (the ParquetCodec port); the store uses writeParquet. */
  async fromArrowIpc(ipc: Uint8Array): Promise<Uint8Array> {
    return parquet.writeParquet(parquet.Table.fromIPCStream(ipc), zstdWriterProperties(parquet));
  }

  async writeParquet(ipc: Uint8Array, settings: ParquetWriteSettings): Promise<Uint8Array> {
    return parquet.writeParquet(parquet.Table.fromIPCStream(ipc), writerProperties(settings));
  }

  /** parquet-wasm's streaming writer over whole row groups: the same bytes as writeParquet (checked in the tests). */
  writeParquetStream(batches: AsyncIterable<Uint8Array>, settings: ParquetWriteSettings): AsyncIterable<Uint8Array> {
    return writeParquetStream(parquet, batches, settings);
  }

  /** Row group by row group from a Blob (a file's from `fs.openAsBlob` reads only the ranges asked for). */
  openParquet(file: Blob): Promise<ParquetRowGroupFile> {
    return openParquetRowGroups(parquet, file);
  }
}
