/**
 * Parquet streamed row group by row group against the whole-file import: the same outcome — id, record, stored
 * bytes, coverage, quarantine reasons with their rows and columns — for files whose row groups are smaller than,
 * larger than or not aligned with a canonical batch (65,536 rows), read from a Blob or gathered from chunks; the
 * source bytes hashed and reported as progress; and no temp data left behind.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBarsFile } from '../../../src/adapters/node/decode-bars-file';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import { tempDirSpace } from '../../../src/adapters/node/temp-dir-space';
import { readOhlcvCsv } from '../../../src/core/csv/read-ohlcv-csv';
import { importArtifact, type ImportOutcome } from '../../../src/handlers/import-artifact';
import { importArtifactStream, type ImportStreamDeps } from '../../../src/handlers/import-artifact-stream';
import { steppingClock } from '../../shared/artifact-fixtures';
import { generatedBarsCsv } from '../../helpers/generated-bars-csv';
import { sharedDataPath } from '../../helpers/shared-data';

const GOOG_ID = 'art_f2e4b64306bd2b8ab341951c';
const root = mkdtempSync(join(tmpdir(), 'quantlab-import-parquet-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const codec = new NodeParquetCodec();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

type Columns = Record<string, unknown[] | Float64Array | Int32Array>;

function parquetOf(columns: Columns, rowGroupRows: number, compression = pq.Compression.SNAPPY): Uint8Array {
  const table = tableFromArrays(columns as Parameters<typeof tableFromArrays>[0]);
  const props = new pq.WriterPropertiesBuilder().setCompression(compression).setMaxRowGroupSize(rowGroupRows).build();
  return pq.writeParquet(pq.Table.fromIPCStream(tableToIPC(table, 'stream')), props);
}

/** Bars of a CSV as Parquet columns: timestamps as Arrow dates, or as epoch seconds when `epochSeconds`. */
function columnsOf(csv: string, epochSeconds = false): Columns {
  const t = readOhlcvCsv(csv, { source: 'x.csv' }).table;
  return {
    time: epochSeconds ? Float64Array.from(t.timestamp, (ms) => ms / 1000) : Array.from(t.timestamp, (ms) => new Date(ms)),
    Open: t.open,
    High: t.high,
    Low: t.low,
    Close: t.close,
    Volume: t.volume,
  };
}

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

interface Both {
  whole: ImportOutcome;
  stream: ImportOutcome;
  wholeStore: DirArtifactStore;
  streamStore: DirArtifactStore;
  tempDir: string;
  progress: number[];
}

/** Imports `bytes` as `name` into two fresh stores, whole and streamed (from a Blob unless `gathered`). */
async function both(name: string, bytes: Uint8Array, options: { gathered?: boolean; maxReasons?: number } = {}): Promise<Both> {
  const wholeStore = await DirArtifactStore.open(join(root, `whole-${++n}`), { clock: steppingClock() });
  const streamStore = await DirArtifactStore.open(join(root, `stream-${n}`), { clock: steppingClock() });
  const tempDir = join(root, `temp-${n}`);
  mkdirSync(tempDir);
  const reasons = options.maxReasons === undefined ? {} : { maxReasons: options.maxReasons };
  const whole = await importArtifact({ store: wholeStore, decode: decodeBarsFile, parquet: codec, appVersion: 't' }, { name, bytes }, reasons);
  const deps: ImportStreamDeps = {
    store: streamStore,
    parquet: codec,
    temp: tempDirSpace(tempDir),
    appVersion: 't',
    wholeFile: { decode: decodeBarsFile, parquet: codec },
  };
  const progress: number[] = [];
  const file = {
    name,
    open: () => chunksOf(bytes, 10_007),
    ...(options.gathered ? {} : { blob: async () => new Blob([bytes.slice()]) }),
  };
  const stream = await importArtifactStream(deps, file, { ...reasons, onBytes: (b) => progress.push(b) });
  return { whole, stream, wholeStore, streamStore, tempDir, progress };
}

async function expectSame(r: Both): Promise<void> {
  expect(r.stream).toEqual(r.whole);
  expect(readdirSync(r.tempDir)).toEqual([]);
  if (r.whole.status !== 'quarantined' && r.stream.status !== 'quarantined') {
    expect(sha256(await r.streamStore.readBytes(r.stream.record.id, { verify: true }))).toBe(sha256(await r.wholeStore.readBytes(r.whole.record.id)));
  } else if (r.whole.status === 'quarantined' && r.stream.status === 'quarantined') {
    expect(sha256(await r.streamStore.readQuarantinedBytes(r.stream.entry.id))).toBe(
      sha256(await r.wholeStore.readQuarantinedBytes(r.whole.entry.id)),
    );
  }
}

const reasonsOf = (o: ImportOutcome) => (o.status === 'quarantined' ? o.entry.reasons.map((x) => `${x.row}:${x.column}:${x.code}`) : []);

