// Worker of the portfolio page: the engine module fetched from the build and compiled here, then the shared
// portfolio figures (tests/helpers/portfolio-bits.ts) or the 120-rebalance backtest (bench/portfolio-rebalances.ts).
import * as Comlink from 'comlink';
import engineWasmUrl from '../../../engine-wasm/build/engine.wasm?url';
import { generatedUniverse } from '../../../bench/generated-universe';
import { BACKTEST_BARS, minVarianceBacktest, rebalanceCovariances, type BacktestFigures } from '../../../bench/portfolio-rebalances';
import type { LabTimeline } from '../../../src/core/lab';
import { crossProduct } from '../../../src/core/risk/returns-matrix';
import { createEngine } from '../../../src/engine/engine-module';
import { portfolioBits } from '../../helpers/portfolio-bits';

const engine = fetch(engineWasmUrl)
  .then((r) => r.arrayBuffer())
  .then((bytes) => WebAssembly.compile(bytes))
  .then(createEngine);

let timeline: LabTimeline | undefined;
const prepared = () => {
  if (!timeline) throw new Error('call prepare(assets) first');
  return timeline;
};
const kernelOf = async (kernel: 'engine' | 'typescript') => (kernel === 'engine' ? (await engine).risk.kernel : crossProduct);

const api = {
  async bits(rows: number, cols: number, data: number[]): Promise<Record<string, string>> {
    return portfolioBits({ rows, cols, data: Float64Array.from(data) }, (await engine).risk.kernel);
  },
  /** Generates the backtest's bars for `assets` instruments and keeps them for the calls below. */
  async prepare(assets: number): Promise<void> {
    await engine;
    timeline = generatedUniverse(assets, BACKTEST_BARS);
  },
  /** The covariance step of every rebalance alone, X'X by the engine module or the TypeScript reference. */
  async covariances(kernel: 'engine' | 'typescript'): Promise<number> {
    return rebalanceCovariances(prepared(), await kernelOf(kernel));
  },
  /** The whole backtest: rebalances, then the lab engine in WASM. */
  async backtest(kernel: 'engine' | 'typescript'): Promise<BacktestFigures> {
    return minVarianceBacktest(prepared(), await kernelOf(kernel), (await engine).lab.runLabWasm);
  },
};

export type PortfolioWorker = typeof api;
Comlink.expose(api);
