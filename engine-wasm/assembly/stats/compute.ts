// backtesting.py's `compute_stats` over flat buffers: the twin of src/core/stats/compute.ts, the same arithmetic
// in the same order, so that the two agree to the last bit wherever they do the same arithmetic. They can differ
// only where a transcendental function (log, exp, pow) is rounded differently by AssemblyScript's Math and V8's.
// For speed (a sweep computes thousands of tables) the per-bar loops are fused into one scan of the equity
// (drawdown.ts), what depends only on the bars is prepared once (dataset.ts), and a logarithm needed twice is
// taken once; none of that changes a value.
import { ld, st, workspace } from "./memory";
import {
  SLOT_ALPHA_PCT, SLOT_AVG_DRAWDOWN_DURATION_DAYS, SLOT_AVG_DRAWDOWN_PCT, SLOT_AVG_TRADE_DURATION_DAYS,
  SLOT_AVG_TRADE_PCT, SLOT_BEST_TRADE_PCT, SLOT_BETA, SLOT_BUY_HOLD_RETURN_PCT, SLOT_CAGR_PCT, SLOT_CALMAR_RATIO,
  SLOT_COMMISSIONS, SLOT_DURATION_DAYS, SLOT_END, SLOT_EQUITY_FINAL, SLOT_EQUITY_PEAK, SLOT_EXPECTANCY_PCT,
  SLOT_EXPOSURE_TIME_PCT, SLOT_KELLY_CRITERION, SLOT_MAX_DRAWDOWN_DURATION_DAYS, SLOT_MAX_DRAWDOWN_PCT,
  SLOT_MAX_TRADE_DURATION_DAYS, SLOT_PROFIT_FACTOR, SLOT_RETURN_ANN_PCT, SLOT_RETURN_PCT, SLOT_SHARPE_RATIO,
  SLOT_SORTINO_RATIO, SLOT_SQN, SLOT_START, SLOT_TRADES, SLOT_VOLATILITY_ANN_PCT, SLOT_WIN_RATE_PCT,
  SLOT_WORST_TRADE_PCT,
} from "./layout";
import { ceilDuration } from "./calendar";
import { MS_PER_DAY } from "../time";
import { StatsDataset } from "./dataset";
import {
  barReturnCount, barReturnsExact, barReturnsHitZero, ddMax, episodeCount, equityHasNaN, equityPeak, rawDrawdowns,
  scanBarEquity, scanEquity,
} from "./drawdown";
import { sumCoDev, sumDownSq, sumR, sumsOfDeviations, sumsOfReturns, sumSqDev, sumX } from "./fused-sums";
import { geometricMean, periodReturns } from "./returns";
import { maxOf, mean, minOf, sum, sumOf, TERM_CO_DEV, TERM_DOWNSIDE_SQ, variance } from "./summation";

/** Python's `x or nan` for a float divisor: zero becomes NaN. */
// @ts-ignore: decorator
@inline function orNaN(x: f64): f64 {
  return x == 0 ? NaN : x;
}

/** Duration in ms rounded up to the data's resolution, in days; NaN stays NaN. */
// @ts-ignore: decorator
@inline function toDays(ms: f64, unitMs: f64): f64 {
  return isNaN(ms) ? NaN : ceilDuration(ms, unitMs) / MS_PER_DAY;
}

/** time[bar], NaN when `bar` is not a bar index (as reading past a Float64Array gives undefined). */
function timeAtBar(time: usize, n: i32, bar: f64): f64 {
  return bar >= 0 && bar < <f64>n && bar == Math.floor(bar) ? ld(time, <i32>bar) : NaN;
}

/** Copies the values of `src` (n f64) that are > 0 (sign 1) or < 0 (sign -1) to `dst`; returns how many. */
function keepSign(src: usize, n: i32, sign: i32, dst: usize): i32 {
  let m = 0;
  for (let k = 0; k < n; k++) {
    const v = ld(src, k);
    if (sign > 0 ? v > 0 : v < 0) st(dst, m++, v);
  }
  return m;
}

/** The dataset of one-off calls (statsCompute, statsComputeColumns): prepared afresh for each call. */
const oneOff = new StatsDataset();

