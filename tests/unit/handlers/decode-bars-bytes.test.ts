/**
 * The port-based decoder the browser uses agrees with the CLI's decoder: the same tables (hence contentHashes) and the
 * same problems, file by file.
 */
import { readFileSync } from 'node:fs';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { describe, expect, it } from 'vitest';
import { decodeBarsFile } from '../../../src/adapters/node/decode-bars-file';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import { ohlcvContentHash } from '../../../src/core/artifacts/content-hash';
import { barsDecoder, barsFileFormat } from '../../../src/handlers/decode-bars-bytes';
import type { BarsFileBytes } from '../../../src/handlers/import-decode';
import { sharedDataPath } from '../../helpers/shared-data';

const decode = barsDecoder(new NodeParquetCodec());
const text = (s: string) => new TextEncoder().encode(s);

function googParquet(): Uint8Array {
  const lines = readFileSync(sharedDataPath('GOOG.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const f = lines.map((l) => l.split(','));
  const table = tableFromArrays({
    Date: f.map((x) => new Date(`${x[0]}T00:00:00Z`)),
    Open: Float64Array.from(f, (x) => Number(x[1])),
    High: Float64Array.from(f, (x) => Number(x[2])),
    Low: Float64Array.from(f, (x) => Number(x[3])),
    Close: Float64Array.from(f, (x) => Number(x[4])),
    Volume: Float64Array.from(f, (x) => Number(x[5])),
  });
  const props = new pq.WriterPropertiesBuilder().setCompression(pq.Compression.SNAPPY).setMaxRowGroupSize(300).build();
  return pq.writeParquet(pq.Table.fromIPCStream(tableToIPC(table, 'stream')), props);
}

const cases: Array<[string, BarsFileBytes]> = [
  ['GOOG.csv', { name: 'GOOG.csv', bytes: new Uint8Array(readFileSync(sharedDataPath('GOOG.csv'))) }],
  ['GOOG as SNAPPY Parquet', { name: 'GOOG.parquet', bytes: googParquet() }],
  ['a CSV without a close column', { name: 'x.csv', bytes: text('date,open,high,low,volume\n2020-01-01,1,2,0.5,10\n') }],
  ['an unreadable number', { name: 'x.csv', bytes: text('date,open,high,low,close,volume\n2020-01-01,1,2,0.5,abc,10\n') }],
  ['garbage named .parquet', { name: 'x.parquet', bytes: text('not parquet') }],
  ['a truncated Parquet file', { name: 'x.parquet', bytes: googParquet().subarray(0, 4000) }],
  ['an empty file', { name: 'x.csv', bytes: new Uint8Array(0) }],
  ['another type', { name: 'x.json', bytes: text('{}') }],
];

describe('barsDecoder (over the ParquetCodec port) and the CLI decoder', () => {
  for (const [label, file] of cases) {
    it(`agree on ${label}`, async () => {
      const ours = await decode(file);
      const cli = await decodeBarsFile(file);
      expect(ours.ok).toBe(cli.ok);
      expect(ours.format).toBe(cli.format);
      if (ours.ok && cli.ok) {
        expect(await ohlcvContentHash(ours.table)).toBe(await ohlcvContentHash(cli.table));
        expect(ours.rowNumbers === undefined).toBe(cli.rowNumbers === undefined);
      } else if (!ours.ok && !cli.ok) {
        expect(ours.problems).toEqual(cli.problems);
      }
    });
  }

  it('the CSV and the Parquet of GOOG are one content: the CLI’s pinned id', async () => {
    const [csv, parquet] = await Promise.all([decode(cases[0][1]), decode(cases[1][1])]);
    if (!csv.ok || !parquet.ok) throw new Error('GOOG did not decode');
    const hash = await ohlcvContentHash(csv.table);
    expect(await ohlcvContentHash(parquet.table)).toBe(hash);
    expect(`art_${hash.slice(0, 24)}`).toBe('art_f2e4b64306bd2b8ab341951c');
  });

  it('tells the format by the name', () => {
    expect(barsFileFormat('a.CSV')).toBe('csv');
    expect(barsFileFormat('dir/a.parquet')).toBe('parquet');
    expect(barsFileFormat('a.csv.gz')).toBeNull();
  });
});
