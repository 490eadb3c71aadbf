import { describe, expect, it } from 'vitest';
import { InvalidArtifactError, LineageCycleError } from '../../../src/core/artifacts/errors';
import { compareRecords, matchesFilter } from '../../../src/core/artifacts/filter';
import { artifactId, quarantineId } from '../../../src/core/artifacts/ids';
import { assertAcyclic, consumerIndex, findCycle, walkLineage } from '../../../src/core/artifacts/lineage';
import { OHLCV_SCHEMA } from '../../../src/core/artifacts/ohlcv-content';
import { ParquetEnvelope } from '../../../src/core/artifacts/parquet-envelope';
import { buildQuarantineRecord } from '../../../src/core/artifacts/quarantine';
import { ArtifactRecordSchema, buildArtifactRecord, type ArtifactDraft } from '../../../src/core/artifacts/record';
import { parseStoredRecord, RECORD_KEYS } from '../../../src/core/artifacts/stored-check';
import { fakeParquet, ohlcvSample } from '../../shared/artifact-fixtures';

const H = (c: string) => c.repeat(64);
const facts = { fileHash: H('f'), storedBytes: 100, createdAtMs: Date.UTC(2026, 0, 2, 3, 4, 5) };

describe('manifest record', () => {
  it('is built deterministically from draft + facts: derived id, normalized tags, clock time', async () => {
    const { draft } = await ohlcvSample(1, { tags: [' b ', 'a', 'b', ''], instrument: 'GOOG' });
    const record = buildArtifactRecord({ ...draft, instruments: ['MSFT', 'GOOG', 'GOOG'] }, facts);
    expect(record.id).toBe(`art_${draft.contentHash.slice(0, 24)}`);
    expect(record.id).toBe(artifactId(draft.contentHash));
    expect(record.tags).toEqual(['a', 'b']);
    expect(record.instruments).toEqual(['GOOG', 'MSFT']);
    expect(record.createdAt).toBe('2026-01-02T03:04:05.000Z');
    expect(record.manifestVersion).toBe(1);
    expect(buildArtifactRecord(draft, facts)).toEqual(buildArtifactRecord(draft, facts));
    // The builder writes the keys in the order the stored-record check expects them.
    expect(Object.keys(record)).toEqual(RECORD_KEYS);
    expect(ArtifactRecordSchema.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });

  it('refuses drafts that break the rules, listing every problem', async () => {
    const { draft } = await ohlcvSample(2);
    const bad = (d: Partial<ArtifactDraft>) => () => buildArtifactRecord({ ...draft, ...d }, facts);
    expect(bad({ contentHash: H('A') })).toThrow(InvalidArtifactError);
    expect(bad({ schema: [{ name: 'close', type: 'float64' }], timeRange: null })).toThrow(
      /an ohlcv artifact has schema timestamp:timestamp-ms-utc, open:float64.*; got close:float64.*needs a timeRange/,
    );
    expect(bad({ interval: '1M' as never })).toThrow(/interval: expected an interval name/);
    expect(bad({ inputs: [artifactId(H('1')), artifactId(H('1'))] })).toThrow(/inputs are not unique/);
    expect(bad({ inputs: [artifactId(draft.contentHash)] })).toThrow(/its own input/);
    expect(bad({ rowCount: -1 })).toThrow(/rowCount/);
    expect(bad({ provenance: { ...draft.provenance, appVersion: '' } })).toThrow(/provenance.appVersion/);
    expect(() => buildArtifactRecord(draft, { ...facts, createdAtMs: NaN })).toThrow('the clock returned NaN');
    expect(buildArtifactRecord({ ...draft, kind: 'results', schema: [{ name: 'x', type: 'utf8' }], timeRange: null }, facts).kind).toBe('results');
  });

  it('reading back refuses an unknown version by name, and other damage with the broken fields', async () => {
    const record = buildArtifactRecord((await ohlcvSample(3)).draft, facts);
    expect(() => parseStoredRecord({ ...record, manifestVersion: 2 }, 'manifest/x.json')).toThrow(
      'manifest/x.json: manifest record has manifestVersion 2; this version of the lab reads version 1',
    );
    expect(() => parseStoredRecord({ ...record, id: 'art_000000000000000000000000' }, 'k')).toThrow(
      /k: not a valid manifest record: id: id must be art_/,
    );
    expect(() => parseStoredRecord({ ...record, extra: 1 }, 'k')).toThrow(/extra/);
  });

  it('quarantine entries: id from the file hash, reasons required', () => {
    const q = buildQuarantineRecord(
      { sourceFileName: 'x.csv', reasons: [{ code: 'empty', message: 'x.csv is empty (0 bytes)' }], appVersion: '1' },
      { fileHash: H('e'), size: 0, createdAtMs: 0 },
    );
    expect(q).toMatchObject({
      id: quarantineId(H('e')),
      kindHint: null,
      reasons: [{ code: 'empty', row: null, column: null }],
      createdAt: '1970-01-01T00:00:00.000Z',
    });
    expect(() =>
      buildQuarantineRecord({ sourceFileName: 'x.csv', reasons: [], appVersion: '1' }, { fileHash: H('e'), size: 0, createdAtMs: 0 }),
    ).toThrow(InvalidArtifactError);
  });
});

describe('lineage helpers', () => {
  const nodes = [
    { id: 'a', inputs: [] },
    { id: 'b', inputs: ['a'] },
    { id: 'c', inputs: ['b', 'a'] },
    { id: 'd', inputs: ['c'] },
  ];

  it('derives consumers from inputs and walks both ways', async () => {
    const consumers = consumerIndex(nodes);
    expect(Object.fromEntries(consumers)).toEqual({ a: ['b', 'c'], b: ['c'], c: ['d'] });
    const up = (id: string) => nodes.find((n) => n.id === id)?.inputs ?? [];
    const down = (id: string) => consumers.get(id) ?? [];
    expect(await walkLineage('d', up, true)).toEqual(['c', 'b', 'a']);
    expect(await walkLineage('d', up, false)).toEqual(['c']);
    expect(await walkLineage('a', down, true)).toEqual(['b', 'c', 'd']);
  });

  it('finds cycles (and only cycles), iteratively even on long chains', () => {
    expect(findCycle(nodes)).toBeUndefined();
    expect(findCycle([...nodes, { id: 'a', inputs: ['d'] }])).toEqual(['a', 'd', 'c', 'b', 'a']);
    expect(() => assertAcyclic([{ id: 'x', inputs: ['x'] }])).toThrow(LineageCycleError);
    expect(() => assertAcyclic([{ id: 'x', inputs: ['x'] }])).toThrow('lineage has a cycle: x → x');
    const chain = Array.from({ length: 50_000 }, (_, i) => ({ id: `n${i}`, inputs: i ? [`n${i - 1}`] : [] }));
    expect(findCycle(chain)).toBeUndefined();
    expect(findCycle([...chain.slice(1), { id: 'n0', inputs: ['n49999'] }])).toHaveLength(50_001);
  });
});

describe('find filter', () => {
  it('matches each criterion; untimed records never match a time range', async () => {
    const r = buildArtifactRecord({ ...(await ohlcvSample(4, { instrument: 'GOOG', tags: ['x'] })).draft }, facts);
    expect(matchesFilter(r, {})).toBe(true);
    expect(matchesFilter(r, { kind: 'ohlcv', instrument: 'GOOG', tag: 'x', interval: '1d' })).toBe(true);
    expect(matchesFilter(r, { hashPrefix: r.id })).toBe(true);
    expect(matchesFilter(r, { hashPrefix: 'art_ffff' })).toBe(r.contentHash.startsWith('ffff'));
    expect(matchesFilter(r, { hashPrefix: 'fff' })).toBe(true); // the fileHash is f…f
    expect(matchesFilter(r, { timeRange: { startMs: r.timeRange!.endMs } })).toBe(true);
    expect(matchesFilter(r, { timeRange: { startMs: r.timeRange!.endMs + 1 } })).toBe(false);
    const untimed = { ...r, timeRange: null };
    expect(matchesFilter(untimed, { timeRange: {} })).toBe(false);
    expect(
      [
        { createdAt: 'b', id: '1' },
        { createdAt: 'a', id: '2' },
        { createdAt: 'a', id: '1' },
      ].sort(compareRecords),
    ).toEqual([
      { createdAt: 'a', id: '1' },
      { createdAt: 'a', id: '2' },
      { createdAt: 'b', id: '1' },
    ]);
  });
});

describe('Parquet envelope check', () => {
  const check = (bytes: Uint8Array, split = 3) => {
    const e = new ParquetEnvelope();
    for (let i = 0; i < bytes.length; i += split) e.push(bytes.subarray(i, i + split));
    return e.problem('f.parquet');
  };

  it('accepts a sound envelope in any chunking, names the problem otherwise', () => {
    const ok = fakeParquet(new Uint8Array(40));
    for (const split of [1, 2, 5, 8, 100]) expect(check(ok, split)).toBeUndefined();
    expect(check(new Uint8Array(0))?.message).toBe('f.parquet is empty (0 bytes)');
    expect(check(ok.subarray(0, 30))?.code).toBe('truncated');
    expect(check(new TextEncoder().encode('a,b\n1,2\n'))?.message).toBe(
      'f.parquet is not a Parquet file: it starts with 61 2c 62 0a, expected 50 41 52 31 ("PAR1") — it looks like text (CSV?); convert it to Parquet first',
    );
    const lying = ok.slice();
    new DataView(lying.buffer).setUint32(lying.length - 8, 1 << 20, true);
    expect(check(lying)?.message).toMatch(/footer claims 1048576 bytes but the file has 53/);
    expect(check(new Uint8Array([0x50, 0x41]))?.code).toBe('not-parquet');
  });

  it('knows a bad head as soon as 4 bytes arrived', () => {
    const e = new ParquetEnvelope();
    e.push(new Uint8Array([0x50, 0x41, 0x52]));
    expect(e.headProblem()).toBeUndefined();
    e.push(new Uint8Array([0x32]));
    expect(e.headProblem()?.code).toBe('not-parquet');
  });

  it('OHLCV schema is the canonical six columns', () => {
    expect(OHLCV_SCHEMA).toEqual([
      { name: 'timestamp', type: 'timestamp-ms-utc' },
      { name: 'open', type: 'float64' },
      { name: 'high', type: 'float64' },
      { name: 'low', type: 'float64' },
      { name: 'close', type: 'float64' },
      { name: 'volume', type: 'float64' },
    ]);
  });
});
