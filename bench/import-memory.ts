// Import memory: generates seeded minute-bar CSV and Parquet files of several sizes in a temp directory (deleted
// afterwards), imports each with `quantlab artifacts import` in its own process (CSV streams in row-group batches,
// Parquet row group by row group), and reports the wall time, the process's peak resident memory, and the ratio of
// the largest file's peak to the smallest's — flat (≈1) when memory does not depend on the file's size.
// CSV: 200 and 400 MB; QUANTLAB_IMPORT_BENCH_MB adds a larger one (e.g. 1500, a few minutes). Parquet (ZSTD, row
// groups of 1,048,576 rows, parquet-rs's default): 100 and 300 MB, and a 100 MB file written as one row group, whose
// compressed bytes the reader holds whole (the documented limit). QUANTLAB_IMPORT_BENCH_FORMATS=csv or =parquet runs
// one part. Run with `npm run bench:import`.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { once } from 'node:events';
import * as parquet from 'parquet-wasm';
import { Rng } from '../src/core/rng';
import { writeCsv } from './minute-bars-csv';
import { canonicalOhlcvIpc } from '../src/handlers/import-canonical-parquet';

const EXTRA_MB = Number(process.env.QUANTLAB_IMPORT_BENCH_MB ?? 0);
const SIZES_MB = [200, 400, ...(EXTRA_MB > 400 ? [EXTRA_MB] : [])];
const FORMATS = (process.env.QUANTLAB_IMPORT_BENCH_FORMATS ?? 'csv,parquet').split(',');
/** Parquet files: size in MB and rows per row group. */
const PARQUET: readonly { mb: number; groupRows: number }[] = [
  { mb: 100, groupRows: 1 << 20 },
  { mb: 300, groupRows: 1 << 20 },
  { mb: 100, groupRows: 1 << 30 },
];
const REPO = new URL('../', import.meta.url).pathname;
const MiB = 2 ** 20;

/**
 * The same seeded walk as Parquet (ZSTD, `groupRows` rows per row group), written by parquet-wasm's streaming writer
 * until the file reaches `bytes`; returns the row count.
 */
