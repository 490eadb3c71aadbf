// Worker of the portfolio page: the engine module fetched from the build and compiled here, then the shared
// portfolio figures (tests/helpers/portfolio-bits.ts) or the 120-rebalance backtest (bench/portfolio-rebalances.ts).
import * as Comlink from 'comlink';
import engineWasmUrl from '../../../engine-wasm/build/engine.wasm?url';
import { generatedUniverse } from '../../../bench/generated-universe';
import { BACKTEST_BARS, minVarianceBacktest, type BacktestFigures } from '../../../bench/portfolio-rebalances';
import { crossProduct } from '../../../src/core/risk/returns-matrix';
import { createEngine } from '../../../src/engine/engine-module';
import { portfolioBits } from '../../helpers/portfolio-bits';

const engine = fetch(engineWasmUrl)
  .then((r) => r.arrayBuffer())
  .then((bytes) => WebAssembly.compile(bytes))
  .then(createEngine);

const api = {
  async bits(rows: number, cols: number, data: number[]): Promise<Record<string, string>> {
    return portfolioBits({ rows, cols, data: Float64Array.from(data) }, (await engine).risk.kernel);
  },
  /** The backtest on `assets` generated instruments, X'X by the engine (or the TypeScript reference), lab engine in WASM. */
  async backtest(assets: number, kernel: 'engine' | 'typescript'): Promise<BacktestFigures & { generateMs: number }> {
    const e = await engine;
    const t0 = performance.now();
    const tl = generatedUniverse(assets, BACKTEST_BARS);
    const generateMs = performance.now() - t0;
    const figures = minVarianceBacktest(tl, kernel === 'engine' ? e.risk.kernel : crossProduct, e.lab.runLabWasm);
    return { ...figures, generateMs };
  },
};

export type PortfolioWorker = typeof api;
Comlink.expose(api);
