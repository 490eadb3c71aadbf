// One sweep: every parameter combination run over the prepared bars, its statistics written straight from the
// backtester's result columns to the output matrix. A combination's row depends only on the bars, the options and
// its parameters (the broker, the registry and the statistics' workspace are reset for each run, cached
// indicator series are the ones a plain run computes), so rows are the same in any order and any split.
import { setBars } from "../compat/bars";
import { equity } from "../compat/broker";
import { errorA, errorB, errorC, errorCode } from "../compat/errors";
import { closedTable, CLOSED_COMMISSIONS, CLOSED_ENTRY_BAR, CLOSED_EXIT_BAR, CLOSED_PNL, CLOSED_RETURN_PCT, firstTradingBar } from "../compat/result";
import { runOnBars, validRunArguments, OPTION_COUNT } from "../compat/run";
import { seriesCacheActive, seriesCacheNextRun } from "../compat/series-cache";
import { isKnownStrategy } from "../compat/strategies";
import { computeRunStats } from "../stats/compute";
import { STATS_SLOTS } from "../stats/layout";
import { barsData, preparedBars, statsDataset } from "./dataset";

/** The sweep's options block: the backtester's (compat/run.ts), then the statistics' annual risk-free rate. */
export const OPT_RISK_FREE_RATE: i32 = OPTION_COUNT;
export const SWEEP_OPTION_COUNT: i32 = OPTION_COUNT + 1;

/** Whole-sweep argument errors (returned negated by sweepRun; nothing is run then). */
export const SWEEP_NOT_PREPARED: i32 = 1;
export const SWEEP_BAD_ARGUMENTS: i32 = 2;
export const SWEEP_UNKNOWN_STRATEGY: i32 = 3;

/** Failures of the last sweep: how many, and the one of the lowest combination index, with its error record. */
export let failureCount: i32 = 0;
export let firstFailure: i32 = -1;
export let failureCode: i32 = 0;
export let failureA: f64 = NaN;
export let failureB: f64 = NaN;
export let failureC: f64 = NaN;

/**
 * Run combinations [0, nCombos) of strategy `strategyId`: combination c's nParams f64 parameters at
 * paramsPtr + c·nParams·8, its STATS_SLOTS statistics to outPtr + c·STATS_SLOTS·8 (layout.ts order; NaN when the
 * run failed). Returns the number of failed combinations, or a negated SWEEP_* code when the sweep as a whole is
 * invalid.
 */
export function sweepCombinations(
  strategyId: i32, paramsPtr: usize, nCombos: i32, nParams: i32, optionsPtr: usize, outPtr: usize,
): i32 {
  failureCount = 0;
  firstFailure = -1;
  failureCode = 0;
  failureA = NaN;
  failureB = NaN;
  failureC = NaN;
  const n = preparedBars;
  if (n <= 0) return -SWEEP_NOT_PREPARED;
  const rf = load<f64>(optionsPtr + (<usize>OPT_RISK_FREE_RATE << 3));
  if (nCombos < 0 || !validRunArguments(n, optionsPtr, nParams) || !(rf > -1 && rf < 1)) return -SWEEP_BAD_ARGUMENTS;
  if (!isKnownStrategy(strategyId)) return -SWEEP_UNKNOWN_STRATEGY;

  // The bars may have been replaced by a one-off run since the last sweep.
  setBars(barsData(), n);
  seriesCacheActive(true);
  const rowBytes = <usize>STATS_SLOTS << 3;
  for (let c = 0; c < nCombos; c++) {
    const row = outPtr + <usize>c * rowBytes;
    seriesCacheNextRun();
    const rc = runOnBars(optionsPtr, strategyId, paramsPtr + ((<usize>c * <usize>nParams) << 3), nParams);
    if (rc < 0) {
      recordFailure(c);
      for (let k = 0; k < STATS_SLOTS; k++) store<f64>(row + (<usize>k << 3), NaN);
      continue;
    }
    computeRunStats(
      statsDataset, changetype<usize>(equity), firstTradingBar, rf, rc,
      closedTable.columnPtr(CLOSED_ENTRY_BAR), closedTable.columnPtr(CLOSED_EXIT_BAR), closedTable.columnPtr(CLOSED_PNL),
      closedTable.columnPtr(CLOSED_RETURN_PCT), closedTable.columnPtr(CLOSED_COMMISSIONS), 0, 0, row,
    );
  }
  seriesCacheActive(false);
  return failureCount;
}

function recordFailure(c: i32): void {
  failureCount++;
  if (firstFailure >= 0 && firstFailure < c) return;
  firstFailure = c;
  failureCode = errorCode;
  failureA = errorA;
  failureB = errorB;
  failureC = errorC;
}
