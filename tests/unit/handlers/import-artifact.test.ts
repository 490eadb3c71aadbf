/**
 * The import use case on a real directory store with the Node decoder and Parquet writer: created / existing /
 * quarantined, what the record says, and that the stored Parquet is canonical (same content → same bytes).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBarsFile } from '../../../src/adapters/node/decode-bars-file';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import { readBarsBytes } from '../../../src/adapters/node/read-bars-file';
import { OHLCV_SCHEMA } from '../../../src/core/artifacts/ohlcv-content';
import { readOhlcvCsv } from '../../../src/core/csv/read-ohlcv-csv';
import type { OhlcvTable } from '../../../src/core/domain/ohlcv-table';
import {
  importArtifact,
  InstrumentConflictError,
  instrumentFromFileName,
  type ImportArtifactDeps,
  type ImportOutcome,
} from '../../../src/handlers/import-artifact';
import { canonicalOhlcvIpc, CANONICAL_PARQUET_V1 } from '../../../src/handlers/import-canonical-parquet';
import type { DecodeBarsFile } from '../../../src/handlers/import-decode';
import { steppingClock } from '../../shared/artifact-fixtures';
import { sharedDataPath } from '../../helpers/shared-data';

// Pinned in tests/unit/cli/artifacts.test.ts, where the derivation is explained.
const GOOG_ID = 'art_f2e4b64306bd2b8ab341951c';
/**
 * fileHash of GOOG's stored Parquet: depends on the bytes parquet-wasm 0.8.0 writes with CANONICAL_PARQUET_V1 (not
 * on the machine or the run). A writer upgrade may change it; the id above does not depend on it.
 */
const GOOG_FILE_HASH = 'c2f3a744d734f90112bff46e99baf62dca345c51d6e367c852e4ccd0916e00c3';