/**
 * Computes every statistic into `out` (STATS_SLOTS f64, order in layout.ts). Callable from other engine code as
 * well as through exports.ts; a sweep prepares its StatsDataset once and calls computeRunStats instead.
 * equity, time, close: n f64 each (time: finite epoch ms, ascending). firstTradingBar: buy & hold is measured from
 * its close. riskFreeRate: annual, a fraction in (-1, 1).
 * Closed trades, in closing order: one f64 column of nTrades values per field (bars as whole numbers). entryTime
 * and exitTime may be 0 (no column): a trade's times are then time[entryBar] and time[exitBar], which is what the
 * backtester records, so an engine can pass its own trade table without writing time columns.
 * Returns 0, or -1 when the arguments are invalid (nothing written then). Intermediates live in the module's
 * reusable workspace; the inputs are only read.
 */
export function computeCompatStats(
  equity: usize, time: usize, close: usize, n: i32, firstTradingBar: i32, riskFreeRate: f64,
  nTrades: i32, entryBars: usize, exitBars: usize, pl: usize, tradeRets: usize, tradeComm: usize,
  entryTimes: usize, exitTimes: usize, out: usize,
): i32 {
  if (!validStatsArguments(n, firstTradingBar, riskFreeRate, nTrades)) return -1;
  oneOff.prepare(time, close, n);
  computeRunStats(
    oneOff, equity, firstTradingBar, riskFreeRate, nTrades, entryBars, exitBars, pl, tradeRets, tradeComm,
    entryTimes, exitTimes, out,
  );
  return 0;
}

export function validStatsArguments(n: i32, firstTradingBar: i32, riskFreeRate: f64, nTrades: i32): bool {
  return n > 0 && firstTradingBar >= 0 && firstTradingBar < n && nTrades >= 0 && riskFreeRate > -1 && riskFreeRate < 1;
}

/**
 * The statistics of one run over a prepared dataset (its n bars, times and closes); arguments already valid
 * (validStatsArguments). Same inputs and output as computeCompatStats otherwise.
 */
