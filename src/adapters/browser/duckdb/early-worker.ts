import { spawnDuckDBWorker } from './spawn-worker';

/**
 * The tab's one DuckDB worker, started when this module is first evaluated: main.ts imports it before anything else,
 * so the worker's wasm download and compile overlap with loading and mounting the page.
 */
export const duckdbWorker = spawnDuckDBWorker();
