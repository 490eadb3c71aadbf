import { AsyncDuckDB, VoidLogger } from '@duckdb/duckdb-wasm';
import type { DuckDBWorker } from './duckdb/spawn-worker';

/**
 * Opens DuckDB-WASM in its already started worker (duckdb/spawn-worker.ts), offline: extension autoloading and
 * external access are off before any query. Each phase is a performance mark `quantlab-duckdb:<phase>` (the worker
 * marks its fetch and compile), for bench/startup.ts.
 */
export async function startDuckDB({ worker, mainModule }: DuckDBWorker): Promise<AsyncDuckDB> {
  const mark = (phase: string) => void performance.mark(`quantlab-duckdb:${phase}`);
  mark('client-loaded');
  const db = new AsyncDuckDB(new VoidLogger(), worker);
  await db.instantiate(mainModule);
  mark('instantiated');
  await db.open({ query: { castBigIntToDouble: true } });
  mark('opened');
  const conn = await db.connect();
  // One round trip: every setting before any query of the lab's.
  await conn.query(
    [
      'SET autoload_known_extensions=false',
      'SET autoinstall_known_extensions=false',
      // Every byte reaches DuckDB as Arrow from the lab; queries (e.g. a user's SQL signal) never read files or URLs.
      'SET enable_external_access=false',
    ].join('; '),
  );
  await conn.close();
  mark('configured');
  return db;
}