async function writeParquet(path: string, bytes: number, groupRows: number, seed: number): Promise<number> {
  const out = createWriteStream(path);
  const rng = new Rng(seed);
  const batchRows = 65_536;
  let rows = 0;
  let p = 100;
  let t = Date.UTC(2000, 0, 3);
  // ~20 bytes a row once compressed: stop when the rows made so far would fill the file.
  const targetRows = Math.round(bytes / 20);
  const batches = new ReadableStream<parquet.RecordBatch>({
    pull(controller) {
      if (rows >= targetRows) {
        controller.close();
        return;
      }
      const cols = {
        timestamp: new Float64Array(batchRows),
        open: new Float64Array(batchRows),
        high: new Float64Array(batchRows),
        low: new Float64Array(batchRows),
        close: new Float64Array(batchRows),
        volume: new Float64Array(batchRows),
      };
      for (let k = 0; k < batchRows; k++) {
        const o = p;
        p = Math.max(1, p * (1 + (rng.nextFloat() - 0.5) * 0.002));
        cols.timestamp[k] = t;
        cols.open[k] = Math.round(o * 1e4) / 1e4;
        cols.close[k] = Math.round(p * 1e4) / 1e4;
        cols.high[k] = Math.round(Math.max(o, p) * (1 + rng.nextFloat() * 0.001) * 1e4) / 1e4;
        cols.low[k] = Math.round(Math.min(o, p) * (1 - rng.nextFloat() * 0.001) * 1e4) / 1e4;
        cols.volume[k] = Math.floor(rng.nextFloat() * 1e5);
        t += 60_000;
      }
      rows += batchRows;
      for (const b of parquet.Table.fromIPCStream(canonicalOhlcvIpc(cols)).recordBatches()) controller.enqueue(b);
    },
  });
  const props = new parquet.WriterPropertiesBuilder().setCompression(parquet.Compression.ZSTD).setMaxRowGroupSize(groupRows).build();
  const reader = ((await parquet.transformParquetStream(batches, props)) as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!out.write(value)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return rows;
}

/** Imports `file` in a fresh process; its peak RSS comes from the kernel's accounting of that process. */
function importOnce(file: string, store: string): { seconds: number; peakRss: number; ok: boolean; message: string } {
  const report = 'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nMAXRSS "+process.resourceUsage().maxRSS+"\\n"))';
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--import', report, join(REPO, 'bin/quantlab.js'), 'artifacts', 'import', file, '--store', store, '--json'],
    {
      encoding: 'utf8',
      maxBuffer: 64 * MiB,
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  const kib = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  const ok = r.status === 0;
  const message = ok ? '' : (r.stderr.split('\n').find((l) => l.trim().length > 0 && !l.startsWith('MAXRSS')) ?? `exit ${r.status}`).slice(0, 160);
  return { seconds, peakRss: kib * 1024, ok, message };
}

const fmt = (x: number, digits = 1) => x.toLocaleString('en-US', { maximumFractionDigits: digits });
const dir = mkdtempSync(join(tmpdir(), 'quantlab-import-bench-'));

/** Imports each file `make` writes, one line each; returns the peaks of the files that imported. */
async function series(files: readonly { label: string; make: (path: string) => Promise<number>; ext: string }[]): Promise<number[]> {
  const peaks: number[] = [];
  for (const [i, f] of files.entries()) {
    const file = join(dir, `bars-${i}.${f.ext}`);
    const rows = await f.make(file);
    const size = statSync(file).size;
    const r = importOnce(file, join(dir, `store-${f.ext}-${i}`));
    rmSync(file);
    const what = `${f.label}${fmt(size / 1e6, 0)} MB, ${fmt(rows, 0)} rows`;
    const result = r.ok
      ? `${fmt(r.seconds, 1)} s, peak ${fmt(r.peakRss / MiB, 0)} MiB (${fmt(r.peakRss / size, 2)}× the file)`
      : `failed after ${fmt(r.seconds, 1)} s, peak ${fmt(r.peakRss / MiB, 0)} MiB: ${r.message}`;
    console.log(`  ${what.padEnd(52)}${result}`);
    peaks.push(r.ok ? r.peakRss : NaN);
  }
  return peaks;
}

try {
  if (FORMATS.includes('csv')) {
    console.log(`Import of a generated minute-bar CSV with quantlab artifacts import (own process each)`);
    const peaks = await series(SIZES_MB.map((mb, i) => ({ label: '', ext: 'csv', make: (path) => writeCsv(path, mb * 1e6, 1000 + i) })));
    if (peaks.every(Number.isFinite)) {
      console.log(
        `  peak RSS ratio, ${SIZES_MB[SIZES_MB.length - 1]} MB / ${SIZES_MB[0]} MB file: ${fmt(peaks[peaks.length - 1] / peaks[0], 2)}× (flat = 1)`,
      );
    }
  }
  if (FORMATS.includes('parquet')) {
    console.log(`Import of a generated minute-bar Parquet file (ZSTD) with quantlab artifacts import (own process each)`);
    const peaks = await series(
      PARQUET.map(({ mb, groupRows }, i) => ({
        label: groupRows >= 1 << 30 ? 'one row group, ' : `${fmt(groupRows, 0)}-row groups, `,
        ext: 'parquet',
        make: (path) => writeParquet(path, mb * 1e6, groupRows, 2000 + i),
      })),
    );
    if (Number.isFinite(peaks[0]) && Number.isFinite(peaks[1])) {
      console.log(`  peak RSS ratio, ${PARQUET[1].mb} MB / ${PARQUET[0].mb} MB file (same row groups): ${fmt(peaks[1] / peaks[0], 2)}× (flat = 1)`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
