import * as Comlink from 'comlink';
import { sha256 } from 'hash-wasm';
import type { OhlcvTable } from '../../core/domain/ohlcv-table';
import type { KernelResult, SmaCrossParams } from '../../core/kernels/sma-cross';
import { createEngine, type Engine } from '../../engine/engine-module';
import { runExperimentJob } from '../../handlers/experiments/run-job';
import type { BacktestJob, BacktestRun } from '../../ports/backtest-runner';

interface LoadedEngine {
  engine: Engine;
  /** SHA-256 of the very bytes that were compiled. */
  buildHash: string;
}

/** Fetches the engine's .wasm once; hashes and compiles the same buffer, so the hash names what runs. */
async function loadEngine(wasmUrl: string): Promise<LoadedEngine> {
  const response = await fetch(wasmUrl);
  if (!response.ok) throw new Error(`engine ${wasmUrl}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const buildHash = await sha256(bytes);
  return { engine: await createEngine(await WebAssembly.compile(bytes)), buildHash };
}

/**
 * Lives inside the engine worker: owns one WASM instance (kernel, backtester and statistics share it) and runs work
 * on transferred buffers. Results come back transferred too.
 */
export class EngineService {
  private loaded: Promise<LoadedEngine>;

  constructor(wasmUrl: string) {
    this.loaded = loadEngine(wasmUrl);
  }

  async ready(): Promise<true> {
    await this.loaded;
    return true;
  }

  async buildHash(): Promise<string> {
    return (await this.loaded).buildHash;
  }

  async smaCross(open: Float64Array, close: Float64Array, params: SmaCrossParams): Promise<KernelResult> {
    const result = (await this.loaded).engine.kernel.smaCross(open, close, params);
    return Comlink.transfer(result, [result.equity.buffer as ArrayBuffer]);
  }

  /** One experiment job (src/handlers/experiments/run-job.ts), the same code the CLI runs in-process. */
  async backtest(bars: OhlcvTable, job: BacktestJob): Promise<BacktestRun> {
    const run = await runExperimentJob((await this.loaded).engine, bars, job);
    return Comlink.transfer(run, [run.result.equity.buffer as ArrayBuffer]);
  }
}
