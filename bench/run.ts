// Benchmarks, measured in one process run and reported as ratios: the WASM engine against its TypeScript
// reference on the full backtest loop (10M synthetic bars), a 1,000-combination sma-cross sweep over GOOG with
// statistics (per-run facades, the sweep API on one thread and on a worker pool, the TS reference), and peak memory
// (of this process: the pool's workers are threads of it). Run with `npm run bench`.
//
// Memory: the 10M bars live once, in the engine's memory (EngineBars), and every run — WASM and the TS reference —
// reads them in place; garbage is collected between sections so each section's peak is its own.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Rng } from '../src/core/rng';
import { runBacktest, SmaCross, type Bars, type BacktestOptionsInput } from '../src/core/compat';
import { computeStats } from '../src/core/stats';
import { loadOhlcvCsv } from '../src/core/csv/load-ohlcv-csv';
import { loadNodeEngines } from '../src/adapters/node/engine-loader';
import { NodeSweepPool } from '../src/adapters/node/sweep-pool';
import { readFileSync } from 'node:fs';
import { sharedDataPath } from '../tests/helpers/shared-data';
import { differingCombinations, runCBaseline } from './c-baseline';
import { MS_PER_DAY } from '../src/core/domain/time';

const BARS = Number(process.env.BENCH_BARS ?? 10_000_000);
const SWEEP = 1000;
const REPEATS = 3;
/** The sweep section is short (a fraction of a second per repeat): more repeats steady it on a shared machine. */
const SWEEP_REPEATS = 5;

let peakRss = 0;
let sectionPeak = 0;
const sampleMemory = () => {
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  sectionPeak = Math.max(sectionPeak, rss);
};
// A full collection between sections (the flag is set at run time so `npm run bench` needs no node option).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const sectionPeaks: [string, number][] = [];
/** Ends a section: records its peak, then collects its garbage so the next section starts from what is live. */
const endSection = async (label: string) => {
  sampleMemory();
  sectionPeaks.push([label, sectionPeak]);
  await settleMemory();
  sectionPeak = process.memoryUsage().rss;
};

/** A seeded random walk with valid OHLC bars (daily timestamps), written into `b`'s columns. */
function fillSyntheticBars(b: Bars): Bars {
  const rng = new Rng(12345);
  const { time, open, high, low, close, volume } = b;
  const n = close.length;
  let p = 100;
  for (let i = 0; i < n; i++) {
    const o = p;
    p *= 1 + (rng.nextFloat() - 0.5) * 0.02;
    time[i] = Date.UTC(1990, 0, 1) + i * MS_PER_DAY;
    open[i] = o;
    close[i] = p;
    high[i] = Math.max(o, p) * (1 + rng.nextFloat() * 0.005);
    low[i] = Math.min(o, p) * (1 - rng.nextFloat() * 0.005);
    volume[i] = 1000;
  }
  return b;
}

/**
 * A full collection, then a pause for V8 to hand the freed array buffers back (it frees their memory on a
 * background thread after the collection), then another collection.
 */
async function settleMemory(): Promise<void> {
  collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, 100));
  collectGarbage();
}

/**
 * Best of the repeats' wall times, in seconds (an async `fn` is awaited inside the timing). With `collect`, each
 * repeat's garbage is collected outside the timing, so repeats of a large run do not pile up.
 */
async function best(fn: () => unknown, { repeats = REPEATS, collect = false } = {}): Promise<number> {
  let t = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await fn();
    t = Math.min(t, (performance.now() - t0) / 1000);
    sampleMemory();
    if (collect) await settleMemory();
  }
  return t;
}

const fmt = (x: number, digits = 1) => x.toLocaleString('en-US', { maximumFractionDigits: digits });
const row = (label: string, value: string) => console.log(`  ${label.padEnd(34)}${value}`);

const engine = await loadNodeEngines();
const options: BacktestOptionsInput = { cash: 10_000, commission: 0.002, exclusiveOrders: true };

// 1. Full engine loop (backtesting.py profile), sma-cross 10/50. The bars are made in the engine's memory; the TS
// reference reads the same columns. It runs first, before the engine's own per-bar tables exist.
const bars = fillSyntheticBars(engine.compat.allocateBars(BARS));
sampleMemory();
const tTs = await best(() => runBacktest(bars, new SmaCross({ fast: 10, slow: 50 }), options), { collect: true });
const tWasm = await best(() => engine.compat.run(bars, { name: 'sma-cross', params: { fast: 10, slow: 50 } }, options), { collect: true });
await endSection('1. full backtest loop');
console.log(`Full backtest loop, sma-cross 10/50, ${fmt(BARS, 0)} synthetic bars (best of ${REPEATS})`);
row('WASM engine', `${fmt(BARS / tWasm / 1e6, 2)} M bars/s`);
row('TS reference', `${fmt(BARS / tTs / 1e6, 2)} M bars/s`);
row('ratio WASM / TS', `${fmt(tTs / tWasm, 2)}×  (target ≥ 1.5×)`);

