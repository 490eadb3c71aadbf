// Start-up of the lab as a new user meets it: the production build served on localhost, headless Chromium, a fresh
// profile for a cold start (nothing cached, nothing stored), then a reload of the same profile for a warm start (the
// samples stored in IndexedDB, the build in the service worker's cache, compiled code in V8's cache). Figures are the
// page's own performance marks (`quantlab:<milestone>`, see main.ts), in seconds since navigation start; best of
// TRIALS fresh profiles. Run with `npm run bench` (after bench/run.ts) or `npx tsx bench/startup.ts [--no-build]`;
// `--dist DIR` serves another build (e.g. a copy of an older one, for a before/after in one run; implies --no-build).
import { build, preview } from 'vite';
import type { Page } from 'playwright-core';
import { chromiumPresent, launchFreshProfile } from './chromium-profile';

const TRIALS = Number(process.env.BENCH_STARTUP_TRIALS ?? 3);
const MILESTONES = ['shell-ready', 'instruments-listed', 'duckdb-ready', 'engine-ready', 'app-ready'] as const;
type Milestone = (typeof MILESTONES)[number];
type Marks = Record<Milestone, number>;
/** DuckDB's start, phase by phase (`quantlab-duckdb:<phase>`, marked in the page and in DuckDB's worker), in order. */
const DUCKDB_PHASES = [
  'wasm-fetch',
  'wasm-response',
  'client-loaded',
  'wasm-compiled',
  'wasm-instantiated',
  'instantiated',
  'opened',
  'configured',
] as const;
type Phases = Partial<Record<(typeof DUCKDB_PHASES)[number], number>>;
interface Load {
  marks: Marks;
  duckdb: Phases;
}

/** Every mark of a load, once `app-ready` is recorded (seconds since navigation start). */
async function load(page: Page): Promise<Load> {
  return { marks: await marksOfLoad(page), duckdb: await duckdbPhases(page) };
}

/** DuckDB's phase marks, the worker's put on the page's clock (a worker's times count from its own start). */
async function duckdbPhases(page: Page): Promise<Phases> {
  const collect = () => ({
    origin: performance.timeOrigin,
    marks: performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('quantlab-duckdb:'))
      .map((m) => [m.name.slice('quantlab-duckdb:'.length), m.startTime] as const),
  });
  const pageMarks = await page.evaluate(collect);
  const workerMarks = await Promise.all(page.workers().map((w) => w.evaluate(collect).catch(() => ({ origin: 0, marks: [] }))));
  const out: Phases = {};
  for (const { origin, marks } of [pageMarks, ...workerMarks]) {
    for (const [name, t] of marks) out[name as keyof Phases] = (origin + t - pageMarks.origin) / 1000;
  }
  return out;
}

async function marksOfLoad(page: Page): Promise<Marks> {
  await page.waitForFunction(() => performance.getEntriesByName('quantlab:app-ready').length > 0, undefined, { timeout: 180_000, polling: 50 });
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
  const out = {} as Marks;
  for (const m of MILESTONES) {
    const t = marks[`quantlab:${m}`];
    if (t === undefined) throw new Error(`the page recorded no quantlab:${m} mark`);
    out[m] = t / 1000;
  }
  return out;
}

async function trial(url: string): Promise<{ cold: Load; warm: Load }> {
  const { context, close } = await launchFreshProfile('quantlab-startup-');
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    const cold = await load(page);
    // A second visit: the service worker has installed the build and controls the page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 180_000, polling: 100 });
    await page.waitForLoadState('networkidle');
    await page.reload();
    const warm = await load(page);
    return { cold, warm };
  } finally {
    await close();
  }
}

if (!chromiumPresent('Start-up in headless Chromium')) process.exit(0);
const distAt = process.argv.indexOf('--dist');
const dist = distAt >= 0 ? process.argv[distAt + 1] : undefined;
if (!process.argv.includes('--no-build') && !dist) await build({ logLevel: 'warn' });
const server = await preview({
  ...(dist ? { build: { outDir: dist } } : {}),
  preview: { host: '127.0.0.1', port: 0, strictPort: false },
  logLevel: 'warn',
});
try {
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview reported no URL');
  const runs: { cold: Load; warm: Load }[] = [];
  for (let i = 0; i < TRIALS; i++) runs.push(await trial(url));
  const best = (pick: (r: { cold: Marks; warm: Marks }) => number) => Math.min(...runs.map((r) => pick({ cold: r.cold.marks, warm: r.warm.marks })));
  const row = (label: string, seconds: number, target?: number) =>
    console.log(
      `  ${label.padEnd(44)}${seconds.toFixed(2).padStart(6)} s${target === undefined ? '' : `   target ≤ ${target} s${seconds <= target ? '' : '  (missed)'}`}`,
    );
  console.log(`Start-up in headless Chromium, production build${dist ? ` in ${dist}` : ''} on localhost (best of ${TRIALS} fresh profiles)`);
  row(
    'shell interactive (cold)',
    best((r) => r.cold['shell-ready']),
    0.5,
  );
  row(
    'shell interactive (warm)',
    best((r) => r.warm['shell-ready']),
    0.5,
  );
  row(
    'stored instruments listed (warm)',
    best((r) => r.warm['instruments-listed']),
    1,
  );
  row(
    'DuckDB ready (cold)',
    best((r) => r.cold['duckdb-ready']),
    2,
  );
  row(
    'DuckDB ready (warm)',
    best((r) => r.warm['duckdb-ready']),
    0.7,
  );
  row(
    'app-ready (cold)',
    best((r) => r.cold['app-ready']),
  );
  row(
    'app-ready (warm)',
    best((r) => r.warm['app-ready']),
  );
  // Where DuckDB's start goes, in the load with the earliest duckdb-ready: each phase's time since navigation start.
  for (const which of ['cold', 'warm'] as const) {
    const fastest = runs.reduce((a, b) => (b[which].marks['duckdb-ready'] < a[which].marks['duckdb-ready'] ? b : a))[which].duckdb;
    const phases = DUCKDB_PHASES.filter((p) => fastest[p] !== undefined).map((p) => `${p} ${fastest[p]!.toFixed(2)}`);
    console.log(`    DuckDB phases (${which}, s since navigation): ${phases.join(' · ')}`);
  }
} finally {
  await server.close();
}
