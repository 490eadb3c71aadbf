/**
 * The streaming import against the whole-file one: the same outcome — id, record, stored bytes, coverage,
 * quarantine reasons with rows and columns — on the real data files and on generated files of several batches
 * (65,536 rows each), read in chunks of awkward sizes; and no temp data left behind.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBarsFile } from '../../../src/adapters/node/decode-bars-file';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import { tempDirSpace } from '../../../src/adapters/node/temp-dir-space';
import { importArtifact, type ImportOutcome } from '../../../src/handlers/import-artifact';
import { importArtifactStream, type ImportStreamDeps } from '../../../src/handlers/import-artifact-stream';
import { steppingClock } from '../../shared/artifact-fixtures';
import { generatedBarsCsv } from '../../helpers/generated-bars-csv';
import { sharedDataPath } from '../../helpers/shared-data';

const GOOG_ID = 'art_f2e4b64306bd2b8ab341951c';
const root = mkdtempSync(join(tmpdir(), 'quantlab-import-stream-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const codec = new NodeParquetCodec();
const encode = (s: string) => new TextEncoder().encode(s);
// Large byte arrays compare by digest: a deep equality walks them value by value.
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

interface Both {
  whole: ImportOutcome;
  stream: ImportOutcome;
  wholeStore: DirArtifactStore;
  streamStore: DirArtifactStore;
  tempDir: string;
}

/** Imports `bytes` as `name` into two fresh stores, whole and streamed in `chunk`-byte pieces. */
async function both(name: string, bytes: Uint8Array, chunk: number, options: { maxReasons?: number } = {}): Promise<Both> {
  const wholeStore = await DirArtifactStore.open(join(root, `whole-${++n}`), { clock: steppingClock() });
  const streamStore = await DirArtifactStore.open(join(root, `stream-${n}`), { clock: steppingClock() });
  const tempDir = join(root, `temp-${n}`);
  mkdirSync(tempDir);
  const whole = await importArtifact({ store: wholeStore, decode: decodeBarsFile, parquet: codec, appVersion: 't' }, { name, bytes }, options);
  const deps: ImportStreamDeps = {
    store: streamStore,
    parquet: codec,
    temp: tempDirSpace(tempDir),
    appVersion: 't',
    wholeFile: { decode: decodeBarsFile, parquet: codec },
  };
  const stream = await importArtifactStream(deps, { name, open: () => chunksOf(bytes, chunk) }, options);
  return { whole, stream, wholeStore, streamStore, tempDir };
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

describe('importArtifactStream', () => {
  it.each([
    ['GOOG.csv', 4093],
    ['EURUSD.csv', 65_536],
    ['BTCUSD.csv', 7],
  ])('imports %s in %i-byte chunks exactly as the whole file', async (name, chunk) => {
    const r = await both(name, new Uint8Array(readFileSync(sharedDataPath(name))), chunk);
    expect(r.stream.status).toBe('created');
    await expectSame(r);
    if (name === 'GOOG.csv' && r.stream.status === 'created') expect(r.stream.record.id).toBe(GOOG_ID);
  });

  it('imports a generated file of three batches (CRLF, quoted fields) exactly as the whole file', async () => {
    const bytes = encode(generatedBarsCsv({ rows: 150_000, eol: '\r\n', quoteEvery: 997 }));
    const r = await both('MINUTES.csv', bytes, 65_537);
    expect(r.stream.status).toBe('created');
    if (r.stream.status !== 'quarantined') {
      expect(r.stream.record.rowCount).toBe(150_000);
      expect(r.stream.record.interval).toBe('1m');
      expect(r.stream.coverage.instruments[0].tradingWeek?.days).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);
    }
    await expectSame(r);
  });

  it('quarantines errors in the second batch and across the batch boundary with the whole file’s reasons', async () => {
    const clean = generatedBarsCsv({ rows: 140_000 }).split('\n');
    const damage = new Map<number, string>([
      [70_000, '2020-03-02T10:00:00.000Z,100,90,95,96,10'],
      [100_000, '2020-03-09T10:00:00.000Z,100,101,99,abc,10'],
      [130_000, '2020-03-16T10:00:00.000Z,100,101'],
    ]);
    // Data row 65,536 (the second batch's first, line 65,538) repeats the timestamp of the first batch's last row.
    damage.set(65_536, `${clean[65_536].split(',')[0]},${clean[65_537].split(',').slice(1).join(',')}`);
    const bytes = encode(generatedBarsCsv({ rows: 140_000, damage }));
    const r = await both('DAMAGED.csv', bytes, 1 << 16);
    expect(r.stream.status).toBe('quarantined');
    if (r.stream.status === 'quarantined') {
      const reasons = r.stream.entry.reasons.map((x) => `${x.row}:${x.column}:${x.code}`);
      expect(reasons).toEqual([
        '65538:timestamp:timestamp-increasing',
        '70002:high:high>=max(open,close)',
        '70002:high:high>=low',
        '70002:timestamp:timestamp-increasing',
        '100002:close:unparseable-number',
        '130002:null:field-count',
      ]);
    }
    await expectSame(r);
    await expectSame(await both('DAMAGED.csv', bytes, 12_345, { maxReasons: 2 }));
  });

  it('quarantines files with no header, no rows or a missing column like the whole-file import', async () => {
    await expectSame(await both('EMPTY.csv', encode('\n\n'), 1));
    await expectSame(await both('HEADER.csv', encode('timestamp,open,high,low,close,volume\n'), 5));
    await expectSame(await both('NOVOL.csv', encode('timestamp,open,high,low,close\n2020-01-01,1,1,1,1\n'), 5));
  });

  it('imports the stored Parquet again (gathered from chunks, no Blob) as the same artifact', async () => {
    const store = await DirArtifactStore.open(join(root, `pq-${++n}`), { clock: steppingClock() });
    const csv = new Uint8Array(readFileSync(sharedDataPath('GOOG.csv')));
    const first = await importArtifact({ store, decode: decodeBarsFile, parquet: codec, appVersion: 't' }, { name: 'GOOG.csv', bytes: csv });
    if (first.status === 'quarantined') throw new Error('GOOG quarantined');
    const parquet = await store.readBytes(first.record.id);
    const deps: ImportStreamDeps = {
      store,
      parquet: codec,
      temp: tempDirSpace(root),
      appVersion: 't',
      wholeFile: { decode: decodeBarsFile, parquet: codec },
    };
    const again = await importArtifactStream(deps, { name: 'GOOG.parquet', open: () => chunksOf(parquet, 1000) });
    expect(again.status).toBe('existing');
    if (again.status !== 'quarantined') expect(again.record.id).toBe(GOOG_ID);
  });
});
