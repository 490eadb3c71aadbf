import { Rng } from '../rng';

/**
 * The SMA-crossover kernel, TypeScript reference of engine-wasm/assembly/sma-cross.ts.
 *
 * Rules (both implementations perform the same floating-point operations in the same order, so their equity
 * curves are bit-identical):
 * - Moving averages of close are running sums; a decision needs both windows full and the previous bar's spread.
 * - When fast − slow turns positive (from ≤ 0) the kernel goes long; when it turns negative it goes short.
 *   The decision is taken at bar i's close and filled at bar i+1's open (no look-ahead).
 * - Fill price = open × (1 + direction × slippage × u), u uniform in [0, 1) from the seeded RNG: slippage is
 *   always adverse. An open position is closed first; then the whole cash buys whole units, commission included.
 * - Commission = rate × price × |units| on every fill. Equity = cash + position × close at each bar.
 */
export interface SmaCrossParams {
  fast: number;
  slow: number;
  cash: number;
  commission: number;
  slippageBps: number;
  seed: number;
}

export interface KernelResult {
  equity: Float64Array;
  trades: number;
}

export function validateSmaCrossParams(p: SmaCrossParams): void {
  if (!Number.isInteger(p.fast) || p.fast < 1) throw new RangeError(`fast must be an integer ≥ 1, got ${p.fast}`);
  if (!Number.isInteger(p.slow) || p.slow <= p.fast) throw new RangeError(`slow must be an integer > fast (${p.fast}), got ${p.slow}`);
  if (!(p.cash > 0) || !Number.isFinite(p.cash)) throw new RangeError(`cash must be a positive number, got ${p.cash}`);
  if (!(p.commission >= 0) || p.commission >= 1) throw new RangeError(`commission must be in [0, 1), got ${p.commission}`);
  if (!(p.slippageBps >= 0) || !Number.isFinite(p.slippageBps)) throw new RangeError(`slippageBps must be ≥ 0, got ${p.slippageBps}`);
  if (!Number.isInteger(p.seed) || p.seed < 0 || p.seed > 0xffffffff)
    throw new RangeError(`seed must be an integer in [0, 4294967295], got ${p.seed}`);
}

export function smaCrossReference(open: Float64Array, close: Float64Array, p: SmaCrossParams): KernelResult {
  validateSmaCrossParams(p);
  const n = close.length;
  if (open.length !== n) throw new RangeError(`open has ${open.length} values, close has ${n}`);
  const equity = new Float64Array(n);
  const rng = new Rng(p.seed);
  const { fast, slow, commission } = p;
  const slip = p.slippageBps * 0.0001;
  let cash = p.cash;
  let fastSum = 0;
  let slowSum = 0;
  let prevDiff = NaN;
  let position = 0;
  let trades = 0;
  let pending = 0;
  for (let i = 0; i < n; i++) {
    if (pending !== 0) {
      const price = open[i] * (1.0 + pending * slip * rng.nextFloat());
      if (position !== 0) {
        cash += position * price - Math.abs(position) * price * commission;
        trades++;
        position = 0;
      }
      const units = Math.floor(cash / (price * (1.0 + commission)));
      if (units > 0) {
        position = pending * units;
        cash -= position * price + units * price * commission;
      }
      pending = 0;
    }
    const c = close[i];
    fastSum += c;
    slowSum += c;
    if (i >= fast) fastSum -= close[i - fast];
    if (i >= slow) slowSum -= close[i - slow];
    if (i >= slow - 1) {
      const diff = fastSum / fast - slowSum / slow;
      if (i + 1 < n && prevDiff === prevDiff) {
        if (prevDiff <= 0 && diff > 0 && position <= 0) pending = 1;
        else if (prevDiff >= 0 && diff < 0 && position >= 0) pending = -1;
      }
      prevDiff = diff;
    }
    equity[i] = cash + position * c;
  }
  return { equity, trades };
}
