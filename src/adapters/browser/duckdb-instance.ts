import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';

interface Bundle {
  mainModule: string;
  worker(): Worker;
}

// Self-hosted bundles: every byte DuckDB needs is served by the lab itself, nothing is fetched from elsewhere.
// The eh bundle (browsers with WebAssembly exceptions: every current one) is smaller and runs in the lab's own worker
// entry, which lets V8 cache its compiled wasm; mvp is the fallback.
const EH: Bundle = { mainModule: ehWasm, worker: () => new Worker(new URL('../../../workers/duckdb-browser-eh.worker.ts', import.meta.url), { type: 'module' }) };
const MVP: Bundle = { mainModule: mvpWasm, worker: () => new Worker(mvpWorker) };

/** Starts DuckDB-WASM in its own worker, offline: extension autoloading and external access are off before any query. */
export async function startDuckDB(): Promise<duckdb.AsyncDuckDB> {
  const bundle = (await duckdb.getPlatformFeatures()).wasmExceptions ? EH : MVP;
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), bundle.worker());
  await db.instantiate(bundle.mainModule);
  await db.open({ query: { castBigIntToDouble: true } });
  const conn = await db.connect();
  await conn.query('SET autoload_known_extensions=false');
  await conn.query('SET autoinstall_known_extensions=false');
  // Every byte reaches DuckDB as Arrow from the lab; queries (e.g. a user's SQL signal) never read files or URLs.
  await conn.query('SET enable_external_access=false');
  await conn.close();
  return db;
}
