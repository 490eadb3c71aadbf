/** Files the e2e tests import, written in Node (parquet-wasm's Node build for Parquet). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { sharedDataPath } from '../helpers/shared-data';

const dir = mkdtempSync(join(tmpdir(), 'quantlab-e2e-data-'));

export function writeTemp(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A shared CSV (`,Open,High,Low,Close,Volume`, dates) as Parquet with a real TIMESTAMP column. */
export function sharedCsvAsParquet(csvName: string, fileName: string, compression: pq.Compression, rowGroupRows: number): string {
  const lines = readFileSync(sharedDataPath(csvName), 'utf8').trim().split(/\r?\n/).slice(1);
  const cols = { Date: [] as Date[], Open: [] as number[], High: [] as number[], Low: [] as number[], Close: [] as number[], Volume: [] as number[] };
  for (const line of lines) {
    const f = line.split(',');
    cols.Date.push(new Date(`${f[0]}T00:00:00Z`));
    cols.Open.push(Number(f[1]));
    cols.High.push(Number(f[2]));
    cols.Low.push(Number(f[3]));
    cols.Close.push(Number(f[4]));
    cols.Volume.push(Number(f[5]));
  }
  const table = tableFromArrays({
    Date: cols.Date,
    Open: Float64Array.from(cols.Open),
    High: Float64Array.from(cols.High),
    Low: Float64Array.from(cols.Low),
    Close: Float64Array.from(cols.Close),
    Volume: Float64Array.from(cols.Volume),
  });
  const props = new pq.WriterPropertiesBuilder().setCompression(compression).setMaxRowGroupSize(rowGroupRows).build();
  return writeTemp(fileName, pq.writeParquet(pq.Table.fromIPCStream(tableToIPC(table, 'stream')), props));
}

const generated = new Map<string, string>();

/** Valid minute bars, `rows` of them from 2020-01-01, as CSV text (a deterministic walk; generated once per shape). */
export function minuteBarsCsv(rows: number, startPrice = 100): string {
  const key = `${rows}:${startPrice}`;
  let text = generated.get(key);
  if (text === undefined) {
    text = generateMinuteBars(rows, startPrice);
    generated.set(key, text);
  }
  return text;
}

function generateMinuteBars(rows: number, startPrice: number): string {
  const parts: string[] = ['timestamp,open,high,low,close,volume\n'];
  let price = startPrice;
  let t = Date.UTC(2020, 0, 1);
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const step = (((i * 7919) % 2001) - 1000) / 100_000;
    const open = price;
    const close = Math.max(1, Math.round(price * (1 + step) * 100) / 100);
    const high = Math.max(open, close) + 0.05;
    const low = Math.max(0.5, Math.min(open, close) - 0.05);
    chunk += `${new Date(t).toISOString()},${open},${high.toFixed(2)},${low.toFixed(2)},${close},${(i % 997) + 10}\n`;
    if (chunk.length > 1 << 20) {
      parts.push(chunk);
      chunk = '';
    }
    price = close;
    t += 60_000;
  }
  parts.push(chunk);
  return parts.join('');
}
