/** Projections asked for while DuckDB is still starting wait for it; a failed start fails them with its error. */
import { describe, expect, it } from 'vitest';
import { ArtifactProjections } from '../../../src/handlers/artifact-projections';
import { DeferredProjectionBuilder } from '../../../src/handlers/deferred-projection-builder';
import type { ArtifactRecord } from '../../../src/core/artifacts/record';
import type { ProjectionBuilder } from '../../../src/ports/projection-builder';

const record = { id: 'art_000000000000000000000001', rowCount: 3, kind: 'ohlcv' } as ArtifactRecord;
const store = { readBytes: async () => new Uint8Array([1, 2, 3]) };

/** A builder whose tables hold one row per byte. */
function tableBuilder(): ProjectionBuilder & { tables: Map<string, number> } {
  const tables = new Map<string, number>();
  return {
    tables,
    fromParquet: async (table, bytes) => (tables.set(table, bytes.length), { table, rows: bytes.length }),
    ohlcv: async (table) => {
      const col = new Float64Array(tables.get(table) ?? 0);
      return { timestamp: col, open: col, high: col, low: col, close: col, volume: col };
    },
    preview: async () => ({ columns: [], rows: [] }),
    summarize: async () => [],
    list: async () => [...tables].map(([table, rows]) => ({ table, rows })),
    drop: async (table) => void tables.delete(table),
    dropAll: async () => {
      const names = [...tables.keys()];
      tables.clear();
      return names;
    },
  };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('DeferredProjectionBuilder', () => {
  it('holds a projection until the engine is up, then builds it there', async () => {
    const start = deferred<ProjectionBuilder>();
    const projections = new ArtifactProjections(store, new DeferredProjectionBuilder(start.promise));
    let settled = false;
    const bars = projections.bars(record).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    const engine = tableBuilder();
    start.resolve(engine);
    expect((await bars).close.length).toBe(3);
    expect([...engine.tables.keys()]).toEqual([record.id]);
    expect(await projections.list()).toEqual([{ table: record.id, rows: 3 }]);
  });

  it('fails every call with the start error, and an unawaited failed start is not an unhandled rejection', async () => {
    const start = deferred<ProjectionBuilder>();
    const builder = new DeferredProjectionBuilder(start.promise);
    start.reject(new Error('DuckDB could not start'));
    await new Promise((r) => setTimeout(r, 10));
    await expect(builder.list()).rejects.toThrow('DuckDB could not start');
    await expect(new ArtifactProjections(store, builder).bars(record)).rejects.toThrow('DuckDB could not start');
  });
});
