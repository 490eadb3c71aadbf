/**
 * The BacktestRunner port in Node: the WASM engine in this process, through runExperimentJob — runBacktestSpec (the
 * very code the `backtest` command runs) for registered strategies, the reference loop for SQL signals. The engine build hash is the SHA-256 of the .wasm bytes that were compiled — read
 * once, hashed and compiled from the same buffer, so a rebuild between the two cannot make them disagree.
 */
import { readFile } from 'node:fs/promises';
import { sha256 } from 'hash-wasm';
import { createEngine } from '../../../engine/engine-module';
import { runExperimentJob } from '../../../handlers/experiments/run-job';
import type { BacktestRunner } from '../../../ports/backtest-runner';

/** engine-wasm/build/engine.wasm, as src/adapters/node/engine-loader.ts compiles it for loadNodeEngines(). */
export const NODE_ENGINE_WASM = new URL('../../../../engine-wasm/build/engine.wasm', import.meta.url);

export async function nodeBacktestRunner(wasmUrl: URL = NODE_ENGINE_WASM): Promise<BacktestRunner> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await readFile(wasmUrl));
  } catch {
    throw new Error(`engine not built: ${wasmUrl.pathname} is missing (run: npm run build:engine)`);
  }
  const engineBuildHash = await sha256(bytes);
  const engine = await createEngine(await WebAssembly.compile(bytes));
  return {
    engineBuildHash,
    run: (bars, job) => runExperimentJob(engine, bars, job),
  };
}
