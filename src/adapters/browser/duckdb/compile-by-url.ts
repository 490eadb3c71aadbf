/** The page's message that lets the worker compile (see compileWasmEarly); the worker takes it and passes it to no one else. */
export const COMPILE_NOW = 'quantlab:duckdb-compile-now';

/** Resolves on the page's COMPILE_NOW message, or on any other first message (DuckDB's client needs the module). */
function compileSignal(): Promise<void> {
  return new Promise((resolve) => {
    // Stays for the worker's life: a COMPILE_NOW that comes after DuckDB's first message must not reach DuckDB.
    self.addEventListener('message', (event: MessageEvent) => {
      if (event.data === COMPILE_NOW) event.stopImmediatePropagation();
      resolve();
    });
  });
}

/**
 * Runs inside DuckDB's worker, before DuckDB's own code: its WebAssembly is fetched as soon as the worker
 * starts and compiled from the response itself, and DuckDB's later request to instantiate it takes that compiled module.
 *
 * Why early: DuckDB asks for its wasm only once the page has loaded DuckDB's client code and sent the first message;
 * compiling 34 MB does not need to wait for that, so it overlaps with everything the page does meanwhile.
 *
 * Why from the response: DuckDB pipes the response of its .wasm through a TransformStream (to report download progress)
 * and compiles that copy, which has no URL. V8 caches compiled WebAssembly only for a response it can key by URL — one
 * from the HTTP cache or from a service worker's Cache Storage, served as `application/wasm` — so with the copy every
 * page load compiled 34 MB again. Compiling the fetched response lets a reload take the compiled code from V8's cache.
 *
 * Why fetch at once but compile on a signal: V8 compiles 34 MB on every core it finds, and on a two-core machine
 * that delayed the page's own first render by about a third of a second. The download costs the page nothing, so it
 * starts at once; the compile waits for the page's COMPILE_NOW message, which it posts once its shell is up.
 *
 * Phases are recorded as this worker's performance marks `quantlab-duckdb:<phase>` (bench/startup.ts reads them).
 */
export function compileWasmEarly(moduleUrl: string): void {
  const mark = (phase: string) => void performance.mark(`quantlab-duckdb:${phase}`);
  const url = new URL(moduleUrl, self.location.href).href;
  mark('wasm-fetch');
  const response = fetch(url, { credentials: 'same-origin' }).then((r) => {
    mark('wasm-response');
    return r;
  });
  const compiled = Promise.all([response, compileSignal()])
    .then(([r]) => WebAssembly.compileStreaming(r))
    .then((module) => {
      mark('wasm-compiled');
      return module;
    });
  // A failed early compile is reported when DuckDB instantiates, not here.
  compiled.catch(() => undefined);
  WebAssembly.instantiateStreaming = async (source, imports) => {
    // DuckDB's own fetch of the same URL (its progress copy) is not needed: stop reading it.
    void Promise.resolve(source)
      .then((response) => response.body?.cancel())
      .catch(() => undefined);
    const module = await compiled;
    const instance = await WebAssembly.instantiate(module, imports);
    mark('wasm-instantiated');
    return { module, instance };
  };
}
