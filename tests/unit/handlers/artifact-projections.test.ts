/** Projections on demand: one build per artifact at a time, checked against the record, dropped and rebuilt. */
import { describe, expect, it } from 'vitest';
import type { ArtifactRecord } from '../../../src/core/artifacts/record';
import type { OhlcvTable } from '../../../src/core/domain/ohlcv-table';
import { ArtifactProjections } from '../../../src/handlers/artifact-projections';
import type { ProjectionBuilder, ProjectionInfo } from '../../../src/ports/projection-builder';

const record = (id: string, rowCount: number, kind: ArtifactRecord['kind'] = 'ohlcv') => ({ id, rowCount, kind }) as ArtifactRecord;

/** A builder that counts rows as bytes and keeps tables in a map. */
function fakeBuilder() {
  const tables = new Map<string, number>();
  const builds: string[] = [];
  const builder: ProjectionBuilder = {
    async fromParquet(table, parquet) {
      builds.push(table);
      await new Promise((r) => setTimeout(r, 5));
      tables.set(table, parquet.length);
      return { table, rows: parquet.length };
    },
    async ohlcv(table) {
      const n = tables.get(table);
      if (n === undefined) throw new Error(`no table ${table}`);
      const col = new Float64Array(n);
      return { timestamp: col, open: col, high: col, low: col, close: col, volume: col } satisfies OhlcvTable;
    },
    async preview() {
      return { columns: [], rows: [] };
    },
    async summarize() {
      return [];
    },
    async list(): Promise<ProjectionInfo[]> {
      return [...tables].map(([table, rows]) => ({ table, rows }));
    },
    async drop(table) {
      tables.delete(table);
    },
    async dropAll() {
      const names = [...tables.keys()];
      tables.clear();
      return names;
    },
  };
  return { builder, builds, tables };
}

const store = (sizes: Record<string, number>) => ({
  reads: [] as Array<{ id: string; verify: boolean | undefined }>,
  async readBytes(id: string, options?: { verify?: boolean }) {
    this.reads.push({ id, verify: options?.verify });
    return new Uint8Array(sizes[id]);
  },
});

describe('ArtifactProjections', () => {
  it('builds once from verified stored bytes, shared by concurrent callers', async () => {
    const { builder, builds } = fakeBuilder();
    const s = store({ art_a: 3 });
    const p = new ArtifactProjections(s, builder);
    const [x, y] = await Promise.all([p.ensure(record('art_a', 3)), p.ensure(record('art_a', 3))]);
    expect(x).toEqual({ table: 'art_a', rows: 3 });
    expect(y).toBe(x);
    expect(builds).toEqual(['art_a']);
    expect(s.reads).toEqual([{ id: 'art_a', verify: true }]);
    expect((await p.bars(record('art_a', 3))).close.length).toBe(3);
  });

  it('refuses a projection whose row count disagrees with the record, and retries next time', async () => {
    const { builder, builds } = fakeBuilder();
    const p = new ArtifactProjections(store({ art_b: 2 }), builder);
    await expect(p.ensure(record('art_b', 5))).rejects.toThrow(/2 rows, the record says 5/);
    await expect(p.ensure(record('art_b', 5))).rejects.toThrow();
    expect(builds).toEqual(['art_b', 'art_b']);
  });

  it('dropAll forgets every projection; the next use rebuilds it', async () => {
    const { builder, builds, tables } = fakeBuilder();
    const p = new ArtifactProjections(store({ art_a: 1, art_c: 2 }), builder);
    await p.ensure(record('art_a', 1));
    await p.ensure(record('art_c', 2));
    expect((await p.dropAll()).sort()).toEqual(['art_a', 'art_c']);
    expect(tables.size).toBe(0);
    await p.bars(record('art_c', 2));
    expect(builds).toEqual(['art_a', 'art_c', 'art_c']);
    expect((await p.list()).map((i) => i.table)).toEqual(['art_c']);
  });

  it('bars are for ohlcv artifacts only', async () => {
    const p = new ArtifactProjections(store({ art_r: 1 }), fakeBuilder().builder);
    await expect(p.bars(record('art_r', 1, 'results'))).rejects.toThrow(/results artifact, not ohlcv/);
  });
});
