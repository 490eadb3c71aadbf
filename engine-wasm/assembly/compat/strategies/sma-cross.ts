// Built-in strategy `sma-cross`: the port of src/core/compat/strategies/sma-cross.ts (rules in metrics.md).
// Parameters (f64): fast, slow, sl, tp; sl / tp NaN when not given (0 also means "not given", as in the
// reference's `sl ? … : undefined`).
import { closeAt } from "../bars";
import { buy, closePosition, sell, FULL_EQUITY } from "../context";
import { declareCloseMean, indicatorEnd, indicatorView } from "../indicators";

export const SMA_CROSS_PARAMS: i32 = 4;

/** Indicator handles of the two averages (read through their views: a plain run streams them). */
let fastSma: i32 = -1;
let slowSma: i32 = -1;
let slFraction: f64 = 0;
let tpFraction: f64 = 0;

function isWindow(x: f64): bool {
  return x >= 1 && x <= <f64>i32.MAX_VALUE && Math.floor(x) == x;
}

function isFraction(x: f64): bool {
  return isNaN<f64>(x) || (x >= 0 && x < 1);
}

/** Declare both averages; false when the parameters are invalid. */
export function smaCrossInit(params: usize, nParams: i32, n: i32): bool {
  if (nParams < 2 || nParams > SMA_CROSS_PARAMS) return false;
  const fast = load<f64>(params);
  const slow = load<f64>(params, 8);
  const sl = nParams > 2 ? load<f64>(params, 16) : NaN;
  const tp = nParams > 3 ? load<f64>(params, 24) : NaN;
  if (!isWindow(fast) || !isWindow(slow) || !isFraction(sl) || !isFraction(tp)) return false;
  // `params.sl ?? 0`: not given is 0, which the crossover rule treats as "no stop".
  slFraction = isNaN<f64>(sl) ? 0 : sl;
  tpFraction = isNaN<f64>(tp) ? 0 : tp;
  const f = declareCloseMean(<i32>fast);
  const s = declareCloseMean(<i32>slow);
  if (f < 0 || s < 0) return false;
  fastSma = f;
  slowSma = s;
  return true;
}

export function smaCrossNext(i: i32): void {
  if (i < 1) return;
  const fast = indicatorView(fastSma, i) + (<usize>i << 3);
  const slow = indicatorView(slowSma, i) + (<usize>i << 3);
  const f0 = load<f64>(fast - 8);
  const s0 = load<f64>(slow - 8);
  const f1 = load<f64>(fast);
  const s1 = load<f64>(slow);
  const sl = slFraction;
  const tp = tpFraction;
  if (f0 < s0 && f1 > s1) {
    const c = closeAt(i);
    closePosition(1);
    buy(FULL_EQUITY, NaN, NaN, sl != 0 ? c * (1 - sl) : NaN, tp != 0 ? c * (1 + tp) : NaN);
  } else if (s0 < f0 && s1 > f1) {
    const c = closeAt(i);
    closePosition(1);
    sell(FULL_EQUITY, NaN, NaN, sl != 0 ? c * (1 + sl) : NaN, tp != 0 ? c * (1 - tp) : NaN);
  }
}

/** The first bar in [from, to) on which smaCrossNext acts (a crossover), or `to`: it does nothing on the others. */
export function smaCrossNextSignal(from: i32, to: i32): i32 {
  let i = from < 1 ? 1 : from;
  // View by view: a streamed average holds a block of bars at a time (both views end at the same bar).
  while (i < to) {
    const fast = indicatorView(fastSma, i);
    const slow = indicatorView(slowSma, i);
    const fastEnd = indicatorEnd(fastSma);
    const slowEnd = indicatorEnd(slowSma);
    let end = fastEnd < slowEnd ? fastEnd : slowEnd;
    if (end > to) end = to;
    const hit = crossoverIn(fast, slow, i, end);
    if (hit < end) return hit;
    i = end;
  }
  return to;
}

/** The first bar in [from, to) with a crossover, or `to`; bars from - 1 to to - 1 are at fast/slow + 8j. */
function crossoverIn(fast: usize, slow: usize, from: i32, to: i32): i32 {
  let i = from;
  // Two bars at a time (lane j tests bar i + j); a pair with a crossover is looked at bar by bar below.
  for (; i + 2 <= to; i += 2) {
    const at = <usize>i << 3;
    const f0 = v128.load(fast + at - 8);
    const s0 = v128.load(slow + at - 8);
    const f1 = v128.load(fast + at);
    const s1 = v128.load(slow + at);
    const up = v128.and(f64x2.lt(f0, s0), f64x2.gt(f1, s1));
    const down = v128.and(f64x2.lt(s0, f0), f64x2.gt(s1, f1));
    if (v128.any_true(v128.or(up, down))) break;
  }
  let f0 = load<f64>(fast + (<usize>(i - 1) << 3));
  let s0 = load<f64>(slow + (<usize>(i - 1) << 3));
  for (; i < to; i++) {
    const f1 = load<f64>(fast + (<usize>i << 3));
    const s1 = load<f64>(slow + (<usize>i << 3));
    // Non-short-circuit: which average leads is a coin flip for a branch predictor, a crossover is rare.
    if (((f0 < s0) & (f1 > s1)) | ((s0 < f0) & (s1 > f1))) return i;
    f0 = f1;
    s0 = s1;
  }
  return to;
}
