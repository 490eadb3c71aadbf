// The page's entry, kept to a few hundred bytes so that it runs as soon as index.html is parsed: DuckDB's worker
// starts fetching and compiling its 34 MB wasm first, then the lab's code (main.ts, Svelte, the store) loads. With
// main.ts as the entry, the worker started only once the whole first chunk and its shared chunks had loaded and run.
import './adapters/browser/duckdb/early-worker';

void import('./main');
