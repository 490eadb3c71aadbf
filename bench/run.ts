// Benchmarks, measured in one process run and reported as ratios: the WASM engine against its TypeScript
// reference on the full backtest loop (10M synthetic bars), a 1,000-combination sma-cross sweep over GOOG with
// statistics (per-run facades, the sweep API on one thread and on a worker pool, the TS reference), the first
// SMA kernel, and peak memory (of this process: the pool's workers are threads of it). Run with `npm run bench`.
import { performance } from 'node:perf_hooks';
import { Rng } from '../src/core/rng';
import { smaCrossReference, type SmaCrossParams as KernelParams } from '../src/core/kernels/sma-cross';
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
const sampleMemory = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

/** A seeded random walk with valid OHLC bars (daily timestamps). */
function syntheticBars(n: number): Bars {
  const rng = new Rng(12345);
  const b: Bars = { time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  let p = 100;
  for (let i = 0; i < n; i++) {
    const o = p;
    p *= 1 + (rng.nextFloat() - 0.5) * 0.02;
    b.time[i] = Date.UTC(1990, 0, 1) + i * MS_PER_DAY;
    b.open[i] = o;
    b.close[i] = p;
    b.high[i] = Math.max(o, p) * (1 + rng.nextFloat() * 0.005);
    b.low[i] = Math.min(o, p) * (1 - rng.nextFloat() * 0.005);
    b.volume[i] = 1000;
  }
  return b;
}

/** Best of `repeats` wall times, in seconds. */
function best(fn: () => void, repeats = REPEATS): number {
  let t = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    fn();
    t = Math.min(t, (performance.now() - t0) / 1000);
    sampleMemory();
  }
  return t;
}

async function bestAsync(fn: () => Promise<unknown>, repeats = REPEATS): Promise<number> {
  let t = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await fn();
    t = Math.min(t, (performance.now() - t0) / 1000);
    sampleMemory();
  }
  return t;
}

const fmt = (x: number, digits = 1) => x.toLocaleString('en-US', { maximumFractionDigits: digits });
const row = (label: string, value: string) => console.log(`  ${label.padEnd(34)}${value}`);

const engine = await loadNodeEngines();
const options: BacktestOptionsInput = { cash: 10_000, commission: 0.002, exclusiveOrders: true };

// 1. Full engine loop (backtesting.py profile), sma-cross 10/50.
const bars = syntheticBars(BARS);
sampleMemory();
const tWasm = best(() => engine.compat.run(bars, { name: 'sma-cross', params: { fast: 10, slow: 50 } }, options));
const tTs = best(() => runBacktest(bars, new SmaCross({ fast: 10, slow: 50 }), options));
console.log(`Full backtest loop, sma-cross 10/50, ${fmt(BARS, 0)} synthetic bars (best of ${REPEATS})`);
row('WASM engine', `${fmt(BARS / tWasm / 1e6, 2)} M bars/s`);
row('TS reference', `${fmt(BARS / tTs / 1e6, 2)} M bars/s`);
row('ratio WASM / TS', `${fmt(tTs / tWasm, 2)}×  (target ≥ 1.5×)`);

// 2. Sweep over GOOG, statistics included.
const goog = loadOhlcvCsv(readFileSync(sharedDataPath('GOOG.csv'), 'utf8'), { source: 'GOOG.csv' }).table;
const gb: Bars = { time: goog.timestamp, open: goog.open, high: goog.high, low: goog.low, close: goog.close, volume: goog.volume };
const combos: { fast: number; slow: number }[] = [];
for (let fast = 2; combos.length < SWEEP; fast++) for (let slow = fast + 2; slow <= fast + 41 && combos.length < SWEEP; slow++) combos.push({ fast, slow });
const tSweepWasm = best(() => {
  for (const p of combos) {
    const r = engine.compat.run(gb, { name: 'sma-cross', params: p }, options);
    engine.stats.computeStats({ equity: r.equity, time: gb.time, close: gb.close, trades: r.trades, firstTradingBar: r.firstTradingBar });
  }
}, SWEEP_REPEATS);
const tSweepTs = best(() => {
  for (const p of combos) {
    const r = runBacktest(gb, new SmaCross(p), options);
    computeStats({ equity: r.equity, time: gb.time, close: gb.close, trades: r.trades, firstTradingBar: r.firstTradingBar });
  }
}, SWEEP_REPEATS);
// The sweep API: bars prepared once, every run and its statistics inside WASM; then the same across workers.
engine.sweep.prepare(gb);
let sweepStats: Float64Array = new Float64Array(0);
const tSweepApi = best(() => {
  sweepStats = engine.sweep.run('sma-cross', combos, options).stats;
}, SWEEP_REPEATS);
const pool = await NodeSweepPool.create();
await pool.prepare(gb);
let poolStats: Float64Array = new Float64Array(0);
const tPool = await bestAsync(async () => {
  poolStats = (await pool.run('sma-cross', combos, options)).stats;
}, SWEEP_REPEATS);
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
  const check = differ === 0 ? 'equity, return and drawdown equal the engine\'s' : `${differ} combinations differ from the engine`;
  row('plain C (cc -O2), 1 core', `${fmt(cSweep.runsPerSecond, 0)} runs/s  (equity + 3 statistics; ${check})`);
  row('WASM per worker', `${fmt(SWEEP / tSweepApi, 0)} runs/s on 1 thread, ${fmt(SWEEP / tPool / pool.size, 0)} on each of ${pool.size} workers`);
  row('ratio WASM / C per core', `${fmt(SWEEP / tSweepApi / cSweep.runsPerSecond, 2)}×  (target ≥ 0.5×, full statistics)`);
}

// 3. The first kernel (SMA crossover with seeded slippage), for continuity.
const kp: KernelParams = { fast: 10, slow: 50, cash: 10_000, commission: 0.001, slippageBps: 2, seed: 7 };
const tkWasm = best(() => engine.kernel.smaCross(bars.open, bars.close, kp));
const tkTs = best(() => smaCrossReference(bars.open, bars.close, kp));
console.log(`SMA kernel with seeded slippage, ${fmt(BARS, 0)} bars`);
row('WASM / TS', `${fmt(BARS / tkWasm / 1e6, 1)} / ${fmt(BARS / tkTs / 1e6, 1)} M bars/s = ${fmt(tkTs / tkWasm, 2)}×`);

console.log(`Peak resident memory ${fmt(peakRss / 2 ** 20, 0)} MiB (input: ${fmt((BARS * 6 * 8) / 2 ** 20, 0)} MiB of bars)`);
