/**
 * The hand-written checks of stored records (stored-check.ts, the read path) and the zod schemas records are built
 * with (record.ts, quarantine.ts) give the same answer: every valid record passes both, and every damage below, alone
 * or two or three at once, fails both. Messages name the broken field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorruptStoreError } from '../../../src/core/artifacts/errors';
import { buildQuarantineRecord, QuarantineRecordSchema } from '../../../src/core/artifacts/quarantine';
import { ArtifactRecordSchema, buildArtifactRecord } from '../../../src/core/artifacts/record';
import { artifactRecordProblems, parseStoredQuarantine, parseStoredRecord, quarantineRecordProblems } from '../../../src/core/artifacts/stored-check';
import { ohlcvSample, resultsSample } from '../../shared/artifact-fixtures';

const H = (c: string) => c.repeat(64);
const facts = { fileHash: H('f'), storedBytes: 100, createdAtMs: Date.UTC(2026, 0, 2, 3, 4, 5) };
const OTHER_ID = 'art_0123456789abcdef01234567';

type Value = Record<string, unknown>;
/** One change to a stored value: set a key (or delete it, `undefined` as `absent`). */
type Change = [key: string, value: unknown];
const ABSENT = Symbol('absent');

/**
 * Whether the schema accepts `v`. Its cross-field refinements run even when a field failed, and the id derivation
 * then throws on a malformed hash: that is a refusal too (the hand check reports it as one).
 */
function schemaAccepts(schema: { safeParse(v: unknown): { success: boolean } }, v: unknown): boolean {
  try {
    return schema.safeParse(v).success;
  } catch {
    return false;
  }
}

function apply(base: Value, changes: readonly Change[]): Value {
  let v: Value = structuredClone(base);
  for (const [key, value] of changes)
    v = value === ABSENT ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== key)) : { ...v, [key]: structuredClone(value) };
  return v;
}

/** Values each key may take, valid ones among them: a record of type `ohlcv` or `results` decides which are. */
function recordChanges(base: Value): Change[] {
  const provenance = base.provenance as Value;
  const values: Record<string, unknown[]> = {
    manifestVersion: [1, 2, '1', null, ABSENT],
    id: [base.id, 'art_000000000000000000000000', 'art_XYZ', 'q_000000000000000000000000', 5, ABSENT],
    kind: ['ohlcv', 'results', 'features', 'nope', null],
    contentHash: [H('a'), H('A'), 'abc', null],
    fileHash: [H('b'), `${H('b')}0`, null, ABSENT],
    format: ['parquet', 'csv'],
    schema: [
      [{ name: 'x', type: 'utf8' }],
      [],
      [
        { name: 'x', type: 'utf8' },
        { name: 'x', type: 'float64' },
      ],
      [{ name: '', type: 'utf8' }],
      [{ name: 'x', type: 'blob' }],
      [{ name: 'x', type: 'utf8', extra: 1 }],
      [{ name: 'x' }],
      'x',
    ],
    rowCount: [0, 3, -1, 1.5, Number.NaN, Infinity, 2 ** 53, '3', null],
    instruments: [[], ['A', 'B'], ['B', 'A'], ['A', 'A'], [''], [1], 'A'],
    timeRange: [
      null,
      { startMs: 0, endMs: 1 },
      { startMs: 2, endMs: 1 },
      { startMs: -5, endMs: -5 },
      { startMs: 0 },
      { startMs: 0, endMs: 1, x: 1 },
      { startMs: 0.5, endMs: 1 },
      { startMs: 2 ** 53, endMs: 2 ** 53 },
      [0, 1],
    ],
    interval: [null, '1d', '1D', '1mo', '2h', '', '90s', 5],
    sizes: [
      { storedBytes: 1, sourceBytes: null },
      { storedBytes: 1, sourceBytes: 0 },
      { storedBytes: -1, sourceBytes: null },
      { storedBytes: 1 },
      { storedBytes: 1, sourceBytes: 2.5 },
      { storedBytes: 1, sourceBytes: null, x: undefined },
      null,
    ],
    createdAt: [
      '2026-01-02T03:04:05.000Z',
      '2024-02-29T00:00:00Z',
      '2000-02-29T23:59:59.123456Z',
      '2026-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-01-02T03:04Z',
      '2026-01-02T03:04:05+01:00',
      '2026-13-01T00:00:00Z',
      '2026-01-02 03:04:05Z',
      '2026-01-02T24:00:00Z',
      '2026-01-02T03:04:60Z',
      '2026-01-02T03:04:05.Z',
      '2026-01-02T03:04:05',
      0,
    ],
    provenance: [
      provenance,
      { ...provenance, sourceFileName: null, sourceFileHash: null },
      { ...provenance, sourceFileName: '' },
      { ...provenance, sourceFileHash: 'x' },
      { ...provenance, appVersion: '' },
      { ...provenance, extra: 1 },
      { sourceFileName: 'a.csv', appVersion: '1' },
      null,
    ],
    inputs: [[], [OTHER_ID], [base.id], [OTHER_ID, OTHER_ID], ['x'], 'x'],
    tags: [[], ['a', 'b'], ['b', 'a'], [''], ['a', 'a'], [1]],
    extra: [ABSENT, 1, undefined],
  };
  return Object.entries(values).flatMap(([key, list]) => list.map((value): Change => [key, value]));
}

