import type { SweepWorkerApi, SweepWorkerConnection } from '../../../src/adapters/browser/sweep-pool';
import { SweepService } from '../../../src/adapters/browser/sweep-service';

export interface FakeWorker extends SweepWorkerConnection {
  terminated: boolean;
  chunksRun: number;
  /** Kill the worker as an uncaught error would (its pending and later calls fail). */
  crash(message: string): void;
}

export interface FakeWorkerOptions {
  /** Called before each chunk runs; may throw (a chunk-level error) or crash the worker. */
  beforeChunk?: (worker: FakeWorker, from: number) => void;
}

/**
 * A sweep worker in this process: the real SweepService behind the connection the pool expects, with structured
 * copies at the boundary (as postMessage makes) and a macrotask between calls, so other workers interleave.
 */
export function inProcessWorker(options: FakeWorkerOptions = {}): FakeWorker {
  const service = new SweepService();
  let fail: (e: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {});
  const gone = (): Promise<never> => new Promise<never>(() => {});
  const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
  const worker: FakeWorker = {
    terminated: false,
    chunksRun: 0,
    failed,
    api: null as unknown as SweepWorkerApi,
    terminate() {
      worker.terminated = true;
      fail(new Error('the sweep worker was stopped'));
    },
    crash(message: string) {
      worker.terminated = true;
      fail(new Error(message));
    },
  };
  worker.api = {
    init: async (module) => (await tick(), worker.terminated ? gone() : service.init(module)),
    // postMessage copies an ArrayBuffer-backed array and shares a SharedArrayBuffer-backed one.
    prepare: async (key, packed, n) => (
      await tick(),
      worker.terminated ? gone() : service.prepare(key, packed.buffer instanceof SharedArrayBuffer ? packed : packed.slice(), n)
    ),
    run: async (chunk) => {
      await tick();
      if (worker.terminated) return gone();
      options.beforeChunk?.(worker, chunk.from);
      if (worker.terminated) return gone();
      worker.chunksRun++;
      return structuredClone(await service.run(structuredClone(chunk)));
    },
    equity: async (strategy, params, opts) => (await tick(), worker.terminated ? gone() : service.equity(strategy, params, opts)),
    prepareUniverse: async (key, instruments, packed, T) => (
      await tick(),
      worker.terminated
        ? gone()
        : service.prepareUniverse(key, [...instruments], packed.buffer instanceof SharedArrayBuffer ? packed : packed.slice(), T)
    ),
    runLab: async (chunk) => {
      await tick();
      if (worker.terminated) return gone();
      options.beforeChunk?.(worker, chunk.from);
      if (worker.terminated) return gone();
      worker.chunksRun++;
      return structuredClone(await service.runLab(structuredClone(chunk)));
    },
    labNav: async (strategy, params, config) => (await tick(), worker.terminated ? gone() : service.labNav(strategy, params, config)),
  };
  return worker;
}
