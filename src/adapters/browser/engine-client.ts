import * as Comlink from 'comlink';
import type { KernelResult, SmaCrossParams } from '../../core/kernels/sma-cross';
import type { KernelRunner } from '../../ports/kernel-runner';
import type { EngineService } from './engine-service';

/** The engine worker's EngineService, as the tab's runners share it (one worker, one WASM instance). */
export type EngineRemote = Comlink.Remote<EngineService>;

export function connectEngine(worker: Worker): EngineRemote {
  return Comlink.wrap<EngineService>(worker);
}

/** KernelRunner backed by the engine worker. Inputs are transferred, not copied. */
export class WorkerKernelRunner implements KernelRunner {
  constructor(private readonly remote: EngineRemote) {}

  ready(): Promise<true> {
    return this.remote.ready();
  }

  smaCross(open: Float64Array, close: Float64Array, params: SmaCrossParams): Promise<KernelResult> {
    return this.remote.smaCross(Comlink.transfer(open, [open.buffer as ArrayBuffer]), Comlink.transfer(close, [close.buffer as ArrayBuffer]), params);
  }
}
