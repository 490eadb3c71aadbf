/**
 * Where an order executes on one bar: the gap and touch rules, as pure functions of the bar and the order.
 *
 * Price model. A bar's open/high/low/close are mid prices. Buys trade at the ask = mid × (1 + h), sells at the
 * bid = mid × (1 − h), with h = spread / 2 (half the spread is paid on each side). Every trigger and touch test
 * below compares an order's level with the quote of the order's own side (a sell stop fires when the *bid*
 * low reaches it, a buy limit fills when the *ask* low reaches it). With spread 0 these are the bar's prices.
 *
 * `side` is the execution side (+1 buy, −1 sell). "At or better" for a buy means ≤, for a sell ≥, written
 * `side × (level − price) ≥ 0`. The result goes into an `Execution` scratch record (no allocation):
 *   base        price before slippage (NaN: no execution on this bar)
 *   marketable  1: the fill takes liquidity and pays slippage; 0: a resting limit filled at its own level
 *   cap         a limit the slipped price may not cross (NaN: none)
 *   mid         the bar price `base` was quoted from (open or close), for the spread cost; NaN at an order level
 *   atOpen      1: executed at the bar's open (what happens later in the bar is still ahead of it)
 *   triggered   1: a stop level was reached on this bar (even if nothing filled)
 *
 * Rules (each one a real exchange's behaviour for a bar that can gap):
 * - Market: at the open's quote (fillTiming 'next-open') or the close's quote (close auction), marketable.
 * - Limit: if the open's quote is already at or better than the limit (gapped through), it fills at the open
 *   — better than the limit — as a marketable order capped at the limit. Otherwise, if the favourable extreme's
 *   quote (ask low for buys, bid high for sells) touches the limit, it fills at exactly the limit, passive.
 * - Stop: if the open's quote is already at or past the stop (gapped through), it fills at the open — worse
 *   than the stop. Otherwise, if the adverse extreme's quote (ask high for buy stops, bid low for sell stops)
 *   reaches the stop, it fills at the stop. Both are marketable (slippage applies).
 * - Stop-limit: the stop rule decides the trigger; once triggered it is a limit order. If the trigger price
 *   (the open when gapped, else the stop) is at or better than the limit, it fills there, marketable, capped at
 *   the limit. If the open gapped past the limit, it fills only if the rest of the bar touches the limit (at the
 *   limit, passive). If it triggered inside the bar at a stop worse than its limit, it does not fill on this bar
 *   (the path after the trigger is unknown) and works as a limit from the next bar.
 * - Bracket exits of a trade: the stop (stop-loss or trailing) behaves as a stop, the take-profit as a limit.
 *   A gap through either fills at the open (stop checked first). If both are reached inside the bar, the
 *   bracket rule decides (bracket-rule.ts).
 */
export class Execution {
  base = NaN;
  marketable = 0;
  cap = NaN;
  mid = NaN;
  atOpen = 0;
  triggered = 0;

  reset(): void {
    this.base = NaN;
    this.marketable = 0;
    this.cap = NaN;
    this.mid = NaN;
    this.atOpen = 0;
    this.triggered = 0;
  }
}

/** Market order at a bar price (`open` with atOpen = 1, or `close` in the close auction with atOpen = 0). */
export function executeMarket(x: Execution, side: number, h: number, barPrice: number, atOpen: number): void {
  x.reset();
  x.base = barPrice * (1 + side * h);
  x.marketable = 1;
  x.mid = barPrice;
  x.atOpen = atOpen;
}

export function executeLimit(x: Execution, side: number, h: number, open: number, high: number, low: number, limit: number): void {
  x.reset();
  const q = 1 + side * h;
  const quotedOpen = open * q;
  if (side * (limit - quotedOpen) >= 0) {
    x.base = quotedOpen;
    x.marketable = 1;
    x.cap = limit;
    x.mid = open;
    x.atOpen = 1;
    return;
  }
  const favourable = (side > 0 ? low : high) * q;
  if (side * (limit - favourable) >= 0) x.base = limit;
}

export function executeStop(x: Execution, side: number, h: number, open: number, high: number, low: number, stop: number): void {
  x.reset();
  const q = 1 + side * h;
  const quotedOpen = open * q;
  if (side * (quotedOpen - stop) >= 0) {
    x.base = quotedOpen;
    x.marketable = 1;
    x.mid = open;
    x.atOpen = 1;
    x.triggered = 1;
    return;
  }
  const adverse = (side > 0 ? high : low) * q;
  if (side * (adverse - stop) >= 0) {
    x.base = stop;
    x.marketable = 1;
    x.triggered = 1;
  }
}

/** A stop-limit that has not triggered before this bar (once triggered, the engine uses executeLimit). */
export function executeStopLimit(x: Execution, side: number, h: number, open: number, high: number, low: number, stop: number, limit: number): void {
  executeStop(x, side, h, open, high, low, stop);
  if (x.triggered === 0) return;
  if (side * (limit - x.base) >= 0) {
    x.cap = limit;
    return;
  }
  const gapped = x.atOpen;
  x.reset();
  x.triggered = 1;
  if (gapped === 1) {
    const favourable = (side > 0 ? low : high) * (1 + side * h);
    if (side * (limit - favourable) >= 0) x.base = limit;
  }
}

/** Level of a trailing stop for execution side `side` at reference `ref` (best price so far). */
export function trailLevel(side: number, ref: number, amount: number, fraction: number): number {
  // A sell stop trails below the highest high, a buy stop above the lowest low.
  if (amount === amount) return ref + side * amount;
  return ref * (1 + side * fraction);
}
