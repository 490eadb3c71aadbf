import type { KernelResult, SmaCrossParams } from '../core/kernels/sma-cross';

/** Runs engine kernels (in the browser: a WASM worker; in Node: the same WASM in-process). */
export interface EngineRunner {
  smaCross(open: Float64Array, close: Float64Array, params: SmaCrossParams): Promise<KernelResult>;
}
