import { createSHA256 } from 'hash-wasm';
import type { LabResult } from '../lab/result';

/**
 * SHA-256 of a lab-profile run's result over a canonical byte encoding:
 * - the ASCII header `quantlab/lab-result/v1\n`, then `bars=<T>\ninstruments=<K>\nfills=<f>\ntrades=<k>\n`;
 * - nav, cash and positions (K×T, instrument-major) as little-endian IEEE-754 doubles;
 * - the fills column by column (bar, instrument, side, quantity, price, commission, slippage cost, spread cost);
 * - the closed trades column by column (instrument, side, quantity, entry bar, entry price, exit bar, exit price,
 *   commission, pnl, exit reason).
 * Integers are written as doubles; NaN as 0x7ff8000000000000. Same bars + same spec + same seed → same hash.
 */
export async function labResultHash(r: LabResult): Promise<string> {
  const f = r.fills;
  const t = r.trades;
  const fillCols: ArrayLike<number>[] = [f.bar, f.instrument, f.side, f.quantity, f.price, f.commission, f.slippage, f.spread];
  const tradeCols: ArrayLike<number>[] = [
    t.instrument,
    t.side,
    t.quantity,
    t.entryBar,
    t.entryPrice,
    t.exitBar,
    t.exitPrice,
    t.commission,
    t.pnl,
    t.exitReason,
  ];
  const series: ArrayLike<number>[] = [r.nav, r.cash, r.positions];
  const total = series.reduce((n, c) => n + c.length, 0) + fillCols.length * f.count + tradeCols.length * t.count;
  const bytes = new Uint8Array(8 * total);
  const view = new DataView(bytes.buffer);
  let o = 0;
  const put = (x: number) => {
    if (Number.isNaN(x)) {
      view.setUint32(o, 0, true);
      view.setUint32(o + 4, 0x7ff80000, true);
    } else view.setFloat64(o, x, true);
    o += 8;
  };
  for (const c of series) for (let i = 0; i < c.length; i++) put(c[i]);
  for (const c of fillCols) for (let i = 0; i < f.count; i++) put(c[i]);
  for (const c of tradeCols) for (let i = 0; i < t.count; i++) put(c[i]);
  const h = await createSHA256();
  h.init();
  h.update(
    `quantlab/lab-result/v1\nbars=${r.time.length}\ninstruments=${r.positions.length / Math.max(1, r.time.length)}\nfills=${f.count}\ntrades=${t.count}\n`,
  );
  h.update(bytes);
  return h.digest('hex');
}
