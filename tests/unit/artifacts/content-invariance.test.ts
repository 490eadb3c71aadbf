/**
 * contentHash is a property of the data, not of the file: GOOG's bars reached through the CSV path (DuckDB-WASM's CSV
 * reader + ohlcvSelect, as the lab imports them) and through Parquet files written with other compression and
 * row-group sizes (parquet-wasm → Arrow IPC → DuckDB → ohlcvSelect, as the lab reads stored artifacts) hash the same,
 * while the files' own hashes differ.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DuckDBBindings, DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { Table, TimestampMillisecond, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ohlcvContentHash } from '../../../src/core/artifacts/content-hash';
import { fileHash } from '../../../src/core/artifacts/file-hash';
import { ParquetEnvelope } from '../../../src/core/artifacts/parquet-envelope';
import { OHLCV_COLUMNS, type OhlcvTable } from '../../../src/core/domain/ohlcv-table';
import { ohlcvSelect, quoteIdent, type ColumnInfo } from '../../../src/core/projection/ohlcv-select';
import { startNodeDuckDB } from '../../helpers/node-duckdb';
import { sharedDataPath } from '../../helpers/shared-data';

let db: DuckDBBindings;
let conn: DuckDBConnection;
let viaCsv: OhlcvTable;
let csvHash: string;

function describeSource(source: string): ColumnInfo[] {
  return conn
    .query(`DESCRIBE SELECT * FROM ${source}`)
    .toArray()
    .map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

function columnsOf(table: Table): OhlcvTable {
  const get = (f: string) => Float64Array.from(table.getChild(f)!.toArray() as ArrayLike<number>);
  return { timestamp: get('timestamp'), open: get('open'), high: get('high'), low: get('low'), close: get('close'), volume: get('volume') };
}

/** The lab's projection: any table → canonical OHLCV columns, in file order. */
function project(source: string, fileName: string): OhlcvTable {
  return columnsOf(conn.query(ohlcvSelect(describeSource(source), source, fileName)));
}

function fromCsv(name: string, text: string): OhlcvTable {
  db.registerFileBuffer(name, new TextEncoder().encode(text));
  return project(`read_csv('${name}', header = true)`, name);
}

function fromParquet(name: string, parquet: Uint8Array): OhlcvTable {
  conn.query(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
  conn.insertArrowFromIPCStream(pq.readParquet(parquet).intoIPCStream(), { name, create: true });
  return project(quoteIdent(name), name);
}

function writeParquet(table: Table, compression: pq.Compression, rowGroupSize: number): Uint8Array {
  const props = new pq.WriterPropertiesBuilder().setCompression(compression).setMaxRowGroupSize(rowGroupSize).build();
  return pq.writeParquet(pq.Table.fromIPCStream(tableToIPC(table, 'stream')), props);
}

function arrowTable(c: OhlcvTable, timestampAs: 'double' | 'timestamp-ms'): Table {
  const ts =
    timestampAs === 'double'
      ? vectorFromArray(c.timestamp)
      : vectorFromArray(
          Array.from(c.timestamp, (t) => new Date(t)),
          new TimestampMillisecond(),
        );
  return new Table({
    timestamp: ts,
    open: vectorFromArray(c.open),
    high: vectorFromArray(c.high),
    low: vectorFromArray(c.low),
    close: vectorFromArray(c.close),
    volume: vectorFromArray(c.volume),
  });
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('contentHash invariance on GOOG', () => {
  beforeAll(async () => {
    db = await startNodeDuckDB();
    conn = db.connect();
    viaCsv = fromCsv('GOOG.csv', readFileSync(sharedDataPath('GOOG.csv'), 'utf8'));
    csvHash = await ohlcvContentHash(viaCsv);
  }, 60_000);

  afterAll(() => {
    conn?.close();
  });

  it('reads all 2148 bars through the CSV path', () => {
    expect(viaCsv.timestamp.length).toBe(2148);
    expect(csvHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('Parquet SNAPPY / ZSTD, small / large row groups, double / timestamp column: same contentHash, other fileHash', async () => {
    const files = [
      { name: 'goog_snappy_256', bytes: writeParquet(arrowTable(viaCsv, 'double'), pq.Compression.SNAPPY, 256) },
      { name: 'goog_zstd_1000', bytes: writeParquet(arrowTable(viaCsv, 'double'), pq.Compression.ZSTD, 1000) },
      { name: 'goog_ts_uncompressed_4096', bytes: writeParquet(arrowTable(viaCsv, 'timestamp-ms'), pq.Compression.UNCOMPRESSED, 4096) },
    ];
    const fileHashes = new Set<string>();
    for (const f of files) {
      const envelope = new ParquetEnvelope();
      envelope.push(f.bytes);
      expect(envelope.problem(f.name)).toBeUndefined();
      const columns = fromParquet(f.name, f.bytes);
      for (const field of OHLCV_COLUMNS) expect(columns[field], `${f.name}.${field}`).toEqual(viaCsv[field]);
      expect(await ohlcvContentHash(columns), f.name).toBe(csvHash);
      const digest = await fileHash(f.bytes);
      expect(digest.sha256).toBe(sha256(f.bytes));
      fileHashes.add(digest.sha256);
    }
    expect(fileHashes.size).toBe(files.length);
    // The files really are laid out differently: 2148 rows in groups of 256, 1000 and 4096.
    const groups = await Promise.all(files.map(async (f) => (await pq.ParquetFile.fromFile(new Blob([f.bytes.slice()]))).metadata().numRowGroups()));
    expect(groups).toEqual([9, 3, 1]);
  });

  it('Parquet read straight into Arrow (no DuckDB) hashes the same', async () => {
    const parquet = writeParquet(arrowTable(viaCsv, 'double'), pq.Compression.ZSTD, 500);
    const columns = columnsOf(tableFromIPC(pq.readParquet(parquet).intoIPCStream()));
    expect(await ohlcvContentHash(columns)).toBe(csvHash);
  });

  it('the same bars spelled differently in CSV hash the same', async () => {
    const lines = ['Date,Open,High,Low,Close,Volume'];
    for (let i = 0; i < viaCsv.timestamp.length; i++) {
      const d = new Date(viaCsv.timestamp[i]).toISOString().replace('T', ' ').replace('.000Z', '');
      lines.push([d, viaCsv.open[i], viaCsv.high[i], viaCsv.low[i], viaCsv.close[i], viaCsv.volume[i]].join(','));
    }
    const respelled = fromCsv('goog-respelled.csv', `${lines.join('\r\n')}\r\n`);
    expect(await ohlcvContentHash(respelled)).toBe(csvHash);
  });

  it('one changed value changes the contentHash', async () => {
    const changed = { ...viaCsv, close: Float64Array.from(viaCsv.close) };
    changed.close[1000] = changed.close[1000] + 0.01;
    expect(await ohlcvContentHash(changed)).not.toBe(csvHash);
    const dropped = Object.fromEntries(OHLCV_COLUMNS.map((f) => [f, viaCsv[f].subarray(1)])) as unknown as OhlcvTable;
    expect(await ohlcvContentHash(dropped)).not.toBe(csvHash);
  });
});
