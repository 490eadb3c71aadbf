/**
 * Decodes a .csv or .parquet OHLCV file from its bytes in Node: the platform-free decoder of the import use case
 * over parquet-wasm's Node build, so the CLI and the browser read a file the same way.
 */
import { BarsDecodeError, barsDecoder } from '../../handlers/decode-bars-bytes';
import { NodeParquetCodec } from './node-parquet-codec';

/** A file that is not a readable .csv/.parquet OHLCV file as a whole (empty, wrong type, damaged Parquet). */
export { BarsDecodeError as BarsFileError };

export const decodeBarsFile = barsDecoder(new NodeParquetCodec());
