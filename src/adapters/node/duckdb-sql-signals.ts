/**
 * SignalEvaluator for the CLI: DuckDB-WASM in this process (`@duckdb/duckdb-wasm/blocking`, the build the browser
 * runs), started on first use so commands that run no SQL signal never pay for it. The input's projection is built
 * as in the browser — stored Parquet (verified) → parquet-wasm → Arrow IPC → a table named by the artifact id — and
 * the query runs on its own connection over the same TEMP view `bars`, so both answer the same positions.
 * External access is switched off: a query can read the projections, never a file or a URL.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createDuckDB, NODE_RUNTIME, VoidLogger, type DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import { derivedViewSql } from '../../core/experiments/derived-views';
import { signalQueryError, signalQuerySql, signalViewSql, type SignalRows } from '../../core/experiments/sql-signal';
import { signalRowsFromArrow } from '../../handlers/experiments/signal-rows';
import { derivedViewRecords } from '../../handlers/features/derived-view-records';
import type { ArtifactStore } from '../../ports/artifact-store';
import type { ParquetCodec } from '../../ports/parquet-codec';
import type { SignalEvaluator, SignalInput } from '../../ports/signal-evaluator';

async function startDuckDB(): Promise<DuckDBBindings> {
  const dist = dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const db = await createDuckDB(
    {
      mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new VoidLogger(),
    NODE_RUNTIME,
  );
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: true } });
  const c = db.connect();
  try {
    c.query('SET autoload_known_extensions=false');
    c.query('SET autoinstall_known_extensions=false');
    c.query('SET enable_external_access=false');
  } finally {
    c.close();
  }
  return db;
}

export class NodeSqlSignals implements SignalEvaluator {
  private db: Promise<DuckDBBindings> | undefined;
  private readonly built = new Set<string>();

  constructor(
    private readonly store: Pick<ArtifactStore, 'readBytes'> & Partial<Pick<ArtifactStore, 'get'>>,
    private readonly codec: Pick<ParquetCodec, 'toArrowIpc'>,
  ) {}

  async evaluate(input: SignalInput, sql: string): Promise<SignalRows> {
    const query = signalQuerySql(sql);
    const db = await (this.db ??= startDuckDB());
    const id = input.artifact.id;
    // Published labels and features the query names become views too (core/experiments/derived-views.ts).
    const derived = await derivedViewRecords(sql, async (ref) => (await this.store.get?.(ref)) ?? null, input.derived);
    for (const d of derived) await this.build(db, d.record.id);
    await this.build(db, id);
    const c = db.connect();
    try {
      c.query(signalViewSql(id));
      for (const d of derived) c.query(derivedViewSql(d.ref.view, d.record.id, d.record.schema));
      let answer;
      try {
        answer = c.query(query);
      } catch (e) {
        throw signalQueryError(e);
      }
      return signalRowsFromArrow(answer);
    } finally {
      c.close();
    }
  }

  /** The artifact's projection table (named by its id), from its stored Parquet, once. */
  private async build(db: DuckDBBindings, id: string): Promise<void> {
    if (!this.built.has(id)) {
      const ipc = await this.codec.toArrowIpc(await this.store.readBytes(id, { verify: true }));
      const c = db.connect();
      try {
        c.insertArrowFromIPCStream(ipc, { name: id, create: true });
      } finally {
        c.close();
      }
      this.built.add(id);
    }
  }
}
