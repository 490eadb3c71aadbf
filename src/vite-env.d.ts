/// <reference types="svelte" />
/// <reference types="vite/client" />

/** DuckDB's worker script: no exports, run for its side effect (workers/duckdb-browser-eh.worker.ts loads it). */
declare module '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js';