const root = mkdtempSync(join(tmpdir(), 'quantlab-import-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

const codec = new NodeParquetCodec();
const googBytes = new Uint8Array(readFileSync(sharedDataPath('GOOG.csv')));
const googBars = readOhlcvCsv(new TextDecoder().decode(googBytes), { source: 'GOOG.csv' }).table;
const text = (s: string) => new TextEncoder().encode(s);

async function setup(decode: DecodeBarsFile = decodeBarsFile): Promise<{ deps: ImportArtifactDeps; store: DirArtifactStore }> {
  const store = await DirArtifactStore.open(join(root, `store-${++n}`), { clock: steppingClock() });
  return { store, deps: { store, decode, parquet: codec, appVersion: '0.1.0-test' } };
}

function artifact(o: ImportOutcome) {
  if (o.status === 'quarantined') throw new Error(`quarantined: ${o.entry.reasons.map((r) => r.message).join('; ')}`);
  return o;
}

function quarantined(o: ImportOutcome) {
  if (o.status !== 'quarantined') throw new Error(`expected quarantine, got ${o.status} ${o.record.id}`);
  return o;
}

function parquetOf(columns: Record<string, unknown[] | Float64Array>, compression: pq.Compression, rowGroupRows = 1024): Uint8Array {
  const table = tableFromArrays(columns as Parameters<typeof tableFromArrays>[0]);
  const props = new pq.WriterPropertiesBuilder().setCompression(compression).setMaxRowGroupSize(rowGroupRows).build();
  return pq.writeParquet(pq.Table.fromIPCStream(tableToIPC(table, 'stream')), props);
}

function expectSameBars(a: OhlcvTable, b: OhlcvTable): void {
  for (const k of ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const) expect(a[k], k).toEqual(b[k]);
}

describe('importArtifact', () => {
  it('GOOG.csv becomes an ohlcv artifact with a full manifest record and coverage', async () => {
    const { deps, store } = await setup();
    const o = artifact(await importArtifact(deps, { name: 'GOOG.csv', bytes: googBytes }, { tags: ['daily', 'equity', 'daily'] }));
    expect(o.status).toBe('created');
    const r = o.record;
    expect(r).toMatchObject({
      manifestVersion: 1,
      id: GOOG_ID,
      kind: 'ohlcv',
      format: 'parquet',
      fileHash: GOOG_FILE_HASH,
      rowCount: 2148,
      instruments: ['GOOG'],
      interval: '1d',
      timeRange: { startMs: Date.UTC(2004, 7, 19), endMs: Date.UTC(2013, 2, 1) },
      inputs: [],
      tags: ['daily', 'equity'],
      createdAt: '2026-01-01T00:00:00.000Z',
      provenance: { sourceFileName: 'GOOG.csv', sourceFileHash: createHash('sha256').update(googBytes).digest('hex'), appVersion: '0.1.0-test' },
      sizes: { sourceBytes: googBytes.length },
    });
    expect(r.schema).toEqual(OHLCV_SCHEMA);
    expect(r.contentHash.startsWith(GOOG_ID.slice(4))).toBe(true);
    expect(o.coverage.instruments[0]).toMatchObject({ instrument: 'GOOG', bars: 2148, gapCount: 77, missingBars: 79 });

    // The stored bytes are Parquet that reads back to exactly the CSV's bars.
    const stored = await store.readBytes(r.id, { verify: true });
    expect(r.sizes.storedBytes).toBe(stored.length);
    expectSameBars(await readBarsBytes('stored.parquet', stored), googBars);
    const meta = (await pq.ParquetFile.fromFile(new Blob([stored.slice()]))).metadata();
    expect(meta.fileMetadata().createdBy()).toBe(CANONICAL_PARQUET_V1.createdBy);
  });

  it('writes canonical Parquet: the same content gives the same bytes, whatever file it came from', async () => {
    const a = await codec.writeParquet(canonicalOhlcvIpc(googBars), CANONICAL_PARQUET_V1);
    const b = await codec.writeParquet(canonicalOhlcvIpc({ ...googBars, close: Float64Array.from(googBars.close) }), CANONICAL_PARQUET_V1);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(createHash('sha256').update(a).digest('hex')).toBe(GOOG_FILE_HASH);
  });

  it('the same content again (same file, or re-encoded Parquet) returns the existing artifact and stores nothing', async () => {
    const { deps, store } = await setup();
    const first = artifact(await importArtifact(deps, { name: 'GOOG.csv', bytes: googBytes }));
    const before = await store.usage();
    const again = artifact(await importArtifact(deps, { name: 'GOOG.csv', bytes: googBytes }, { tags: ['ignored'] }));
    expect(again.status).toBe('existing');
    expect(again.record).toEqual(first.record);

    const snappy = parquetOf(
      {
        Date: Array.from(googBars.timestamp, (t) => new Date(t)),
        Open: googBars.open,
        High: googBars.high,
        Low: googBars.low,
        Close: googBars.close,
        Volume: googBars.volume,
      },
      pq.Compression.SNAPPY,
      300,
    );
    const viaParquet = artifact(await importArtifact(deps, { name: 'goog-snappy.parquet', bytes: snappy }));
    expect(viaParquet.status).toBe('existing');
    expect(viaParquet.record.id).toBe(GOOG_ID);
    expect(viaParquet.coverage.instruments[0].instrument).toBe('GOOG');
    expect(await store.usage()).toEqual(before);
  });

  it('quarantines a file that breaks schema rules, with every violation (capped) and the file kept byte for byte', async () => {
    const { deps, store } = await setup();
    const lines = [',Open,High,Low,Close,Volume'];
    for (let i = 1; i <= 30; i++) lines.push(`2020-01-${String(i).padStart(2, '0')},10,9,8,10,100`); // high < max(open, close)
    const bytes = text(`${lines.join('\n')}\n`);
    const o = quarantined(await importArtifact(deps, { name: 'bad.csv', bytes }, { maxReasons: 5 }));
    expect(o.created).toBe(true);
    expect(o.entry.reasons).toHaveLength(5);
    expect(o.entry.totalReasons).toBe(30);
    expect(o.entry.reasons[0]).toEqual({
      code: 'high>=max(open,close)',
      message: 'bad.csv: row 2, column "high": high (9) is below max(open, close) (10) [rule: high>=max(open,close)]',
      row: 2,
      column: 'high',
    });
    expect(o.entry.reasons.map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
    expect(o.entry.kindHint).toBe('ohlcv');
    expect(await store.readQuarantinedBytes(o.entry.id)).toEqual(bytes);
    expect(await store.find()).toEqual([]);
    // Bringing the same bad file again is the same entry.
    expect(quarantined(await importArtifact(deps, { name: 'bad.csv', bytes })).created).toBe(false);
  });

  it('lists every reason of a file at once: parse errors and rule violations, by row, with column and rule', async () => {
    const { deps, store } = await setup();
    // Real bars with five kinds of damage; rows are the file's lines (the header is line 1).
    const lines = new TextDecoder().decode(googBytes).trimEnd().split('\n');
    const damage = (line: number, edit: (fields: string[]) => string[]) => {
      lines[line - 1] = edit(lines[line - 1].split(',')).join(',');
    };
    damage(5, (f) => [f[0], f[1], f[2], f[3], 'n/a', f[5]]); // unparseable close
    damage(9, (f) => [f[0], f[1], f[3], f[2], f[4], f[5]]); // high and low swapped: three market rules
    damage(12, (f) => f.slice(0, 5)); // a field missing
    damage(20, (f) => ['2004-09-31x', ...f.slice(1)]); // unparseable date
    damage(30, (f) => [...f.slice(0, 5), '-100']); // negative volume
    damage(40, (f) => [f[0], 'x', f[2], f[3], f[4], '']); // two bad fields in one row
    damage(50, (f) => ['2004-08-19', ...f.slice(1)]); // time goes back
    const bytes = text(`${lines.join('\n')}\n`);
    const o = quarantined(await importArtifact(deps, { name: 'GOOG-damaged.csv', bytes }));
    expect(o.entry.reasons.map((r) => [r.row, r.column, r.code])).toEqual([
      [5, 'Close', 'unparseable-number'],
      [9, 'high', 'high>=max(open,close)'],
      [9, 'low', 'low<=min(open,close)'],
      [9, 'high', 'high>=low'],
      [12, null, 'field-count'],
      [20, '', 'unparseable-timestamp'],
      [30, 'volume', 'volume>=0'],
      [40, 'Open', 'unparseable-number'],
      [40, 'Volume', 'missing-value'],
      [50, 'timestamp', 'timestamp-increasing'],
    ]);
    expect(o.entry.totalReasons).toBe(10);
    for (const r of o.entry.reasons)
      expect(r.message).toMatch(new RegExp(`^GOOG-damaged\\.csv: row ${r.row}.*\\[rule: ${r.code.replace(/[()]/g, '\\$&')}\\]$`));
    expect(await store.readQuarantinedBytes(o.entry.id)).toEqual(bytes);
  });

  it('keeps the first 1,000 reasons of a file with many more, and counts them all', async () => {
    const { deps } = await setup();
    const lines = new TextDecoder().decode(googBytes).trimEnd().split('\n');
    // Every data row of GOOG.csv gets a word for its volume: 2,148 parse errors; every 100th line also breaks high ≥ low.
    const damaged = lines.map((line, i) => {
      if (i === 0) return line;
      const f = line.split(',');
      if (i % 100 === 0) [f[2], f[3]] = [f[3], f[2]];
      return [...f.slice(0, 5), 'lots'].join(',');
    });
    const o = quarantined(await importArtifact(deps, { name: 'words.csv', bytes: text(`${damaged.join('\n')}\n`) }));
    expect(o.entry.reasons).toHaveLength(1000);
    // Rows with an unreadable field are left out of the rule checks, so only the parse errors count here.
    expect(o.entry.totalReasons).toBe(lines.length - 1);
    expect(o.entry.reasons[0]).toMatchObject({ row: 2, column: 'Volume', code: 'unparseable-number' });
    expect(o.entry.reasons[999]).toMatchObject({ row: 1001 });
  });

  it('reports every missing column of a header', async () => {
    const { deps } = await setup();
    const o = quarantined(await importArtifact(deps, { name: 'cols.csv', bytes: text(',Open,Hihg,Close\n2020-01-01,1,1,1\n') }));
    expect(o.entry.reasons.map((r) => [r.column, r.code])).toEqual([
      ['high', 'missing-column'],
      ['low', 'missing-column'],
      ['volume', 'missing-column'],
    ]);
    expect(o.entry.reasons[0].message).toMatch(/did you mean "Hihg"/);
  });

  it.each([
    ['missing.csv', ',Open,High,Low,Close\n2020-01-01,1,1,1,1\n', 'missing-column', /column "volume"/],
    ['words.csv', ',Open,High,Low,Close,Volume\n2020-01-01,1,1,1,one,5\n', 'unparseable-number', /row 2, column "Close"/],
    ['empty.csv', '', 'empty-file', /the file is empty/],
    ['notes.txt', 'hello', 'unsupported-file-type', /unsupported file type/],
    ['cut.parquet', 'PAR1 not really', 'not-parquet', /not a Parquet file/],
    ['header-only.csv', ',Open,High,Low,Close,Volume\n', 'no-rows', /no bars/],
  ])('quarantines %s as %s', async (name, content, code, message) => {
    const { deps } = await setup();
    const o = quarantined(await importArtifact(deps, { name, bytes: text(content) }));
    expect(o.entry.reasons).toHaveLength(1);
    expect(o.entry.reasons[0].code).toBe(code);
    expect(o.entry.reasons[0].message).toMatch(message);
  });

  it('takes the instrument from an instrument column with one name, and refuses several', async () => {
    const { deps } = await setup();
    const one = artifact(
      await importArtifact(deps, {
        name: 'x.csv',
        bytes: text('date,open,high,low,close,volume,symbol\n2020-01-01,1,2,1,1,5,ACME\n2020-01-02,1,2,1,1,5,ACME\n'),
      }),
    );
    expect(one.record.instruments).toEqual(['ACME']);
    const two = quarantined(
      await importArtifact(deps, {
        name: 'y.csv',
        bytes: text('date,open,high,low,close,volume,symbol\n2020-01-01,1,2,1,1,5,ACME\n2020-01-01,1,2,1,1,5,BOLT\n'),
      }),
    );
    expect(two.entry.reasons[0]).toMatchObject({ code: 'multiple-instruments', column: 'instrument' });
    const conflict = importArtifact(
      deps,
      { name: 'z.csv', bytes: text('date,open,high,low,close,volume,symbol\n2021-01-01,1,2,1,1,5,ACME\n') },
      { instrument: 'OTHER' },
    );
    await expect(conflict).rejects.toThrow(InstrumentConflictError);
    await expect(conflict).rejects.toThrow(/instrument "OTHER" was given, but the file's instrument column says "ACME"/);
  });

  it('names the instrument after the file, or as told', async () => {
    expect(instrumentFromFileName('data/GOOG.csv')).toBe('GOOG');
    expect(instrumentFromFileName('btc.usd.parquet')).toBe('btc.usd');
    const { deps } = await setup();
    const o = artifact(
      await importArtifact(deps, { name: 'prices.csv', bytes: text(',Open,High,Low,Close,Volume\n2020-01-01,1,2,1,1,5\n') }, { instrument: 'ACME' }),
    );
    expect(o.record.instruments).toEqual(['ACME']);
    expect(o.record.interval).toBeNull();
  });

  it('quarantines bars that have no canonical encoding (a fractional millisecond) rather than rounding them', async () => {
    const bars: OhlcvTable = {
      timestamp: Float64Array.of(1000.5, 2000),
      open: Float64Array.of(1, 1),
      high: Float64Array.of(2, 2),
      low: Float64Array.of(1, 1),
      close: Float64Array.of(1, 1),
      volume: Float64Array.of(0, 0),
    };
    const { deps, store } = await setup(async () => ({ ok: true, format: 'parquet', table: bars }));
    const o = quarantined(await importArtifact(deps, { name: 'odd.parquet', bytes: text('anything') }));
    expect(o.entry.reasons[0]).toMatchObject({ code: 'canonical-encoding', row: 1, column: 'timestamp' });
    expect(await store.find()).toEqual([]);
  });
});
