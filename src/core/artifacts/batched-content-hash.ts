/**
 * The contentHash of an ohlcv table that is never whole in memory. The canonical encoding is column by column
 * with the row count first, so rows read batch by batch cannot be hashed as they come: each batch's value bytes
 * are appended to one spool per column (kept by the caller — a temp file, a blob), and the hash is taken at the end
 * over header, then per column its bitmap and its spool. The bytes hashed are exactly canonicalChunks' (tests
 * compare with ohlcvContentHash), so the id does not depend on how the table was read.
 */
import { createSHA256 } from 'hash-wasm';
import type { OhlcvTable } from '../domain/ohlcv-table';
import { canonicalParts } from './canonical-encoding';
import { OHLCV_SCHEMA } from './ohlcv-content';

/**
 * Canonical value bytes of each OHLCV column of a batch, in schema order. Throws CanonicalEncodingError (row = index
 * within the batch) for a value that has no canonical form, e.g. a fractional millisecond.
 */
export function ohlcvBatchValueBytes(batch: OhlcvTable): Uint8Array[] {
  const n = batch.timestamp.length;
  return OHLCV_SCHEMA.map((spec) => canonicalParts.values(spec, batch[spec.name as keyof Omit<OhlcvTable, 'instrument'>], 0, n));
}

/** SHA-256 (hex) of the canonical encoding of `rows` OHLCV rows whose column value bytes `column(c)` yields in order. */
export async function ohlcvContentHashOfColumns(rows: number, column: (index: number) => AsyncIterable<Uint8Array>): Promise<string> {
  const hasher = await createSHA256();
  hasher.init();
  hasher.update(canonicalParts.header(OHLCV_SCHEMA, rows));
  for (let c = 0; c < OHLCV_SCHEMA.length; c++) {
    for (const part of canonicalParts.allValid(rows)) hasher.update(part);
    let bytes = 0;
    for await (const chunk of column(c)) {
      hasher.update(chunk);
      bytes += chunk.length;
    }
    if (bytes !== rows * 8) throw new Error(`column ${OHLCV_SCHEMA[c].name}: ${bytes} value bytes for ${rows} rows`);
  }
  return hasher.digest('hex');
}

/**
 * Timestamps (epoch ms) back from canonical timestamp bytes (int64 little-endian, as a column spool holds them),
 * whatever the chunks' boundaries.
 */
export async function* canonicalTimestampBatches(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Float64Array> {
  let rest = new Uint8Array(0);
  for await (const chunk of chunks) {
    let bytes = chunk;
    if (rest.length > 0) {
      bytes = new Uint8Array(rest.length + chunk.length);
      bytes.set(rest);
      bytes.set(chunk, rest.length);
    }
    const whole = bytes.length - (bytes.length % 8);
    const view = new DataView(bytes.buffer, bytes.byteOffset, whole);
    const out = new Float64Array(whole / 8);
    // Safe integers only (the canonical encoding refused anything else): low word unsigned, high word signed.
    for (let i = 0; i < out.length; i++) out[i] = view.getInt32(i * 8 + 4, true) * 4294967296 + view.getUint32(i * 8, true);
    rest = bytes.slice(whole);
    yield out;
  }
  if (rest.length > 0) throw new Error(`timestamp bytes end with ${rest.length} bytes of an incomplete value`);
}
