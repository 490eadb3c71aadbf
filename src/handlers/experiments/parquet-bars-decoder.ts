/**
 * A BarsDecoder over any ParquetCodec (parquet-wasm in Node and in the browser): Parquet → Arrow IPC →
 * ohlcvFromArrow, the same column rules the import used, so stored bars read back as the columns they were.
 */
import { tableFromIPC } from 'apache-arrow';
import { ohlcvFromArrow } from '../../core/projection/ohlcv-from-arrow';
import type { BarsDecoder } from '../../ports/bars-decoder';
import type { ParquetCodec } from '../../ports/parquet-codec';

export function parquetBarsDecoder(codec: Pick<ParquetCodec, 'toArrowIpc'>): BarsDecoder {
  return async (bytes, name) => ohlcvFromArrow(tableFromIPC(await codec.toArrowIpc(bytes)), name);
}
