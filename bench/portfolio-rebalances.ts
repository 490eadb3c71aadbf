// The 500-asset minimum-variance backtest of issue #12's speed target, as functions the benches call in Node and in
// a Chromium worker (tests/browser/portfolio/worker.ts): every `every` bars, Ledoit–Wolf on the last `window` returns
// (X'X by the given kernel), long-only minimum variance warm-started from the previous rebalance's holdings, and the
// target weights as lab-engine rebalances; then the lab engine run on them. Timing uses performance.now(), which
// is bench code's business only: nothing timed decides a number.
import type { LabConfigInput, LabResult, LabTimeline, RebalanceInput } from '../src/core/lab';
import type { SquareMatrix } from '../src/core/portfolio/square-matrix';
import { heldAssets, warmMinVariance } from '../src/core/portfolio/warm-min-variance';
import type { CrossProductKernel } from '../src/core/risk/cross-product-kernel';
import { ledoitWolf } from '../src/core/risk/ledoit-wolf';
import { returnsFromCloses } from '../src/core/risk/returns-matrix';

export const LOOKBACK = 252;
export const MONTH = 21;
export const REBALANCES = 120;
/** Bars of the generated universe: one lookback of history, then 120 months (ten years of 252 days). */
export const BACKTEST_BARS = LOOKBACK + 1 + REBALANCES * MONTH;

export interface RebalanceLoop {
  rebalances: RebalanceInput[];
  /** Milliseconds spent in returns + Ledoit–Wolf, and in the optimizer, over all rebalances. */
  covarianceMs: number;
  optimizerMs: number;
  /** Assets held at each rebalance. */
  held: number[];
}

const closesOf = (tl: LabTimeline) => {
  const t = tl.time.length;
  return tl.instruments.map((_, i) => tl.close.subarray(i * t, (i + 1) * t));
};

/** The bars after which the rebalances are decided: one per month after the lookback (at most `count`). */
function rebalanceEnds(tl: LabTimeline, count: number): number[] {
  const ends: number[] = [];
  for (let end = LOOKBACK + 1; ends.length < count && end <= tl.time.length; end += MONTH) ends.push(end);
  return ends;
}

/**
 * The annualised Ledoit–Wolf covariance of the returns of bars [end − LOOKBACK − 1, end), annualised in place (the
 * bits of `scaled`, without a fresh 2 MB buffer whose pages fault in, ~9 ms in a Chromium worker).
 */
function covarianceAt(closes: readonly Float64Array[], end: number, kernel: CrossProductKernel): SquareMatrix {
  const cov = ledoitWolf(returnsFromCloses(closes, end - LOOKBACK - 1, end), kernel).cov;
  for (let k = 0; k < cov.data.length; k++) cov.data[k] *= 252;
  return cov;
}

/** The covariance step of every rebalance alone (a bench splits the loop's time with it); returns the last trace. */
export function rebalanceCovariances(tl: LabTimeline, kernel: CrossProductKernel, count = REBALANCES): number {
  const closes = closesOf(tl);
  let trace = 0;
  for (const end of rebalanceEnds(tl, count)) {
    const cov = covarianceAt(closes, end, kernel);
    trace = 0;
    for (let i = 0; i < cov.n; i++) trace += cov.data[i * cov.n + i];
  }
  return trace;
}

/** Target weights decided at the close of bar end − 1 from the returns of bars [end − LOOKBACK − 1, end). */
export function minVarianceRebalances(tl: LabTimeline, kernel: CrossProductKernel, count = REBALANCES): RebalanceLoop {
  const closes = closesOf(tl);
  const loop: RebalanceLoop = { rebalances: [], covarianceMs: 0, optimizerMs: 0, held: [] };
  let previous: number[] = [];
  for (const end of rebalanceEnds(tl, count)) {
    const t0 = performance.now();
    const cov = covarianceAt(closes, end, kernel);
    const t1 = performance.now();
    const result = warmMinVariance({ cov, longOnly: true }, previous);
    loop.optimizerMs += performance.now() - t1;
    loop.covarianceMs += t1 - t0;
    previous = heldAssets(result);
    loop.held.push(previous.length);
    const weights: Record<string, number> = {};
    for (const i of previous) weights[tl.instruments[i]] = result.weights[i];
    loop.rebalances.push({ timestamp: tl.time[end - 1], weights });
  }
  return loop;
}

/** The lab engine's cash account for the backtest: enough cash that whole shares track 500 small weights. */
export const BACKTEST_CONFIG: LabConfigInput = { cash: 100_000_000, commission: { relative: 0.0005 } };

export interface BacktestFigures extends Omit<RebalanceLoop, 'rebalances'> {
  rebalanceCount: number;
  engineMs: number;
  totalMs: number;
  finalNav: number;
  fills: number;
}

/**
 * Rebalances, then the lab engine over the whole timeline (`runLab` or an engine's `runLabWasm`). When the portfolio
 * pipeline runs such specs as experiments, its end-to-end call replaces this one in the benches.
 */
export function minVarianceBacktest(
  tl: LabTimeline,
  kernel: CrossProductKernel,
  runLab: (tl: LabTimeline, config: LabConfigInput, sources: { rebalances: RebalanceInput[] }) => LabResult,
): BacktestFigures {
  const t0 = performance.now();
  const { rebalances, ...loop } = minVarianceRebalances(tl, kernel);
  const t1 = performance.now();
  const result = runLab(tl, BACKTEST_CONFIG, { rebalances });
  const t2 = performance.now();
  return {
    ...loop,
    rebalanceCount: rebalances.length,
    engineMs: t2 - t1,
    totalMs: t2 - t0,
    finalNav: result.nav[result.nav.length - 1],
    fills: result.fills.bar.length,
  };
}
