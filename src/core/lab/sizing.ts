/**
 * Quantities in whole lots. Inside the engine every quantity is an integer count of lots (exact in a double up
 * to 2^53), so positions, partial fills and FIFO closes never leave rounding residue; units = lots × lotSize
 * only at the edges (fills, positions and trades in the result are in units).
 *
 * Rounding is always toward zero (never buy more than asked). A value within 1e-9 lot of a whole lot counts as
 * that lot, so that 0.3 units of a 0.1 lot (0.3 / 0.1 = 2.9999999999999996 in doubles) are 3 lots.
 */
import { MS_PER_DAY } from '../domain/time';

export const LOT_EPSILON = 1e-9;

/** Whole lots in `x ≥ 0` lots (floor with the epsilon above). */
export function wholeLots(x: number): number {
  return Math.floor(x + LOT_EPSILON);
}

/** Whole lots toward zero for a signed lot count. */
export function wholeLotsSigned(x: number): number {
  return x >= 0 ? Math.floor(x + LOT_EPSILON) : -Math.floor(-x + LOT_EPSILON);
}

/** Lots in `units` of an instrument with lot size `lot`. */
export function lotsFromUnits(units: number, lot: number): number {
  return wholeLots(units / lot);
}

/**
 * Target-weight rebalance: the signed lots each instrument must trade to hold `weights[k]` of `nav`.
 *
 *   target_k = toward-zero whole lots of (w_k × nav) / (price_k × lotSize_k);  delta_k = target_k − held_k
 *
 * `price_k` is the instrument's last known close (the rebalance is decided at a bar's close). A weight of NaN
 * leaves the instrument alone (delta 0), as does a price of NaN (no bar seen yet). Negative weights are
 * short targets. Writes `out` (K values) and allocates nothing.
 */
export function rebalanceDeltas(
  nav: number,
  weights: Float64Array,
  weightOffset: number,
  prices: Float64Array,
  lotSize: Float64Array,
  held: Float64Array,
  out: Float64Array,
): void {
  const K = held.length;
  for (let k = 0; k < K; k++) {
    const w = weights[weightOffset + k];
    const price = prices[k];
    if (w !== w || price !== price) {
      out[k] = 0;
      continue;
    }
    out[k] = wholeLotsSigned((w * nav) / (price * lotSize[k])) - held[k];
  }
}

/** End of the UTC calendar day containing `ms` (the expiry of a day order). */
export function utcDayEnd(ms: number): number {
  return (Math.floor(ms / MS_PER_DAY) + 1) * MS_PER_DAY;
}
