/**
 * Historical VaR and expected shortfall at confidence p, as R PerformanceAnalytics' `VaR()`/`ES()` (method
 * "historical"), losses positive: VaR = −q with q = quantile(r, 1 − p) by R's type 7 (numpy's linear:
 * h = (T − 1)(1 − p), q = (1 − frac)·x_lo + frac·x_hi on the sorted returns), ES = −mean(r[r < q]) (strictly below).
 */
export interface TailRisk {
  var: number;
  es: number;
}

export function quantileType7(sorted: Float64Array, prob: number): number {
  const h = (sorted.length - 1) * prob;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const frac = h - lo;
  if (frac === 0 || sorted[hi] === sorted[lo]) return sorted[lo];
  return (1 - frac) * sorted[lo] + frac * sorted[hi];
}

export function historicalVar(returns: Float64Array, p: number): TailRisk & { quantile: number; tail: number } {
  if (returns.length < 2) throw new RangeError(`historical VaR needs at least 2 returns, got ${returns.length}`);
  checkLevel(p);
  const sorted = Float64Array.from(returns).sort();
  const q = quantileType7(sorted, 1 - p);
  let sum = 0;
  let count = 0;
  for (const r of sorted) {
    if (!(r < q)) break;
    sum += r;
    count++;
  }
  // No return below the quantile (p close to 0 on few data): the shortfall is the quantile itself.
  return { var: -q, es: count === 0 ? -q : -(sum / count), quantile: q, tail: count };
}

export function checkLevel(p: number): void {
  if (!(p > 0 && p < 1)) throw new RangeError(`a VaR level must be in (0, 1), got ${p}`);
}
