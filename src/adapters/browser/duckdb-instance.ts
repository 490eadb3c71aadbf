import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';

// Self-hosted bundles: every byte DuckDB needs is served by the lab itself, nothing is fetched from elsewhere.
const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

/** Starts DuckDB-WASM in its own worker, offline: extension autoloading and external access are off before any query. */
export async function startDuckDB(): Promise<duckdb.AsyncDuckDB> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({ query: { castBigIntToDouble: true } });
  const conn = await db.connect();
  await conn.query('SET autoload_known_extensions=false');
  await conn.query('SET autoinstall_known_extensions=false');
  // Every byte reaches DuckDB as Arrow from the lab; queries (e.g. a user's SQL signal) never read files or URLs.
  await conn.query('SET enable_external_access=false');
  await conn.close();
  return db;
}
