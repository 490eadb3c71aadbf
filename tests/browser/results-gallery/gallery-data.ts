// Real results for the gallery, computed in the page: sample bars from the project's generator, the reference
// backtester with SmaCross, the compat statistics and the extended report. Nothing is fetched or bundled.
import { runBacktest, SmaCross, type Bars, type BacktestResult, type SmaCrossParams } from '../../../src/core/compat';
import type { OhlcvTable } from '../../../src/core/domain/ohlcv-table';
import { computeStats, type CompatStats } from '../../../src/core/stats';
import { deflatedSharpeOfBest, type DeflatedSharpe } from '../../../src/core/sweeps';
import { extendedReport, trialSharpeVariance, type ExtendedReport, type SweepTrials } from '../../../src/core/report';
import { generateOhlcv, generateSample, sampleParams } from '../../../src/core/sample';
import { buyHoldEquity } from '../../../src/ui/results/equity-curves';
import type { ComparisonRun, SweepRow } from '../../../src/ui/results/run-summary';

const OPTIONS = { cash: 10_000, commission: 0.001 };

export interface GalleryRun {
  label: string;
  params: SmaCrossParams;
  bars: OhlcvTable;
  result: BacktestResult;
  stats: CompatStats;
  report: ExtendedReport;
  buyHold: Float64Array;
}

function toBars(t: OhlcvTable): Bars {
  return { time: t.timestamp, open: t.open, high: t.high, low: t.low, close: t.close, volume: t.volume };
}

function statsOf(bars: OhlcvTable, result: BacktestResult): CompatStats {
  return computeStats({
    equity: result.equity,
    time: bars.timestamp,
    close: bars.close,
    trades: result.trades,
    firstTradingBar: result.firstTradingBar,
  });
}

export function runOne(bars: OhlcvTable, params: SmaCrossParams, trials?: SweepTrials): GalleryRun {
  const result = runBacktest(toBars(bars), new SmaCross(params), OPTIONS);
  const stats = statsOf(bars, result);
  const report = extendedReport({
    equity: result.equity,
    time: bars.timestamp,
    tradeReturns: Float64Array.from(result.trades, (t) => t.returnPct),
    trials,
  });
  const buyHold = buyHoldEquity(bars.close, OPTIONS.cash, result.firstTradingBar);
  return { label: `SMA ${params.fast}/${params.slow}`, params, bars, result, stats, report, buyHold };
}

export interface GallerySweep {
  paramNames: string[];
  rows: SweepRow[];
  trials: SweepTrials;
  best: GalleryRun;
  bestIndex: number;
  /** The note's figures, as the Sweeps view computes them (one Sharpe definition: the table's). */
  selection: DeflatedSharpe;
}

export const SWEEP_FAST = [5, 10, 15, 20, 30, 40, 50];
export const SWEEP_SLOW = [20, 30, 40, 60, 80, 100, 150, 200];

/** A small grid: every fast < slow (the other cells stay blank in the heatmap). */
export function sweep(bars: OhlcvTable): GallerySweep {
  const rows: SweepRow[] = [];
  for (const fast of SWEEP_FAST) {
    for (const slow of SWEEP_SLOW) {
      if (fast >= slow) continue;
      const result = runBacktest(toBars(bars), new SmaCross({ fast, slow }), OPTIONS);
      rows.push({ params: { fast, slow }, stats: statsOf(bars, result) });
    }
  }
  const sharpes = rows.map((r) => r.stats.sharpe_ratio ?? Number.NaN);
  let bestIndex = 0;
  sharpes.forEach((s, i) => {
    if (s > sharpes[bestIndex] || Number.isNaN(sharpes[bestIndex])) bestIndex = i;
  });
  const trials: SweepTrials = { count: rows.length, sharpeVariance: trialSharpeVariance(sharpes) ?? 0, units: 'annualized' };
  const p = rows[bestIndex].params;
  const best = runOne(bars, { fast: p.fast, slow: p.slow }, trials);
  const selection = deflatedSharpeOfBest(
    { equity: best.result.equity, time: bars.timestamp },
    { trials: rows.length, bestCombination: bestIndex, bestSharpe: sharpes[bestIndex], sharpeVariance: trialSharpeVariance(sharpes) },
  );
  return { paramNames: ['fast', 'slow'], rows, trials, best, bestIndex, selection };
}

export function comparisonRuns(runs: readonly GalleryRun[]): ComparisonRun[] {
  return runs.map((r) => ({ label: r.label, stats: r.stats, time: r.bars.timestamp, equity: r.result.equity }));
}

export interface GalleryData {
  main: GalleryRun;
  others: GalleryRun[];
  sweep: GallerySweep;
  large: GalleryRun;
  timings: Record<string, number>;
}

export function galleryData(): GalleryData {
  const timings: Record<string, number> = {};
  const time = <T>(name: string, f: () => T): T => {
    const t0 = performance.now();
    const out = f();
    timings[name] = Math.round(performance.now() - t0);
    return out;
  };
  const bars = time('sample', () => generateSample('synth-trend-equity'));
  const main = time('main run', () => runOne(bars, { fast: 20, slow: 100 }));
  const others = time('other runs', () => [runOne(bars, { fast: 10, slow: 30 }), runOne(bars, { fast: 50, slow: 150 })]);
  const s = time('sweep', () => sweep(bars));
  // 100k hourly bars: the decimation and virtual-scrolling stress case.
  const largeBars = time('large sample', () => generateOhlcv({ ...sampleParams('synth-fx-hourly'), bars: 100_000 }, 303));
  const large = time('large run', () => runOne(largeBars, { fast: 12, slow: 48 }));
  return { main, others, sweep: s, large, timings };
}
