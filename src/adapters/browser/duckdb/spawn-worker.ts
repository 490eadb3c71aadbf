import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { COMPILE_NOW } from './compile-by-url';
import { supportsWasmExceptions } from './wasm-exceptions';

/** DuckDB's worker, started, and the wasm it is to instantiate. */
export interface DuckDBWorker {
  worker: Worker;
  mainModule: string;
  /** Lets the worker compile its wasm, downloaded meanwhile (compile-by-url.ts); call once the page's shell is up. */
  compileNow(): void;
}

/**
 * Starts DuckDB's worker without loading DuckDB's client code, so main.ts can do it first thing: the worker fetches
 * and compiles its wasm (see compile-by-url.ts) while the page loads, mounts and reads the store.
 *
 * Self-hosted bundles: every byte DuckDB needs is served by the lab itself. The eh bundle (browsers with WebAssembly
 * exceptions: every current one) is smaller and runs in the lab's own worker entry, which compiles early and lets V8
 * cache its compiled wasm; mvp, DuckDB's own worker, is the fallback.
 */
export function spawnDuckDBWorker(): DuckDBWorker {
  if (supportsWasmExceptions()) {
    const worker = new Worker(new URL('../../../../workers/duckdb-browser-eh.worker.ts', import.meta.url), { type: 'module' });
    return { worker, mainModule: ehWasm, compileNow: () => worker.postMessage(COMPILE_NOW) };
  }
  // DuckDB's own worker compiles when DuckDB asks it to.
  return { worker: new Worker(mvpWorker), mainModule: mvpWasm, compileNow: () => undefined };
}
