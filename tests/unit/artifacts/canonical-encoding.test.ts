import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalBytes, canonicalChunks } from '../../../src/core/artifacts/canonical-encoding';
import { contentHash, ohlcvContentHash } from '../../../src/core/artifacts/content-hash';
import { CanonicalEncodingError } from '../../../src/core/artifacts/errors';
import type { LogicalTable } from '../../../src/core/artifacts/logical-schema';
import { ohlcvLogicalTable } from '../../../src/core/artifacts/ohlcv-content';
import { bars } from '../../shared/artifact-fixtures';

/** Hex text with spaces/newlines/comments (`# …`) to bytes. */
function hex(text: string): Uint8Array {
  const digits = text.replace(/#[^\n]*/g, '').replace(/\s+/g, '');
  return Uint8Array.from(digits.match(/../g) ?? [], (b) => parseInt(b, 16));
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const SCHEMA_JSON =
  '[{"name":"t","type":"timestamp-ms-utc"},{"name":"px","type":"float64"},{"name":"sym","type":"utf8"},' +
  '{"name":"ok","type":"bool"},{"name":"n","type":"int64"},{"name":"d","type":"date-days"}]';

const golden: LogicalTable = {
  schema: [
    { name: 't', type: 'timestamp-ms-utc' },
    { name: 'px', type: 'float64' },
    { name: 'sym', type: 'utf8' },
    { name: 'ok', type: 'bool' },
    { name: 'n', type: 'int64' },
    { name: 'd', type: 'date-days' },
  ],
  columns: [
    new Float64Array([1_700_000_000_000, -1, 0]),
    [-0, NaN, null],
    ['é', '', null],
    [true, null, false],
    [-2n, 2n ** 53n + 1n, null],
    new Int32Array([19723, -1, 0]),
  ],
};

// Written by hand from the format in canonical-encoding.ts, not produced by the encoder.
const goldenBytes = new Uint8Array([
  ...hex('51 4c 54 41 42 4c 45 01'), // "QLTABLE" + version 1
  ...hex('bc 00 00 00'), // schema JSON is 188 bytes
  ...new TextEncoder().encode(SCHEMA_JSON),
  ...hex('03 00 00 00 00 00 00 00'), // 3 rows
  ...hex(`
    07                          # t: all valid
    00 68 e5 cf 8b 01 00 00     # 1 700 000 000 000 ms
    ff ff ff ff ff ff ff ff     # -1 ms
    00 00 00 00 00 00 00 00     # 0
    03                          # px: rows 0, 1 valid
    00 00 00 00 00 00 00 00     # -0 written as +0
    00 00 00 00 00 00 f8 7f     # NaN, the one canonical quiet NaN
    00 00 00 00 00 00 00 00     # null slot
    03                          # sym: rows 0, 1 valid
    02 00 00 00 c3 a9           # "é" (2 bytes UTF-8)
    00 00 00 00                 # "" (valid, empty)
    00 00 00 00                 # null
    05                          # ok: rows 0, 2 valid
    01 00 00                    # true, null, false
    03                          # n: rows 0, 1 valid
    fe ff ff ff ff ff ff ff     # -2
    01 00 00 00 00 00 20 00     # 2^53 + 1 (exact, via bigint)
    00 00 00 00 00 00 00 00     # null
    07                          # d: all valid
    0b 4d 00 00                 # 19723 days = 2024-01-01
    ff ff ff ff                 # -1
    00 00 00 00                 # 0
  `),
]);

// Also computed independently with Python's struct + hashlib from the layout description.
const GOLDEN_SHA256 = '653d8284c5e4695681019ef1884c81dba83b234fff866cfe62b6d7e816e63eba';

describe('canonical encoding v1', () => {
  it('matches the hand-written golden bytes, and contentHash is their SHA-256 (node:crypto)', async () => {
    expect(SCHEMA_JSON.length).toBe(188);
    expect(canonicalBytes(golden)).toEqual(goldenBytes);
    const reference = sha256(goldenBytes);
    expect(await contentHash(golden)).toBe(reference);
    // Pinned, so an implementation in another language can check itself against this vector.
    expect(reference).toBe(GOLDEN_SHA256);
  });

  it('does not depend on chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 9 }), async (chunkRows) => {
        expect(canonicalBytes(golden, { chunkRows })).toEqual(goldenBytes);
        expect(await contentHash(golden, { chunkRows })).toBe(GOLDEN_SHA256);
      }),
    );
    const big = ohlcvLogicalTable(bars(3, 1000));
    expect(await contentHash(big, { chunkRows: 7 })).toBe(await contentHash(big));
  });

  it('treats typed arrays and plain arrays of the same values alike', async () => {
    const typed: LogicalTable = { schema: [{ name: 'x', type: 'float64' }], columns: [new Float64Array([1, 2.5, -3])] };
    const plain: LogicalTable = { schema: [{ name: 'x', type: 'float64' }], columns: [[1, 2.5, -3]] };
    expect(await contentHash(typed)).toBe(await contentHash(plain));
    const ts = (c: LogicalTable['columns'][number]): LogicalTable => ({ schema: [{ name: 't', type: 'timestamp-ms-utc' }], columns: [c] });
    const a = await contentHash(ts(new Float64Array([-1, 1_700_000_000_000, -(2 ** 53) + 1])));
    expect(await contentHash(ts(new BigInt64Array([-1n, 1_700_000_000_000n, -(2n ** 53n) + 1n])))).toBe(a);
    expect(await contentHash(ts([-1, 1_700_000_000_000n, -(2 ** 53) + 1]))).toBe(a);
  });

  it("writes number timestamps as exact 64-bit two's complement", () => {
    fc.assert(
      fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (v) => {
        const bytes = canonicalBytes({ schema: [{ name: 't', type: 'timestamp-ms-utc' }], columns: [new Float64Array([v])] });
        const value = new DataView(bytes.buffer).getBigInt64(bytes.length - 8, true);
        expect(value).toBe(BigInt(v));
      }),
    );
  });

  it('-0 equals 0 and every NaN is one NaN, but NaN is not null', async () => {
    const one = (v: number | null): LogicalTable => ({ schema: [{ name: 'x', type: 'float64' }], columns: [[v]] });
    expect(await contentHash(one(-0))).toBe(await contentHash(one(0)));
    const payloadNaN = new Float64Array(new Uint32Array([1, 0x7ff00000]).buffer)[0]; // signalling-style payload
    const negativeNaN = new Float64Array(new Uint32Array([0, 0xfff80000]).buffer)[0];
    expect(Number.isNaN(payloadNaN) && Number.isNaN(negativeNaN)).toBe(true);
    const nan = await contentHash(one(NaN));
    expect(await contentHash({ schema: [{ name: 'x', type: 'float64' }], columns: [new Float64Array([payloadNaN])] })).toBe(nan);
    expect(await contentHash(one(negativeNaN))).toBe(nan);
    expect(await contentHash(one(null))).not.toBe(nan);
    expect(await contentHash(one(null))).not.toBe(await contentHash(one(0)));
    expect(await contentHash(one(Infinity))).not.toBe(await contentHash(one(-Infinity)));
  });

  it('changes with any one value, column name, type, column order or row order', async () => {
    const base = bars(5, 50);
    const h = await ohlcvContentHash(base);
    const fields = ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const;
    for (const f of fields) {
      for (const row of [0, 25, 49]) {
        const changed = { ...base, [f]: Float64Array.from(base[f]) };
        changed[f][row] += f === 'timestamp' ? 1 : 1e-9 * Math.abs(changed[f][row]) || 1e-300;
        expect(await ohlcvContentHash(changed), `${f}[${row}]`).not.toBe(h);
      }
    }
    const t = (schema: LogicalTable['schema'], columns: LogicalTable['columns']) => contentHash({ schema, columns });
    const ref = await t(
      [
        { name: 'a', type: 'float64' },
        { name: 'b', type: 'float64' },
      ],
      [
        [1, 2],
        [3, 4],
      ],
    );
    expect(
      await t(
        [
          { name: 'A', type: 'float64' },
          { name: 'b', type: 'float64' },
        ],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    ).not.toBe(ref);
    expect(
      await t(
        [
          { name: 'b', type: 'float64' },
          { name: 'a', type: 'float64' },
        ],
        [
          [3, 4],
          [1, 2],
        ],
      ),
    ).not.toBe(ref);
    expect(
      await t(
        [
          { name: 'a', type: 'float64' },
          { name: 'b', type: 'float64' },
        ],
        [
          [2, 1],
          [4, 3],
        ],
      ),
    ).not.toBe(ref);
    expect(
      await t(
        [
          { name: 'a', type: 'int64' },
          { name: 'b', type: 'float64' },
        ],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    ).not.toBe(ref);
    // Strings: boundaries are part of the content ("ab","c" ≠ "a","bc"), and no Unicode normalization.
    const s = (values: Array<string | null>) => t([{ name: 's', type: 'utf8' }], [values]);
    expect(await s(['ab', 'c'])).not.toBe(await s(['a', 'bc']));
    expect(await s(['\u00e9'])).not.toBe(await s(['e\u0301']));
    expect(await s([''])).not.toBe(await s([null]));
  });

  it('property: two float columns hash equal exactly when their canonical values are equal', async () => {
    const canon = (v: number) => (Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '0' : String(v));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.double(), { maxLength: 20 }), fc.array(fc.double(), { maxLength: 20 }), async (a, b) => {
        const ha = await contentHash({ schema: [{ name: 'x', type: 'float64' }], columns: [Float64Array.from(a)] });
        const hb = await contentHash({ schema: [{ name: 'x', type: 'float64' }], columns: [Float64Array.from(b)] });
        expect(ha === hb).toBe(a.length === b.length && a.every((v, i) => canon(v) === canon(b[i])));
      }),
      { numRuns: 200 },
    );
  });

  it('an empty table still has an identity (its schema)', async () => {
    const empty = bars(0, 0);
    const bytes = canonicalBytes(ohlcvLogicalTable(empty));
    expect(bytes.length).toBe(8 + 4 + JSON.stringify(ohlcvLogicalTable(empty).schema).length + 8);
    expect(await ohlcvContentHash(empty)).toBe(sha256(bytes));
  });

  it('refuses what it cannot encode exactly, naming column and row', () => {
    const enc = (table: LogicalTable) => () => [...canonicalChunks(table)];
    const col = (type: LogicalTable['schema'][number]['type'], values: LogicalTable['columns'][number]) =>
      enc({ schema: [{ name: 'c', type }], columns: [values] });
    expect(col('timestamp-ms-utc', new Float64Array([0, 1.5]))).toThrow(
      'column "c" row 1: expected integral epoch milliseconds (a safe integer or a bigint), got 1.5',
    );
    expect(col('timestamp-ms-utc', new Float64Array([NaN]))).toThrow(CanonicalEncodingError);
    expect(col('timestamp-ms-utc', [2 ** 60])).toThrow(/row 0/);
    expect(col('int64', [2n ** 63n])).toThrow('within the int64 range');
    expect(col('float64', [1, '2'])).toThrow('column "c" row 1: expected a number or null, got "2"');
    expect(col('utf8', ['ok', '\ud800x'])).toThrow('row 1: expected a well-formed string (no lone surrogate)');
    expect(col('bool', [1])).toThrow('expected a boolean or null, got 1');
    expect(col('date-days', [0.5])).toThrow('integral days since 1970-01-01');
    expect(col('float64', new Int32Array([1]))).toThrow('column "c" (float64) was given a Int32Array; expected Float64Array or an array');
    expect(
      enc({
        schema: [
          { name: 'a', type: 'float64' },
          { name: 'a', type: 'float64' },
        ],
        columns: [[1], [2]],
      }),
    ).toThrow('duplicate column name "a"');
    expect(
      enc({
        schema: [
          { name: 'a', type: 'float64' },
          { name: 'b', type: 'float64' },
        ],
        columns: [[1], [2, 3]],
      }),
    ).toThrow('column "b" has 2 rows, column "a" has 1');
    expect(enc({ schema: [{ name: 'a', type: 'float64' }], columns: [] })).toThrow('schema has 1 columns but 0 column arrays were given');
    expect(enc({ schema: [], columns: [] })).toThrow('at least one column');
    // A paired surrogate (an emoji) is fine.
    expect(col('utf8', ['📈'])).not.toThrow();
  });
});
