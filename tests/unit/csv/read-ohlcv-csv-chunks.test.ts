/**
 * The chunked CSV reader gives readOhlcvCsv's rows, line numbers and problems whatever the chunk boundaries: inside
 * a quoted field, between CR and LF, inside a multi-byte character, before and after the header.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readOhlcvCsv, type ReadOhlcvCsvOptions } from '../../../src/core/csv/read-ohlcv-csv';
import { readOhlcvCsvChunks } from '../../../src/core/csv/read-ohlcv-csv-chunks';
import { generatedBarsCsv } from '../../helpers/generated-bars-csv';

async function* split(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let from = 0;
  for (const cut of [...new Set(cuts.map((c) => Math.min(bytes.length, c)))].sort((a, b) => a - b)) {
    yield bytes.slice(from, cut);
    from = cut;
  }
  yield bytes.slice(from);
}

async function chunked(bytes: Uint8Array, cuts: readonly number[], options: ReadOhlcvCsvOptions & { batchRows?: number }) {
  const csv = readOhlcvCsvChunks(split(bytes, cuts), options);
  const close: number[] = [];
  const timestamp: number[] = [];
  const rows: number[] = [];
  const instrument: string[] = [];
  const sizes: number[] = [];
  for await (const b of csv.batches) {
    sizes.push(b.rowNumbers.length);
    close.push(...b.table.close);
    timestamp.push(...b.table.timestamp);
    rows.push(...b.rowNumbers);
    instrument.push(...(b.table.instrument ?? []));
  }
  return { close, timestamp, rows, instrument, sizes, summary: csv.summary() };
}

function whole(bytes: Uint8Array, options: ReadOhlcvCsvOptions) {
  const r = readOhlcvCsv(new TextDecoder().decode(bytes), options);
  const { table, rowNumbers, ...summary } = r;
  return { close: [...table.close], timestamp: [...table.timestamp], rows: [...rowNumbers], instrument: table.instrument ?? [], summary };
}

const awkward = [
  '\uFEFF\r\n\r\nDate;Symbol;Open;High;Low;Close;Volume\r\n',
  '2024-01-02;"AB\r\nC";1,5;2;1;1.5;10\r\n',
  '2024-01-03;"A""B";1;2;1;1.5;"1\r\n0"\r\n',
  '\r\n2024-01-04;é€;1;2;1;x;10\r\n',
  '2024-01-05;é€;1;2;1;1;\r\n',
  '2024-01-06;é€;1;2\r\n',
  '2024-01-07;"unterminated;1;2;1;1;1\r\n2024-01-08;a;1;2;1;1;1\r\n',
].join('');

describe('readOhlcvCsvChunks', () => {
  it('reads an awkward file cut anywhere exactly as the whole text', async () => {
    const bytes = new TextEncoder().encode(awkward);
    const options = { source: 'awkward.csv', collectProblems: 100, batchRows: 2 };
    const expected = whole(bytes, options);
    expect(expected.summary.problemCount).toBeGreaterThan(3);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 12 }), async (cuts) => {
        const got = await chunked(bytes, cuts, options);
        expect({ close: got.close, timestamp: got.timestamp, rows: got.rows, instrument: got.instrument, summary: got.summary }).toEqual(expected);
      }),
      { numRuns: 200 },
    );
    // Every single cut position too.
    for (let cut = 0; cut <= bytes.length; cut++) {
      const got = await chunked(bytes, [cut], options);
      expect(got.rows).toEqual(expected.rows);
      expect(got.summary).toEqual(expected.summary);
    }
  });

  it('yields full batches of batchRows and the rest last', async () => {
    const bytes = new TextEncoder().encode(generatedBarsCsv({ rows: 1000, quoteEvery: 7 }));
    const got = await chunked(bytes, [1, 2, 3, 500, 4096, 30_000], { batchRows: 300 });
    expect(got.sizes).toEqual([300, 300, 300, 100]);
    const expected = whole(bytes, {});
    expect(got.timestamp).toEqual(expected.timestamp);
    expect(got.rows).toEqual(expected.rows);
  });

  it('throws the whole-text reader’s error for an unusable header', async () => {
    const bytes = new TextEncoder().encode('timestamp,open,high,low\n2024-01-01,1,2,1\n');
    await expect(chunked(bytes, [3, 10], {})).rejects.toThrow(/missing-column/);
    await expect(chunked(new Uint8Array(0), [], {})).rejects.toThrow(/empty-file/);
  });
});
