/**
 * Cross-sectional momentum ("12-1": lookback 252, skip 21): mom = close[t − skip] / close[t − lookback] − 1, each
 * offset in bars of the instrument's own series, so the most recent `skip` bars (short-term reversal) are left out.
 * Ranks: 1 = highest momentum; ties keep the universe's order (pandas `rank(ascending=False, method='first')`);
 * an instrument without enough history has no momentum (null) and no rank.
 */
import { assertWindow } from './window';

export interface MomentumInput {
  name: string;
  close: Float64Array;
  /** The bar the signal is computed at (0-based row of `close`). */
  at: number;
}

export interface MomentumEntry {
  name: string;
  /** null when the instrument has fewer than `lookback` bars before `at`. */
  momentum: number | null;
  /** 1 = highest; null without momentum. */
  rank: number | null;
  /** The bars the two prices come from: close[end] / close[start] − 1. */
  start: number;
  end: number;
}

export function momentumAt(close: Float64Array, at: number, lookback: number, skip: number): number | null {
  assertWindow('lookback', lookback);
  assertWindow('skip', skip, 0);
  if (skip >= lookback) throw new RangeError(`skip (${skip}) must be smaller than lookback (${lookback})`);
  const start = at - lookback;
  if (start < 0 || at >= close.length) return null;
  const m = close[at - skip] / close[start] - 1;
  return Number.isFinite(m) ? m : null;
}

export function crossSectionalMomentum(universe: readonly MomentumInput[], lookback: number, skip: number): MomentumEntry[] {
  const entries: MomentumEntry[] = universe.map((u) => ({
    name: u.name,
    momentum: momentumAt(u.close, u.at, lookback, skip),
    rank: null,
    start: u.at - lookback,
    end: u.at - skip,
  }));
  const ranked = entries
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.momentum !== null)
    // Stable descending sort: equal momenta keep the universe's order, pandas' method='first'.
    .sort((a, b) => (b.e.momentum as number) - (a.e.momentum as number) || a.i - b.i);
  ranked.forEach(({ e }, k) => (e.rank = k + 1));
  return entries;
}
