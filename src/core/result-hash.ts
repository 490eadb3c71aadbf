import { createSHA256 } from 'hash-wasm';

/**
 * Hash of a kernel run's result: SHA-256 over a versioned header (bar count, trade count) followed by the
 * equity curve as little-endian IEEE-754 doubles. Same inputs + same parameters → same bits → same hash.
 */
export async function kernelResultHash(equity: Float64Array, trades: number): Promise<string> {
  const h = await createSHA256();
  h.init();
  h.update(`quantlab/kernel-result/v1\nbars=${equity.length}\ntrades=${trades}\n`);
  const bytes = new Uint8Array(equity.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < equity.length; i++) view.setFloat64(i * 8, equity[i], true);
  h.update(bytes);
  return h.digest('hex');
}
