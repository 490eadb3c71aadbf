import * as Comlink from 'comlink';
import engineWasmUrl from '../../../engine-wasm/build/engine.wasm?url';
import { BrowserSweepPool, type SweepWorkerConnection } from './sweep-pool';
import type { SweepService } from './sweep-service';

/**
 * Compiles the engine once in the page and posts the WebAssembly.Module to every worker: measured in Chromium
 * against each worker fetching and compiling it (streaming) — about the same time to a ready pool for two
 * workers, but one compile instead of one per core, one fetch, and no compile at all when the pool restarts
 * after a cancel.
 */
async function compileEngine(url: string): Promise<WebAssembly.Module> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`engine ${url}: HTTP ${response.status}`);
  if (response.headers.get('content-type')?.startsWith('application/wasm')) return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}

function connect(worker: Worker): SweepWorkerConnection {
  let fail: (error: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {});
  worker.addEventListener('error', (e) => fail(new Error(e.message || 'the sweep worker failed to start')));
  worker.addEventListener('messageerror', () => fail(new Error('the sweep worker sent a message that could not be read')));
  return {
    api: Comlink.wrap<SweepService>(worker),
    failed,
    terminate: () => {
      worker.terminate();
      fail(new Error('the sweep worker was stopped'));
    },
  };
}

/** The lab's sweep pool: one engine worker per logical core (navigator.hardwareConcurrency, at most 16). */
export function browserSweepPool(): BrowserSweepPool {
  return new BrowserSweepPool({
    size: BrowserSweepPool.workerCount(navigator.hardwareConcurrency),
    // Undefined where the platform has no notion of isolation: only a real `true` may share memory.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-boolean-literal-compare
    shareBars: globalThis.crossOriginIsolated === true,
    loadModule: () => compileEngine(engineWasmUrl),
    connect: () => connect(new Worker(new URL('../../../workers/sweep.worker.ts', import.meta.url), { type: 'module' })),
  });
}