// 2. Sweep over GOOG, statistics included.
const goog = loadOhlcvCsv(readFileSync(sharedDataPath('GOOG.csv'), 'utf8'), { source: 'GOOG.csv' }).table;
const gb: Bars = { time: goog.timestamp, open: goog.open, high: goog.high, low: goog.low, close: goog.close, volume: goog.volume };
const combos: { fast: number; slow: number }[] = [];
for (let fast = 2; combos.length < SWEEP; fast++)
  for (let slow = fast + 2; slow <= fast + 41 && combos.length < SWEEP; slow++) combos.push({ fast, slow });
const tSweepWasm = await best(
  () => {
    for (const p of combos) {
      const r = engine.compat.run(gb, { name: 'sma-cross', params: p }, options);
      engine.stats.computeStats({ equity: r.equity, time: gb.time, close: gb.close, trades: r.trades, firstTradingBar: r.firstTradingBar });
    }
  },
  { repeats: SWEEP_REPEATS },
);
const tSweepTs = await best(
  () => {
    for (const p of combos) {
      const r = runBacktest(gb, new SmaCross(p), options);
      computeStats({ equity: r.equity, time: gb.time, close: gb.close, trades: r.trades, firstTradingBar: r.firstTradingBar });
    }
  },
  { repeats: SWEEP_REPEATS },
);
// The sweep API: bars prepared once, every run and its statistics inside WASM; then the same across workers.
engine.sweep.prepare(gb);
let sweepStats: Float64Array = new Float64Array(0);
const tSweepApi = await best(
  () => {
    sweepStats = engine.sweep.run('sma-cross', combos, options).stats;
  },
  { repeats: SWEEP_REPEATS },
);
const pool = await NodeSweepPool.create();
await pool.prepare(gb);
let poolStats: Float64Array = new Float64Array(0);
const tPool = await best(
  async () => {
    poolStats = (await pool.run('sma-cross', combos, options)).stats;
  },
  { repeats: SWEEP_REPEATS },
);
await pool.close();
if (Buffer.compare(Buffer.from(poolStats.buffer), Buffer.from(sweepStats.buffer)) !== 0) throw new Error('worker pool and sweep API disagree');
console.log(`Sweep, ${SWEEP} sma-cross combinations over GOOG (${gb.close.length} bars), statistics included (best of ${SWEEP_REPEATS})`);
row('WASM run + WASM stats, per run', `${fmt(SWEEP / tSweepWasm, 0)} runs/s  (the facades, one call each)`);
row('sweep API, 1 thread', `${fmt(SWEEP / tSweepApi, 0)} runs/s  (target ≥ 10,000)`);
row(`sweep API, ${pool.size} workers`, `${fmt(SWEEP / tPool, 0)} runs/s  (target ≥ 10,000)`);
row('TS reference + TS stats', `${fmt(SWEEP / tSweepTs, 0)} runs/s`);
row('ratio sweep API / per-run WASM', `${fmt(tSweepWasm / tSweepApi, 2)}×  (workers: ${fmt(tSweepWasm / tPool, 2)}×)`);
row('ratio per-run WASM / TS', `${fmt(tSweepTs / tSweepWasm, 2)}×`);
// The plain-C yardstick (bench/c/sma-sweep.c): the same combinations and fill rules, but only the equity curve,
// return, max drawdown and a simple Sharpe ratio, where the engine computes the full metrics table (32 values).
const cSweep = runCBaseline(gb.open, gb.close, combos, SWEEP_REPEATS);
if ('skipped' in cSweep) {
  row('plain C, 1 core', `skipped: ${cSweep.skipped}`);
} else {
  const differ = differingCombinations(cSweep, engine.sweep.run('sma-cross', combos, options));
  const check = differ === 0 ? "equity, return and drawdown equal the engine's" : `${differ} combinations differ from the engine`;
  row('plain C (cc -O2), 1 core', `${fmt(cSweep.runsPerSecond, 0)} runs/s  (equity + 3 statistics; ${check})`);
  row('WASM per worker', `${fmt(SWEEP / tSweepApi, 0)} runs/s on 1 thread, ${fmt(SWEEP / tPool / pool.size, 0)} on each of ${pool.size} workers`);
  row('ratio WASM / C per core', `${fmt(SWEEP / tSweepApi / cSweep.runsPerSecond, 2)}×  (target ≥ 0.5×, full statistics)`);
}

await endSection('2. sweep');

const MiB = 2 ** 20;
const barBytes = BARS * 6 * 8;
console.log(
  `Peak resident memory ${fmt(peakRss / MiB, 0)} MiB for ${fmt(barBytes / MiB, 0)} MiB of bars: ${fmt(peakRss / barBytes, 2)}× (target ≤ 2×)`,
);
for (const [label, peak] of sectionPeaks) row(`  peak in ${label}`, `${fmt(peak / MiB, 0)} MiB`);
