/**
 * Runs inside DuckDB's worker, before DuckDB's own code: its WebAssembly is compiled from the fetched response itself.
 *
 * DuckDB pipes the response of its .wasm through a TransformStream (to report download progress) and compiles that
 * copy, which has no URL. V8 caches compiled WebAssembly only for a response it can key by URL — one from the HTTP
 * cache or from a service worker's Cache Storage — so with the copy every page load compiled 34 MB again. Given a
 * response without a URL for this module, this drops it and compiles a fresh fetch of the same URL (served from the
 * cache): a reload then takes the compiled code from V8's cache.
 */
export function compileWasmByUrl(moduleUrl: string): void {
  const url = new URL(moduleUrl, self.location.href).href;
  const instantiateStreaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const response = await source;
    if (response.url) return instantiateStreaming(response, imports);
    void response.body?.cancel().catch(() => undefined);
    return instantiateStreaming(fetch(url, { credentials: 'same-origin' }), imports);
  };
}
