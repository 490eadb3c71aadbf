/**
 * Runs inside DuckDB's worker, before DuckDB's own code: its WebAssembly is fetched and compiled as soon as the worker
 * starts, from the response itself, and DuckDB's later request to instantiate it takes that compiled module.
 *
 * Why early: DuckDB asks for its wasm only once the page has loaded DuckDB's client code and sent the first message;
 * compiling 34 MB does not need to wait for that, so it overlaps with everything the page does meanwhile.
 *
 * Why from the response: DuckDB pipes the response of its .wasm through a TransformStream (to report download progress)
 * and compiles that copy, which has no URL. V8 caches compiled WebAssembly only for a response it can key by URL — one
 * from the HTTP cache or from a service worker's Cache Storage, served as `application/wasm` — so with the copy every
 * page load compiled 34 MB again. Compiling the fetched response lets a reload take the compiled code from V8's cache.
 *
 * Phases are recorded as this worker's performance marks `quantlab-duckdb:<phase>` (bench/startup.ts reads them).
 */
export function compileWasmEarly(moduleUrl: string): void {
  const mark = (phase: string) => void performance.mark(`quantlab-duckdb:${phase}`);
  const url = new URL(moduleUrl, self.location.href).href;
  mark('wasm-fetch');
  const compiled = WebAssembly.compileStreaming(
    fetch(url, { credentials: 'same-origin' }).then((response) => {
      mark('wasm-response');
      return response;
    }),
  ).then((module) => {
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