function quarantineChanges(base: Value): Change[] {
  const reason = { code: 'empty', message: 'x.csv is empty', row: null, column: null };
  const values: Record<string, unknown[]> = {
    manifestVersion: [1, 2, ABSENT],
    id: [base.id, 'q_000000000000000000000000', 'art_000000000000000000000000', ABSENT],
    fileHash: [H('e'), 'x', ABSENT],
    size: [0, 5, -1, 0.5, '5'],
    sourceFileName: ['x.csv', '', null],
    kindHint: [null, 'ohlcv', 'nope'],
    reasons: [
      [reason],
      [reason, { ...reason, row: 3, column: 'close' }],
      [],
      [{ ...reason, code: '' }],
      [{ ...reason, row: -1 }],
      [{ ...reason, row: 1.5 }],
      [{ ...reason, column: 5 }],
      [{ ...reason, extra: 1 }],
      [{ code: 'a', message: 'b', row: null }],
      'x',
    ],
    totalReasons: [ABSENT, undefined, 1, 2, 0, -1, 1.5, '2'],
    createdAt: ['1970-01-01T00:00:00.000Z', '1970-01-01', 'x'],
    appVersion: ['1', '', 1],
    extra: [ABSENT, 1],
  };
  return Object.entries(values).flatMap(([key, list]) => list.map((value): Change => [key, value]));
}

async function recordBases(): Promise<Value[]> {
  const ohlcv = buildArtifactRecord((await ohlcvSample(3, { tags: ['a', 'b'], instrument: 'GOOG' })).draft, facts);
  const results = buildArtifactRecord({ ...(await resultsSample('r', [OTHER_ID], ['x'])).draft, interval: '1d' }, facts);
  return [ohlcv, results] as unknown as Value[];
}

const quarantineBase = buildQuarantineRecord(
  { sourceFileName: 'x.csv', reasons: [{ code: 'empty', message: 'x.csv is empty (0 bytes)' }], appVersion: '1' },
  { fileHash: H('e'), size: 0, createdAtMs: 0 },
) as unknown as Value;

describe('checks of stored records by hand', () => {
  it('manifest records: the same answer as ArtifactRecordSchema for each damage alone, and valid ones come back unchanged', async () => {
    let accepted = 0;
    let refused = 0;
    for (const base of await recordBases()) {
      expect(artifactRecordProblems(base)).toEqual([]);
      expect(parseStoredRecord(structuredClone(base), 'k')).toEqual(ArtifactRecordSchema.parse(base));
      for (const change of recordChanges(base)) {
        const v = apply(base, [change]);
        const byHand = artifactRecordProblems(v);
        expect(byHand.length === 0, `${change[0]} = ${String(change[1])}: ${byHand.join('; ')}`).toBe(schemaAccepts(ArtifactRecordSchema, v));
        if (byHand.length === 0) accepted++;
        else refused++;
      }
    }
    // Both kinds of answer happen: the list holds valid values as well as damage.
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(100);
  });

  it('manifest records: the same answer for two or three damages at once', async () => {
    const bases = await recordBases();
    const cases = fc.tuple(fc.constantFrom(...bases), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 2, max: 3 }));
    fc.assert(
      fc.property(cases, ([base, seed, n]) => {
        const all = recordChanges(base);
        const changes = Array.from({ length: n }, (_, i) => all[(seed * (i + 7919)) % all.length]);
        const v = apply(base, changes);
        return (artifactRecordProblems(v).length === 0) === schemaAccepts(ArtifactRecordSchema, v);
      }),
      { numRuns: 1000, seed: 19 },
    );
  });

  it('quarantine records: the same answer as QuarantineRecordSchema, alone and combined', () => {
    expect(quarantineRecordProblems(quarantineBase)).toEqual([]);
    expect(parseStoredQuarantine(structuredClone(quarantineBase), 'k')).toEqual(QuarantineRecordSchema.parse(quarantineBase));
    const all = quarantineChanges(quarantineBase);
    for (const change of all) {
      const v = apply(quarantineBase, [change]);
      const byHand = quarantineRecordProblems(v);
      expect(byHand.length === 0, `${change[0]} = ${String(change[1])}: ${byHand.join('; ')}`).toBe(schemaAccepts(QuarantineRecordSchema, v));
    }
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...all), { minLength: 2, maxLength: 3 }), (changes) => {
        const v = apply(quarantineBase, changes);
        return (quarantineRecordProblems(v).length === 0) === schemaAccepts(QuarantineRecordSchema, v);
      }),
      { numRuns: 1000, seed: 19 },
    );
  });

  it('a broken stored record is a CorruptStoreError naming where it was and each broken field', async () => {
    const [base] = await recordBases();
    const damaged = apply(base, [
      ['rowCount', -1],
      ['tags', ['']],
      ['extra', 1],
    ]);
    expect(() => parseStoredRecord(damaged, 'manifest/x.json')).toThrow(CorruptStoreError);
    expect(() => parseStoredRecord(damaged, 'manifest/x.json')).toThrow(
      'manifest/x.json: not a valid manifest record: (record): unrecognized keys "extra"',
    );
    const fields = apply(base, [
      ['rowCount', -1],
      ['tags', ['']],
    ]);
    expect(artifactRecordProblems(fields)).toEqual(['rowCount: expected a non-negative safe integer', 'tags.0: expected a non-empty string']);
    expect(() => parseStoredQuarantine(apply(quarantineBase, [['reasons', []]]), 'q/y.json')).toThrow(
      'q/y.json: not a valid quarantine record: reasons: expected at least one reason',
    );
  });
});
