import * as Comlink from 'comlink';
import type { KernelResult, SmaCrossParams } from '../../core/kernels/sma-cross';
import type { EngineRunner } from '../../ports/engine-runner';
import type { EngineService } from './engine-service';

/** EngineRunner backed by the WASM engine worker. Inputs are transferred, not copied. */
export class WorkerEngineRunner implements EngineRunner {
  /** The worker's EngineService; the experiments' BacktestRunner (worker-backtest-runner.ts) shares it. */
  readonly remote: Comlink.Remote<EngineService>;

  constructor(worker: Worker) {
    this.remote = Comlink.wrap<EngineService>(worker);
  }

  ready(): Promise<true> {
    return this.remote.ready();
  }

  smaCross(open: Float64Array, close: Float64Array, params: SmaCrossParams): Promise<KernelResult> {
    return this.remote.smaCross(
      Comlink.transfer(open, [open.buffer as ArrayBuffer]),
      Comlink.transfer(close, [close.buffer as ArrayBuffer]),
      params,
    );
  }
}
