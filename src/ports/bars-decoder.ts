/**
 * BarsDecoder: the stored Parquet bytes of an ohlcv artifact back into columns. A handler reads bytes from the
 * ArtifactStore and decodes them through this port; Node and the browser each wire their Parquet reader in
 * (src/handlers/experiments/parquet-bars-decoder.ts builds one from a ParquetCodec).
 */
import type { OhlcvTable } from '../core/domain/ohlcv-table';

/** `name` is what errors call the bytes (e.g. `art_….parquet`). */
export type BarsDecoder = (bytes: Uint8Array, name: string) => Promise<OhlcvTable>;