describe('importArtifactStream on Parquet', () => {
  const goog = readFileSync(sharedDataPath('GOOG.csv'), 'utf8');

  it('imports GOOG as Parquet of 300-row groups as the whole file: same id, record, stored bytes', async () => {
    for (const gathered of [false, true]) {
      const bytes = parquetOf(columnsOf(goog), 300);
      const r = await both('GOOG.parquet', bytes, { gathered });
      expect(r.stream.status).toBe('created');
      if (r.stream.status === 'created') expect(r.stream.record.id).toBe(GOOG_ID);
      await expectSame(r);
      // Progress is the source bytes hashed so far: it only grows, and ends at the file's size.
      expect(r.progress.at(-1)).toBe(bytes.length);
      expect(r.progress.every((b, i) => i === 0 || b >= r.progress[i - 1])).toBe(true);
      expect(r.progress.length).toBeGreaterThan(2);
    }
  });

  it.each([
    ['30,000-row groups (several per batch, cut across)', 30_000],
    ['100,000-row groups (a batch cut inside a group)', 100_000],
    ['one row group', 1_000_000],
  ])('imports 150,000 generated minute bars in %s as the whole file', async (_label, groupRows) => {
    const bytes = parquetOf(columnsOf(generatedBarsCsv({ rows: 150_000 })), groupRows, pq.Compression.ZSTD);
    const r = await both('MINUTES.parquet', bytes);
    expect(r.stream.status).toBe('created');
    if (r.stream.status === 'created') {
      expect(r.stream.record.rowCount).toBe(150_000);
      expect(r.stream.record.interval).toBe('1m');
    }
    await expectSame(r);
  });

  it('judges epoch seconds from the first row of the file and keeps it for later row groups', async () => {
    const bytes = parquetOf(columnsOf(generatedBarsCsv({ rows: 70_000 }), true), 20_000);
    const r = await both('SECONDS.parquet', bytes);
    expect(r.stream.status).toBe('created');
    await expectSame(r);
  });

  it('quarantines rule violations in later row groups with rows numbered from the file’s start', async () => {
    const cols = columnsOf(generatedBarsCsv({ rows: 140_000 }));
    const high = Float64Array.from(cols.High as Float64Array);
    const low = cols.Low as Float64Array;
    high[70_000] = low[70_000] - 1; // row 70,001
    high[131_071] = low[131_071] - 1; // the second batch's last row
    const bytes = parquetOf({ ...cols, High: high }, 50_000);
    const r = await both('DAMAGED.parquet', bytes);
    expect(reasonsOf(r.stream)).toEqual([
      '70001:high:high>=max(open,close)',
      '70001:high:high>=low',
      '131072:high:high>=max(open,close)',
      '131072:high:high>=low',
    ]);
    await expectSame(r);
    await expectSame(await both('DAMAGED.parquet', bytes, { maxReasons: 3 }));
  });

  it('quarantines an unreadable timestamp in the third row group at its row, as the whole file', async () => {
    const t = readOhlcvCsv(generatedBarsCsv({ rows: 100_000 }), { source: 'x.csv' }).table;
    const iso = Array.from(t.timestamp, (ms) => new Date(ms).toISOString());
    iso[90_000] = 'yesterday';
    const bytes = parquetOf({ timestamp: iso, open: t.open, high: t.high, low: t.low, close: t.close, volume: t.volume }, 40_000);
    const r = await both('TEXT.parquet', bytes);
    expect(reasonsOf(r.stream)).toEqual(['90001:timestamp:unparseable-timestamp']);
    await expectSame(r);
  });

  it('quarantines empty, non-Parquet, column-less, row-less and damaged files like the whole file', async () => {
    const good = parquetOf(columnsOf(goog), 500);
    const { Volume: _dropped, ...noVolume } = columnsOf(goog);
    await expectSame(await both('EMPTY.parquet', new Uint8Array(0)));
    await expectSame(await both('GARBAGE.parquet', new TextEncoder().encode('not parquet at all')));
    await expectSame(await both('TRUNCATED.parquet', good.subarray(0, 4000)));
    await expectSame(await both('NOVOL.parquet', parquetOf(noVolume, 500)));
    await expectSame(await both('NOROWS.parquet', parquetOf({ time: [] as Date[], open: [], high: [], low: [], close: [], volume: [] }, 500)));
    // A damaged data page: both refuse it as unreadable Parquet (the library's words may differ by reader).
    const damaged = good.slice();
    damaged.fill(0xff, 2000, 2400);
    const r = await both('DAMAGED.parquet', damaged);
    expect(r.stream.status).toBe('quarantined');
    expect(r.whole.status).toBe('quarantined');
    if (r.stream.status === 'quarantined') expect(r.stream.entry.reasons.map((x) => x.code)).toEqual(['unreadable-parquet']);
    expect(readdirSync(r.tempDir)).toEqual([]);
    // The reader trapped on the damage (parquet-wasm's async reader panics): the next file still imports.
    const after = await both('GOOG.parquet', good);
    expect(after.stream.status).toBe('created');
    await expectSame(after);
  });
});
