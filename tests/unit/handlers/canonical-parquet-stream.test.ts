import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import { readOhlcvCsv } from '../../../src/core/csv/read-ohlcv-csv';
import type { OhlcvTable } from '../../../src/core/domain/ohlcv-table';
import { Rng } from '../../../src/core/rng';
import { canonicalOhlcvIpc, CANONICAL_PARQUET_V1, ohlcvRows } from '../../../src/handlers/import-canonical-parquet';
import { sharedDataPath } from '../../helpers/shared-data';

// The streaming writer must give the canonical bytes — the artifact's fileHash — that writeParquet gives for the same
// bars, so an import can write a file of any size one row group at a time without changing stored bytes.
const codec = new NodeParquetCodec();
const GROUP = CANONICAL_PARQUET_V1.rowGroupRows;

async function* batches(table: OhlcvTable, rows: number): AsyncGenerator<Uint8Array> {
  const n = table.timestamp.length;
  for (let from = 0; from < n; from += rows) yield canonicalOhlcvIpc(ohlcvRows(table, from, Math.min(n, from + rows)));
}

async function streamed(table: OhlcvTable, rows: number): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of codec.writeParquetStream(batches(table, rows), CANONICAL_PARQUET_V1)) parts.push(chunk);
  return Buffer.concat(parts);
}

/** Seeded minute bars: several row groups and a short last one. */
function minuteBars(n: number): OhlcvTable {
  const rng = new Rng(42);
  const t: OhlcvTable = {
    timestamp: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let p = 100;
  for (let i = 0; i < n; i++) {
    const o = p;
    p *= 1 + (rng.nextFloat() - 0.5) * 0.002;
    t.timestamp[i] = Date.UTC(2020, 0, 1) + i * 60_000;
    t.open[i] = o;
    t.close[i] = p;
    t.high[i] = Math.max(o, p) * (1 + rng.nextFloat() * 0.001);
    t.low[i] = Math.min(o, p) * (1 - rng.nextFloat() * 0.001);
    t.volume[i] = Math.floor(rng.nextFloat() * 1e5);
  }
  return t;
}

describe('canonical Parquet, written as a stream of row groups', () => {
  it('GOOG.csv: the same bytes as writeParquet', async () => {
    const goog = readOhlcvCsv(readFileSync(sharedDataPath('GOOG.csv'), 'utf8')).table;
    const whole = await codec.writeParquet(canonicalOhlcvIpc(goog), CANONICAL_PARQUET_V1);
    expect((await streamed(goog, GROUP)).equals(Buffer.from(whole))).toBe(true);
  });

  it('three and a half row groups: the same bytes as writeParquet', async () => {
    const bars = minuteBars(3 * GROUP + 12_345);
    const whole = Buffer.from(await codec.writeParquet(canonicalOhlcvIpc(bars), CANONICAL_PARQUET_V1));
    const asStream = await streamed(bars, GROUP);
    expect(asStream.length).toBe(whole.length);
    expect(asStream.equals(whole)).toBe(true);
  }, 60_000);

  it('refuses batches that are not whole row groups (they would move page boundaries)', async () => {
    const bars = minuteBars(GROUP + 100);
    await expect(streamed(bars, 50_000)).rejects.toThrow(/batch of 50000 rows came before the last/);
    await expect(streamed(bars, GROUP + 100)).rejects.toThrow(/more than one row group/);
  });
});