export function computeRunStats(
  ds: StatsDataset, equity: usize, firstTradingBar: i32, riskFreeRate: f64,
  nTrades: i32, entryBars: usize, exitBars: usize, pl: usize, tradeRets: usize, tradeComm: usize,
  entryTimes: usize, exitTimes: usize, out: usize,
): void {
  const rf = riskFreeRate;
  const n = ds.n;
  const time = ds.time;
  const close = ds.close;
  const nf = <f64>n;
  const durationUnit = ds.durationUnit;

  // ---- workspace: 6n + 3 nTrades f64, n i32, then n marker bytes ----
  const cells: usize = <usize>n * 6 + <usize>nTrades * 3;
  const ws = workspace((cells << 3) + (<usize>n << 2) + (<usize>n));
  const dd = ws;
  const epDur = dd + (<usize>n << 3);
  const epPeak = epDur + (<usize>n << 3);
  const rets = epPeak + (<usize>n << 3);
  const xs = rets + (<usize>n << 3);
  const logs = xs + (<usize>n << 3);
  const tradeDur = logs + (<usize>n << 3);
  const tradeTmp = tradeDur + (<usize>nTrades << 3);
  const tradeLogs = tradeTmp + (<usize>nTrades << 3);
  const retBars = tradeLogs + (<usize>nTrades << 3);
  const marks = retBars + (<usize>n << 2);

  // ---- equity: drawdowns and their episodes, the peak, log returns (and period returns), in one scan ----
  const m = n - 1;
  const oneBarPerBin = ds.oneBarPerBin;
  // The usual case (each bar its own period, finite equity, exact returns) takes a lighter pass, and its per-bar
  // sums are taken two traversals at a time (fused-sums.ts); the same values either way.
  const usual = oneBarPerBin && n > 2 && scanBarEquity(equity, time, n, epDur, epPeak, xs, rets);
  if (!usual) scanEquity(equity, time, n, dd, epDur, epPeak, n > 2, xs, oneBarPerBin, rets, retBars);
  let episodes = episodeCount;
  let peaks = epPeak;
  const rawFallback = episodes == 0;
  if (rawFallback) {
    episodes = rawDrawdowns(dd, n, epDur);
    peaks = epDur;
  }

  // Bars inside any trade. A trade marks the integer bars from its entry to its exit within [0, n), exactly the
  // writes that land in the TypeScript module's Uint8Array (non-integer entries mark nothing there either).
  memory.fill(marks, 0, <usize>n);
  for (let t = 0; t < nTrades; t++) {
    const e = ld(entryBars, t);
    if (e != Math.floor(e)) continue;
    const lo = Math.max(e, 0);
    const hi = Math.min(Math.floor(ld(exitBars, t)), nf - 1);
    if (!(lo <= hi)) continue;
    memory.fill(marks + <usize><i32>lo, 1, <usize>(<i32>hi - <i32>lo + 1));
  }
  // Marks are 0 or 1 per byte: the population count of eight of them is how many are set.
  let exposed = 0;
  let k8 = 0;
  for (; k8 + 8 <= n; k8 += 8) exposed += <i32>popcnt<u64>(load<u64>(marks + <usize>k8));
  for (; k8 < n; k8++) exposed += <i32>load<u8>(marks + <usize>k8);

  const eq0 = ld(equity, 0);
  const equityFinal = ld(equity, n - 1);

  let commissions: f64 = 0;
  for (let t = 0; t < nTrades; t++) commissions += ld(tradeComm, t);

  const returnPct = ((equityFinal - eq0) / eq0) * 100;
  const c0 = ld(close, firstTradingBar);
  const buyHoldPct = ((ld(close, n - 1) - c0) / c0) * 100;

  // ---- the equity's log returns (xs, from scanEquity), for beta and the geometric mean of one-bar periods ----
  if (usual) sumsOfReturns(xs, rets, m);
  const sumXs = usual ? sumX : n > 2 ? sum(xs, m) : NaN;

  // ---- annualised risk and return, from returns over calendar periods ----
  const N = ds.periodsPerYear;
  const barReturns = oneBarPerBin && !equityHasNaN;
  const nRets = barReturns ? barReturnCount : periodReturns(equity, changetype<usize>(ds.binStart), n, rets, retBars);
  let g: f64;
  if (barReturns && n > 2 && nRets == m && barReturnsExact) {
    // Each log(1 + r) is then xs[k] itself, so their pairwise sum is the one just taken.
    g = barReturnsHitZero ? 0 : Math.exp(sumXs / <f64>nRets) - 1;
  } else {
    g = n > 2 ? geometricMean(rets, nRets, logs, retBars, xs) : geometricMean(rets, nRets, logs, 0, 0);
  }
  const annualized = Math.pow(1 + g, N) - 1;
  const returnAnnPct = annualized * 100;
  // variance(rets, nRets, 1) and beta's covariance sum, from one traversal in the usual case (nRets == m >= 2).
  if (usual) {
    sumsOfDeviations(rets, sumR / <f64>nRets, xs, changetype<usize>(ds.closeLogs), sumXs / <f64>m, ds.closeLogMean, m);
  }
  const retsVariance = usual ? sumSqDev / <f64>(nRets - 1) : variance(rets, nRets, 1);
  const volAnnPct = Math.sqrt(Math.pow(retsVariance + Math.pow(1 + g, 2), N) - Math.pow(1 + g, 2 * N)) * 100;

  const years = ds.years;
  const cagrPct = years == years && years != 0 ? (Math.pow(equityFinal / eq0, 1 / years) - 1) * 100 : NaN;

  const sharpe = (returnAnnPct - rf * 100) / orNaN(volAnnPct);
  const downsideSum = usual ? sumDownSq : nRets == 0 ? NaN : sumOf(TERM_DOWNSIDE_SQ, rets, 0, 0, 0, nRets);
  const downsideMean = nRets == 0 ? NaN : downsideSum / <f64>nRets;
  const sortino = (annualized - rf) / (Math.sqrt(downsideMean) * Math.sqrt(N));

  const maxDd = -(isNaN(ddMax) ? 0 : ddMax);
  const calmar = annualized / orNaN(-maxDd);

  // ---- beta against the instrument, on log returns (the instrument's side is the dataset's) ----
  let beta: f64 = NaN;
  if (n > 2) {
    const mx = sumXs / <f64>m;
    const ys = changetype<usize>(ds.closeLogs);
    const coDev = usual ? sumCoDev : sumOf(TERM_CO_DEV, xs, ys, mx, ds.closeLogMean, m);
    beta = (coDev * ds.covScale) / ds.closeLogVar;
  }
  const alphaPct = returnPct - rf * 100 - beta * (buyHoldPct - rf * 100);

  // Durations are rounded up to the data's resolution; backtesting.py's fallback reports raw values as is.
  const ddDurMax = maxOf(epDur, episodes);
  const ddDurMean = episodes == 0 ? NaN : sum(epDur, episodes) / <f64>episodes;
  const peakMean = episodes == 0 ? NaN : sum(peaks, episodes) / <f64>episodes;
  const maxDdDuration = rawFallback ? ddDurMax : toDays(ddDurMax, durationUnit);
  const avgDdDuration = rawFallback ? ddDurMean : toDays(ddDurMean, durationUnit);

  // ---- trades ----
  const nt = <f64>nTrades;
  for (let t = 0; t < nTrades; t++) {
    const entry = entryTimes != 0 ? ld(entryTimes, t) : timeAtBar(time, n, ld(entryBars, t));
    const exit = exitTimes != 0 ? ld(exitTimes, t) : timeAtBar(time, n, ld(exitBars, t));
    st(tradeDur, t, exit - entry);
  }
  let wins = 0;
  for (let t = 0; t < nTrades; t++) if (ld(pl, t) > 0) wins++;
  const winRate = nTrades != 0 ? <f64>wins / nt : NaN;

  const gainSum = sum(tradeTmp, keepSign(tradeRets, nTrades, 1, tradeTmp));
  const lossSum = sum(tradeTmp, keepSign(tradeRets, nTrades, -1, tradeTmp));
  const profitFactor = gainSum / orNaN(Math.abs(lossSum));
  const sqn = (Math.sqrt(nt) * mean(pl, nTrades)) / orNaN(Math.sqrt(variance(pl, nTrades, 1)));
  const avgWin = mean(tradeTmp, keepSign(pl, nTrades, 1, tradeTmp));
  const avgLoss = mean(tradeTmp, keepSign(pl, nTrades, -1, tradeTmp));
  const kelly = winRate - (1 - winRate) / (avgWin / -avgLoss);

  st(out, SLOT_START, ld(time, 0));
  st(out, SLOT_END, ld(time, n - 1));
  st(out, SLOT_DURATION_DAYS, ds.durMs / MS_PER_DAY);
  st(out, SLOT_EXPOSURE_TIME_PCT, (<f64>exposed / nf) * 100);
  st(out, SLOT_EQUITY_FINAL, equityFinal);
  st(out, SLOT_EQUITY_PEAK, equityPeak);
  st(out, SLOT_COMMISSIONS, commissions);
  st(out, SLOT_RETURN_PCT, returnPct);
  st(out, SLOT_BUY_HOLD_RETURN_PCT, buyHoldPct);
  st(out, SLOT_RETURN_ANN_PCT, returnAnnPct);
  st(out, SLOT_VOLATILITY_ANN_PCT, volAnnPct);
  st(out, SLOT_CAGR_PCT, cagrPct);
  st(out, SLOT_SHARPE_RATIO, sharpe);
  st(out, SLOT_SORTINO_RATIO, sortino);
  st(out, SLOT_CALMAR_RATIO, calmar);
  st(out, SLOT_ALPHA_PCT, alphaPct);
  st(out, SLOT_BETA, beta);
  st(out, SLOT_MAX_DRAWDOWN_PCT, maxDd * 100);
  st(out, SLOT_AVG_DRAWDOWN_PCT, -peakMean * 100);
  st(out, SLOT_MAX_DRAWDOWN_DURATION_DAYS, maxDdDuration);
  st(out, SLOT_AVG_DRAWDOWN_DURATION_DAYS, avgDdDuration);
  st(out, SLOT_TRADES, nt);
  st(out, SLOT_WIN_RATE_PCT, winRate * 100);
  st(out, SLOT_BEST_TRADE_PCT, maxOf(tradeRets, nTrades) * 100);
  st(out, SLOT_WORST_TRADE_PCT, minOf(tradeRets, nTrades) * 100);
  st(out, SLOT_AVG_TRADE_PCT, geometricMean(tradeRets, nTrades, tradeLogs, 0, 0) * 100);
  st(out, SLOT_MAX_TRADE_DURATION_DAYS, toDays(maxOf(tradeDur, nTrades), durationUnit));
  st(out, SLOT_AVG_TRADE_DURATION_DAYS, toDays(mean(tradeDur, nTrades), durationUnit));
  st(out, SLOT_PROFIT_FACTOR, profitFactor);
  st(out, SLOT_EXPECTANCY_PCT, mean(tradeRets, nTrades) * 100);
  st(out, SLOT_SQN, sqn);
  st(out, SLOT_KELLY_CRITERION, kelly);
}
