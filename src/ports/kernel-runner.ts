import type { KernelResult, SmaCrossParams } from '../core/kernels/sma-cross';

/**
 * Runs the first engine kernel, the seeded SMA crossover of the Research tab's Run (in the browser: the engine
 * worker; in Node: the same WASM in-process).
 */
export interface KernelRunner {
  smaCross(open: Float64Array, close: Float64Array, params: SmaCrossParams): Promise<KernelResult>;
}
