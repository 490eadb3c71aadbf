// DuckDB-WASM's worker (eh bundle), with its wasm compiled so that V8 can cache the compiled code. Wiring only.
// DuckDB's script registers its message handler when it runs, and looks WebAssembly.instantiateStreaming up only when
// the first message asks it to instantiate, by which time compileWasmByUrl has replaced it.
import '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import { compileWasmByUrl } from '../src/adapters/browser/duckdb/compile-by-url';

compileWasmByUrl(ehWasm);
