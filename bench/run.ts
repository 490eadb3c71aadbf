// Benchmarks, measured in one process run and reported as ratios: the WASM engine against its TypeScript reference
// on 10M synthetic bars, and a 1,000-combination SMA sweep over GOOG. Run with `npm run bench`.
import { performance } from 'node:perf_hooks';
import { Rng } from '../src/core/rng';
import { smaCrossReference, type SmaCrossParams } from '../src/core/kernels/sma-cross';
import { loadNodeEngine } from '../src/adapters/node/engine-loader';
import { readSharedCloses } from '../tests/helpers/shared-data';

const BARS = 10_000_000;
const REPEATS = 3;

let peakRss = 0;
const sampleMemory = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

function syntheticBars(n: number): { open: Float64Array; close: Float64Array } {
  const rng = new Rng(12345);
  const open = new Float64Array(n);
  const close = new Float64Array(n);
  let p = 100;
  for (let i = 0; i < n; i++) {
    open[i] = p;
    p *= 1 + (rng.nextFloat() - 0.5) * 0.02;
    close[i] = p;
  }
  return { open, close };
}

/** Best of `REPEATS` wall times, in seconds. */
function best(fn: () => void): number {
  let t = Infinity;
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    fn();
    t = Math.min(t, (performance.now() - t0) / 1000);
    sampleMemory();
  }
  return t;
}

const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 1 });

const engine = await loadNodeEngine();
const params: SmaCrossParams = { fast: 10, slow: 50, cash: 10_000, commission: 0.001, slippageBps: 2, seed: 7 };
const { open, close } = syntheticBars(BARS);
sampleMemory();

const tWasm = best(() => engine.smaCross(open, close, params));
const tTs = best(() => smaCrossReference(open, close, params));
console.log(`SMA-crossover kernel, ${fmt(BARS)} bars (best of ${REPEATS})`);
console.log(`  WASM engine      ${fmt(BARS / tWasm / 1e6)} M bars/s`);
console.log(`  TS reference     ${fmt(BARS / tTs / 1e6)} M bars/s`);
console.log(`  ratio WASM / TS  ${(tTs / tWasm).toFixed(2)}×`);

const goog = readSharedCloses('GOOG.csv');
const combos: SmaCrossParams[] = [];
for (let fast = 2; combos.length < 1000; fast++) for (let slow = fast + 1; slow <= fast + 40 && combos.length < 1000; slow++) combos.push({ ...params, fast, slow });
const tSweepWasm = best(() => combos.forEach((p) => engine.smaCross(goog.open, goog.close, p)));
const tSweepTs = best(() => combos.forEach((p) => smaCrossReference(goog.open, goog.close, p)));
console.log(`SMA-crossover sweep, ${combos.length} combinations over GOOG (${goog.close.length} bars)`);
console.log(`  WASM engine      ${fmt(combos.length / tSweepWasm)} runs/s`);
console.log(`  TS reference     ${fmt(combos.length / tSweepTs)} runs/s`);
console.log(`  ratio WASM / TS  ${(tSweepTs / tSweepWasm).toFixed(2)}×`);
console.log(`Peak resident memory ${fmt(peakRss / 2 ** 20)} MiB`);
