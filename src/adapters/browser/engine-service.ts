import * as Comlink from 'comlink';
import type { KernelResult, SmaCrossParams } from '../../core/kernels/sma-cross';
import { WasmEngine } from '../../engine/wasm-engine';

/** Lives inside the engine worker: owns one WASM instance and runs kernels on transferred buffers. */
export class EngineService {
  private engine: Promise<WasmEngine>;

  constructor(wasmUrl: string) {
    this.engine = WebAssembly.compileStreaming(fetch(wasmUrl)).then((m) => WasmEngine.instantiate(m));
  }

  async ready(): Promise<true> {
    await this.engine;
    return true;
  }

  async smaCross(open: Float64Array, close: Float64Array, params: SmaCrossParams): Promise<KernelResult> {
    const result = (await this.engine).smaCross(open, close, params);
    return Comlink.transfer(result, [result.equity.buffer as ArrayBuffer]);
  }
}
