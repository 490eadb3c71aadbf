// Entry points of the sweep (re-exported by ../index.ts): many backtests of one strategy over one set of bars,
// statistics included, without leaving WASM. ABI:
//
//   sweepBarsBuffer(n) -> ptr        region for n bars: open, high, low, close, volume, time (n f64 each)
//   sweepPrepare(n) -> id | -1       after writing the bars (validated by the host: no NaN prices, finite
//                                    ascending times): derives the statistics' calendar and the instrument's log
//                                    returns, empties the indicator cache; returns an id (> 0) for these bars
//   sweepBarsId() -> id              the id of the bars prepared now (0 after sweepBarsBuffer, before prepare):
//                                    a host sharing the instance checks that its bars are still the prepared ones
//   sweepRun(strategyId, paramsPtr, nCombos, nParams, optionsPtr, outPtr) -> failed combinations, or -code
//     paramsPtr:  nCombos rows of nParams f64 (the strategy's parameters, as runCompat takes them)
//     optionsPtr: sweepOptionCount() f64 — runCompat's 9 options, then the annual risk-free rate in (-1, 1)
//     outPtr:     nCombos rows of statsSlots() f64, in stats/layout.ts order; a failed combination's row is NaN
//     -1 not prepared, -2 invalid options / counts, -3 unknown strategy (nothing run then)
//   After a sweep with failures: sweepFirstFailure() (lowest failing combination), sweepFailureCode() (the
//   compat error code, compat/errors.ts) and sweepFailureValue(k), k in 0..2 (the numbers of its message).
//   Buffers the host passes (params, options, out) may live in `scratch`: a sweep does not use it.
import { barsBuffer, barsId, prepareBars } from "./dataset";
import { failureA, failureB, failureC, failureCode, firstFailure, sweepCombinations, SWEEP_OPTION_COUNT } from "./run";

export function sweepBarsBuffer(n: i32): usize {
  return barsBuffer(n);
}

export function sweepPrepare(n: i32): i32 {
  return prepareBars(n);
}

export function sweepBarsId(): i32 {
  return barsId;
}

export function sweepRun(strategyId: i32, paramsPtr: usize, nCombos: i32, nParams: i32, optionsPtr: usize, outPtr: usize): i32 {
  return sweepCombinations(strategyId, paramsPtr, nCombos, nParams, optionsPtr, outPtr);
}

export function sweepOptionCount(): i32 {
  return SWEEP_OPTION_COUNT;
}

export function sweepFirstFailure(): i32 {
  return firstFailure;
}

export function sweepFailureCode(): i32 {
  return failureCode;
}

export function sweepFailureValue(k: i32): f64 {
  return k == 0 ? failureA : k == 1 ? failureB : failureC;
}
