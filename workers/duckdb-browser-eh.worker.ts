// DuckDB-WASM's worker (eh bundle). Wiring only: the wasm is fetched and compiled first (compileWasmEarly, which also
// lets V8 cache the compiled code), while DuckDB's own 760 KB script loads as a chunk of its own; the page's messages
// wait for its handler. DuckDB looks WebAssembly.instantiateStreaming up only when asked to instantiate, by which
// time compileWasmEarly has replaced it.
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import { compileWasmEarly } from '../src/adapters/browser/duckdb/compile-by-url';
import { holdMessagesUntil } from '../src/adapters/browser/duckdb/hold-messages';

compileWasmEarly(ehWasm);
await holdMessagesUntil(() => import('@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js'));
