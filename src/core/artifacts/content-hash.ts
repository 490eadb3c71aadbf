/** `contentHash`: SHA-256 (lowercase hex) of the canonical encoding defined in `canonical-encoding.ts`. */
import { createSHA256 } from 'hash-wasm';
import type { OhlcvTable } from '../domain/ohlcv-table';
import { canonicalChunks, type CanonicalEncodeOptions } from './canonical-encoding';
import type { LogicalTable } from './logical-schema';
import { ohlcvLogicalTable } from './ohlcv-content';

export async function contentHash(table: LogicalTable, options?: CanonicalEncodeOptions): Promise<string> {
  const hasher = await createSHA256();
  hasher.init();
  for (const chunk of canonicalChunks(table, options)) hasher.update(chunk);
  return hasher.digest('hex');
}

export function ohlcvContentHash(columns: OhlcvTable): Promise<string> {
  return contentHash(ohlcvLogicalTable(columns));
}
