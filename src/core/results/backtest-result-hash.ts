import { createSHA256 } from 'hash-wasm';
import type { BacktestResult } from '../compat/result';

/**
 * SHA-256 of a backtest's result, over a canonical byte encoding:
 * - the ASCII header `quantlab/backtest-result/v1\n`, then `bars=<n>\ntrades=<k>\n`;
 * - the equity curve, n little-endian IEEE-754 doubles;
 * - the closed trades column by column, each k doubles: size, entryBar, exitBar, entryPrice, exitPrice, sl, tp, pnl,
 *   commissions, entryTime, exitTime (null sl/tp encoded as NaN with the canonical bit pattern 0x7ff8000000000000).
 * Same bars + same spec + same engine → same bits → same hash, on every machine.
 */
const TRADE_COLUMNS = ['size', 'entryBar', 'exitBar', 'entryPrice', 'exitPrice', 'sl', 'tp', 'pnl', 'commissions', 'entryTime', 'exitTime'] as const;

function putDouble(view: DataView, offset: number, x: number): void {
  if (Number.isNaN(x)) {
    view.setUint32(offset + 4, 0x7ff80000, true);
    view.setUint32(offset, 0, true);
  } else view.setFloat64(offset, x, true);
}

export async function backtestResultHash(result: Pick<BacktestResult, 'equity' | 'trades'>): Promise<string> {
  const n = result.equity.length;
  const k = result.trades.length;
  const bytes = new Uint8Array(8 * (n + k * TRADE_COLUMNS.length));
  const view = new DataView(bytes.buffer);
  let o = 0;
  for (let i = 0; i < n; i++, o += 8) putDouble(view, o, result.equity[i]);
  for (const c of TRADE_COLUMNS) {
    for (const t of result.trades) {
      putDouble(view, o, t[c] ?? NaN);
      o += 8;
    }
  }
  const h = await createSHA256();
  h.init();
  h.update(`quantlab/backtest-result/v1\nbars=${n}\ntrades=${k}\n`);
  h.update(bytes);
  return h.digest('hex');
}
