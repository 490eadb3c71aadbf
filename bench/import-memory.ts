// Import memory: generates seeded minute-bar CSVs of several sizes in a temp directory (deleted afterwards), imports
// each with `quantlab artifacts import` in its own process (CSV streams in row-group batches), and reports the wall
// time, the process's peak resident memory, and the ratio of the largest file's peak to the smallest's — flat (≈1)
// when memory does not depend on the file's size. Sizes: 200 and 400 MB by default; QUANTLAB_IMPORT_BENCH_MB adds a
// larger one (e.g. 1500, a few minutes). Run with `npm run bench:import`.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { once } from 'node:events';
import { Rng } from '../src/core/rng';

const EXTRA_MB = Number(process.env.QUANTLAB_IMPORT_BENCH_MB ?? 0);
const SIZES_MB = [200, 400, ...(EXTRA_MB > 400 ? [EXTRA_MB] : [])];
const REPO = new URL('../', import.meta.url).pathname;
const MiB = 2 ** 20;

/** A seeded random walk of minute bars, written in blocks until the file reaches `bytes`; returns the row count. */
async function writeCsv(path: string, bytes: number, seed: number): Promise<number> {
  const out = createWriteStream(path);
  const rng = new Rng(seed);
  let written = 0;
  let rows = 0;
  let p = 100;
  let t = Date.UTC(2000, 0, 3);
  const header = 'timestamp,open,high,low,close,volume\n';
  out.write(header);
  written += header.length;
  while (written < bytes) {
    let block = '';
    for (let k = 0; k < 10_000; k++) {
      const o = p;
      p = Math.max(1, p * (1 + (rng.nextFloat() - 0.5) * 0.002));
      const hi = Math.max(o, p) * (1 + rng.nextFloat() * 0.001);
      const lo = Math.min(o, p) * (1 - rng.nextFloat() * 0.001);
      block += `${new Date(t).toISOString()},${o.toFixed(4)},${hi.toFixed(4)},${lo.toFixed(4)},${p.toFixed(4)},${Math.floor(rng.nextFloat() * 1e5)}\n`;
      t += 60_000;
      rows++;
    }
    written += block.length;
    if (!out.write(block)) await once(out, 'drain');
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
try {
  console.log(`Import of a generated minute-bar CSV with quantlab artifacts import (own process each)`);
  const peaks: number[] = [];
  for (const [i, mb] of SIZES_MB.entries()) {
    const file = join(dir, `bars-${mb}mb.csv`);
    const rows = await writeCsv(file, mb * 1e6, 1000 + i);
    const size = statSync(file).size;
    const r = importOnce(file, join(dir, `store-${i}`));
    rmSync(file);
    const what = `${fmt(size / 1e6, 0)} MB, ${fmt(rows, 0)} rows`;
    const result = r.ok
      ? `${fmt(r.seconds, 1)} s, peak ${fmt(r.peakRss / MiB, 0)} MiB (${fmt(r.peakRss / size, 2)}× the file)`
      : `failed after ${fmt(r.seconds, 1)} s, peak ${fmt(r.peakRss / MiB, 0)} MiB: ${r.message}`;
    console.log(`  ${what.padEnd(34)}${result}`);
    if (r.ok) peaks.push(r.peakRss);
  }
  if (peaks.length === SIZES_MB.length) {
    console.log(
      `  peak RSS ratio, ${SIZES_MB[SIZES_MB.length - 1]} MB / ${SIZES_MB[0]} MB file: ${fmt(peaks[peaks.length - 1] / peaks[0], 2)}× (flat = 1)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
