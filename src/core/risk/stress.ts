/**
 * Stress tests on a portfolio of value V: a shock vector (simple returns applied at once) gives P&L = V·Σ w_i s_i
 * with contribution V·w_i·s_i per asset; a historical replay finds the worst k-day window of the daily-rebalanced
 * portfolio, compounded: min over t of Π_{u=t}^{t+k−1} (1 + r_p[u]) − 1 (the earliest window on ties).
 */
export interface ShockResult {
  pnl: number;
  portfolioReturn: number;
  contribution: Float64Array;
}

export function shockPnl(weights: ArrayLike<number>, shocks: ArrayLike<number>, value: number): ShockResult {
  const n = weights.length;
  if (shocks.length !== n) throw new RangeError(`${n} weights need ${n} shocks, got ${shocks.length}`);
  const contribution = new Float64Array(n);
  let ret = 0;
  for (let i = 0; i < n; i++) {
    ret += weights[i] * shocks[i];
    contribution[i] = value * weights[i] * shocks[i];
  }
  return { pnl: value * ret, portfolioReturn: ret, contribution };
}

export interface WorstWindow {
  /** Row of the window's first return and one past its last (half-open), in the returns' rows. */
  start: number;
  end: number;
  return: number;
}

export function worstWindow(returns: Float64Array, days: number): WorstWindow {
  if (!(Number.isInteger(days) && days >= 1)) throw new RangeError(`the window must be a whole number of days >= 1, got ${days}`);
  if (returns.length < days) throw new RangeError(`a ${days}-day window needs at least ${days} returns, got ${returns.length}`);
  let best: WorstWindow | null = null;
  for (let t = 0; t + days <= returns.length; t++) {
    let growth = 1;
    for (let u = t; u < t + days; u++) growth *= 1 + returns[u];
    const r = growth - 1;
    if (best === null || r < best.return) best = { start: t, end: t + days, return: r };
  }
  return best as WorstWindow;
}
