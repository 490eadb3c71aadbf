/** `contentHash`: SHA-256 (lowercase hex) of the canonical encoding defined in `canonical-encoding.ts`. */
import type { OhlcvTable } from '../domain/ohlcv-table';
import { canonicalChunks, type CanonicalEncodeOptions } from './canonical-encoding';
import type { LogicalTable } from './logical-schema';
import { ohlcvLogicalTable } from './ohlcv-content';
import { giveBackSha256, takeSha256 } from './sha256-pool';

export async function contentHash(table: LogicalTable, options?: CanonicalEncodeOptions): Promise<string> {
  const hasher = await takeSha256();
  for (const chunk of canonicalChunks(table, options)) hasher.update(chunk);
  const hex = hasher.digest('hex');
  giveBackSha256(hasher);
  return hex;
}

export function ohlcvContentHash(columns: OhlcvTable): Promise<string> {
  return contentHash(ohlcvLogicalTable(columns));
}
