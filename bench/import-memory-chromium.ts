// Import memory in Chromium: the production build served on localhost, headless Chromium on a fresh profile per file,
// a generated minute-bar CSV (bench/minute-bars-csv.ts) picked in the file input and imported by the import worker
// (streamed in 65,536-row batches). While the import is in flight — from the pick until its result row says
// `created` — Chromium's processes are sampled every 100 ms from /proc: the renderer's resident memory (the page and
// its import worker live there) and the proportional set size of all Chromium processes together, each against the
// same figure just before the pick. Two sizes in one run, and the ratio of their import peaks: flat (≈ 1) when memory
// does not depend on the file's size. The bars' DuckDB projection, built once the import is done, is not counted.
// Sizes: QUANTLAB_CHROMIUM_IMPORT_MB (default 200) and a quarter of it; for the 1.5 GB case run
//   QUANTLAB_CHROMIUM_IMPORT_MB=1500 npx tsx bench/import-memory-chromium.ts
// (`--no-build` serves the build already in dist/). Linux only (/proc).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build, preview } from 'vite';
import { chromiumPresent, launchFreshProfile } from './chromium-profile';
import { writeCsv } from './minute-bars-csv';

const LARGE_MB = Number(process.env.QUANTLAB_CHROMIUM_IMPORT_MB ?? 200);
const SIZES_MB = [Math.max(10, Math.round(LARGE_MB / 4)), LARGE_MB];
const SAMPLE_MS = 100;
const MiB = 2 ** 20;

interface Sample {
  /** Resident memory of the largest renderer process, bytes. */
  renderer: number;
  /** Proportional set size of every Chromium process (shared pages counted once), bytes. */
  total: number;
}

/** Chromium's processes: every descendant of this Node process (Playwright starts the browser as our child). */
function chromiumPids(): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name may hold spaces and parentheses: the fields after the last ")" are fixed.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended meanwhile.
    }
  }
  const ours = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (!ours.has(pid) && ours.has(ppid)) {
        ours.add(pid);
        grew = true;
      }
    }
  }
  ours.delete(process.pid);
  return [...ours];
}

function kib(text: string, field: string): number {
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
}

function sample(): Sample {
  let renderer = 0;
  let total = 0;
  for (const pid of chromiumPids()) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('chrom')) continue;
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      total += kib(rollup, 'Pss');
      if (cmdline.includes('--type=renderer')) renderer = Math.max(renderer, kib(rollup, 'Rss'));
    } catch {
      // The process ended meanwhile.
    }
  }
  return { renderer, total };
}

const fmt = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits });

async function importInChromium(url: string, file: string): Promise<{ seconds: number; before: Sample; peak: Sample }> {
  const { context, close } = await launchFreshProfile('quantlab-import-mem-');
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.getByTestId('app-ready').waitFor({ timeout: 180_000 });
    const before = sample();
    const peak = { ...before };
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const s = sample();
        peak.renderer = Math.max(peak.renderer, s.renderer);
        peak.total = Math.max(peak.total, s.total);
        await new Promise((r) => setTimeout(r, SAMPLE_MS));
      }
    })();
    const name = file.split('/').pop()!;
    const t0 = performance.now();
    await page.getByTestId('file-input').setInputFiles(file);
    const done = page.locator(`[data-testid="import-result"][data-file="${name}"]`);
    await done.waitFor({ timeout: 60 * 60_000 });
    const seconds = (performance.now() - t0) / 1000;
    sampling = false;
    await sampler;
    const status = await done.getAttribute('data-status');
    if (status !== 'created') throw new Error(`${name}: import ${status}: ${await done.textContent()}`);
    return { seconds, before, peak };
  } finally {
    await close();
  }
}

if (!existsSync('/proc/self/smaps_rollup')) {
  console.log('Import memory in Chromium: skipped, needs Linux /proc');
  process.exit(0);
}
if (!chromiumPresent('Import memory in Chromium')) process.exit(0);
if (!process.argv.includes('--no-build')) await build({ logLevel: 'warn' });
const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
const dir = mkdtempSync(join(tmpdir(), 'quantlab-import-mem-'));
try {
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview reported no URL');
  console.log('Import of a generated minute-bar CSV in headless Chromium (file input → import worker → IndexedDB), fresh profile each');
  const growth: number[] = [];
  for (const [i, mb] of SIZES_MB.entries()) {
    const file = join(dir, `BENCH-${mb}MB.csv`);
    const rows = await writeCsv(file, mb * 1e6, 3000 + i);
    const size = statSync(file).size;
    const r = await importInChromium(url, file);
    rmSync(file);
    const renderer = r.peak.renderer - r.before.renderer;
    const total = r.peak.total - r.before.total;
    growth.push(Math.max(renderer, total));
    console.log(
      `  ${`${fmt(size / 1e6)} MB, ${fmt(rows)} rows`.padEnd(28)}${fmt(r.seconds, 1)} s; during the import, renderer ` +
        `${fmt(r.before.renderer / MiB)} → ${fmt(r.peak.renderer / MiB)} MiB (+${fmt(renderer / MiB)}), all Chromium ` +
        `processes (PSS) ${fmt(r.before.total / MiB)} → ${fmt(r.peak.total / MiB)} MiB (+${fmt(total / MiB)}); ` +
        `peak growth ${fmt(growth[i] / size, 3)}× the file`,
    );
  }
  console.log(
    `  import memory growth ratio, ${SIZES_MB[1]} MB / ${SIZES_MB[0]} MB file: ${fmt(growth[1] / growth[0], 2)}× for ${fmt(SIZES_MB[1] / SIZES_MB[0], 1)}× the bytes (flat = 1)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
  await server.close();
}
