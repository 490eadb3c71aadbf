// Where an order executes on one bar: the gap and touch rules of src/core/lab/execution.ts (see its header
// for the price model and each rule), as functions writing a reusable Execution record.

export class Execution {
  /** Price before slippage (NaN: no execution on this bar). */
  base: f64 = NaN;
  /** 1: takes liquidity and pays slippage; 0: a resting limit filled at its own level. */
  marketable: i32 = 0;
  /** A limit the slipped price may not cross (NaN: none). */
  cap: f64 = NaN;
  /** The bar price `base` was quoted from, for the spread cost; NaN at an order's own level. */
  mid: f64 = NaN;
  atOpen: i32 = 0;
  triggered: i32 = 0;

  reset(): void {
    this.base = NaN;
    this.marketable = 0;
    this.cap = NaN;
    this.mid = NaN;
    this.atOpen = 0;
    this.triggered = 0;
  }
}

/** Market order at a bar price (the open with atOpen 1, or the close in the close auction with atOpen 0). */
export function executeMarket(x: Execution, side: i32, h: f64, barPrice: f64, atOpen: i32): void {
  x.reset();
  x.base = barPrice * (1 + <f64>side * h);
  x.marketable = 1;
  x.mid = barPrice;
  x.atOpen = atOpen;
}

export function executeLimit(x: Execution, side: i32, h: f64, open: f64, high: f64, low: f64, limit: f64): void {
  x.reset();
  const s = <f64>side;
  const q = 1 + s * h;
  const quotedOpen = open * q;
  if (s * (limit - quotedOpen) >= 0) {
    x.base = quotedOpen;
    x.marketable = 1;
    x.cap = limit;
    x.mid = open;
    x.atOpen = 1;
    return;
  }
  const favourable = (side > 0 ? low : high) * q;
  if (s * (limit - favourable) >= 0) x.base = limit;
}

export function executeStop(x: Execution, side: i32, h: f64, open: f64, high: f64, low: f64, stop: f64): void {
  x.reset();
  const s = <f64>side;
  const q = 1 + s * h;
  const quotedOpen = open * q;
  if (s * (quotedOpen - stop) >= 0) {
    x.base = quotedOpen;
    x.marketable = 1;
    x.mid = open;
    x.atOpen = 1;
    x.triggered = 1;
    return;
  }
  const adverse = (side > 0 ? high : low) * q;
  if (s * (adverse - stop) >= 0) {
    x.base = stop;
    x.marketable = 1;
    x.triggered = 1;
  }
}

/** A stop-limit that has not triggered before this bar (once triggered the engine uses executeLimit). */
export function executeStopLimit(x: Execution, side: i32, h: f64, open: f64, high: f64, low: f64, stop: f64, limit: f64): void {
  executeStop(x, side, h, open, high, low, stop);
  if (x.triggered == 0) return;
  const s = <f64>side;
  if (s * (limit - x.base) >= 0) {
    x.cap = limit;
    return;
  }
  const gapped = x.atOpen;
  x.reset();
  x.triggered = 1;
  if (gapped == 1) {
    const favourable = (side > 0 ? low : high) * (1 + s * h);
    if (s * (limit - favourable) >= 0) x.base = limit;
  }
}

/** Level of a trailing stop for execution side `side` at reference `ref` (best price so far). */
export function trailLevel(side: i32, ref: f64, amount: f64, fraction: f64): f64 {
  if (amount == amount) return ref + <f64>side * amount;
  return ref * (1 + <f64>side * fraction);
}
