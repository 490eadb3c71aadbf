// The lab engine on a universe: 500 instruments × 2,520 daily bars (ten years of weekdays, generated and seeded),
// the built-in xmom rebalancing monthly (12-1 momentum, long the top 50, short the bottom 50), with costs.
//
//   npm run -s build:engine && npx tsx bench/lab-universe.ts         # both engines, one child process each
//   npx tsx bench/lab-universe.ts wasm|ts|wasm-limits                 # one engine in this process
//
// Each engine runs in its own process (neither warms up or collects garbage for the other), best of a few runs:
// instrument-bars per second end to end (validation, copying the timeline in, the run, collecting the result), the
// WASM/TS ratio, and memory: the WASM process's peak RSS growth over its first run, and the module's linear
// memory, each against the bars' column bytes (time + five K×T f64 columns). Equal NAV hashes: the same bits. The
// best run's stages (the engines' stage probe): validation; setup (the module: the timeline copied in; the
// reference: its state allocated); the bar loop; copying the result out. The process CPU time of the best run is
// printed beside its wall time: on a shared machine it moves less with the load; trust the ratio more than rates.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { compileNodeEngine } from '../src/adapters/node/engine-loader';
import { LabXmom, runLab, type LabConfigInput, type LabResult, type LabStageProbe, type LabTimeline } from '../src/core/lab';
import { createEngine } from '../src/engine/engine-module';
import { generatedUniverse } from './generated-universe';

const K = 500;
const T = 2520;
const config: LabConfigInput = {
  cash: 10_000_000,
  commission: { relative: 0.0005 },
  spread: 0.0002,
  allowShort: true,
  seed: 1,
};
/** The same run with risk limits on (a 2 % position cap, gross ≤ 1, a 30 % drawdown kill switch): the `wasm-limits` row. */
const limited: LabConfigInput = {
  ...config,
  limits: { maxPositionWeight: 0.02, maxGross: 1, killSwitch: { drawdown: 0.3, action: 'flatten' } },
};
const strategy = (): LabXmom => new LabXmom({ lookback: 252, skip: 21, rebalance: 1, topK: 50, bottomK: 50 });
const columnBytes = 8 * (T + 5 * K * T);
const MiB = 2 ** 20;

/** Seconds of one run: wall time end to end, process CPU time, and the wall time of each stage. */
interface Timing {
  wall: number;
  cpu: number;
  validate: number;
  setup: number;
  loop: number;
  collect: number;
}

interface Report {
  mode: string;
  best: number;
  timing: Timing;
  runs: number;
  fills: number;
  nav: string;
  rssGrowth: number;
  linearMemory: number;
}

/**
 * Runs one engine `runs` times on the universe. Memory is the first run's: the process's peak RSS after it less its
 * RSS just before it (the bars already built), so the figure is what one run needs beyond its input.
 */
function measure(mode: string, runs: number, run: (tl: LabTimeline, probe: LabStageProbe) => LabResult, linearMemory: () => number): Report {
  const tl = generatedUniverse(K, T);
  const rss0 = process.memoryUsage().rss;
  let best = Infinity;
  let timing: Timing | undefined;
  let rssGrowth = NaN;
  let r: LabResult | undefined;
  const cpuNow = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  for (let i = 0; i < runs; i++) {
    const marks: Record<string, number> = {};
    const c0 = cpuNow();
    const t0 = performance.now();
    r = run(tl, (stage) => (marks[stage] = performance.now()));
    const t1 = performance.now();
    const wall = (t1 - t0) / 1000;
    if (wall < best) {
      best = wall;
      timing = {
        wall,
        cpu: cpuNow() - c0,
        validate: (marks.validated - t0) / 1000,
        setup: (marks.loaded - marks.validated) / 1000,
        loop: (marks.ran - marks.loaded) / 1000,
        collect: (t1 - marks.ran) / 1000,
      };
    }
    if (i === 0) rssGrowth = process.resourceUsage().maxRSS * 1024 - rss0;
  }
  const result = r as LabResult;
  const nav = createHash('sha256')
    .update(new Uint8Array(result.nav.buffer, result.nav.byteOffset, result.nav.byteLength))
    .digest('hex')
    .slice(0, 16);
  return { mode, best, timing: timing as Timing, runs, fills: result.fills.count, nav, rssGrowth, linearMemory: linearMemory() };
}

const mode = process.argv[2];
if (mode === 'wasm' || mode === 'wasm-limits') {
  const lab = (await createEngine(await compileNodeEngine())).lab;
  // The module's linear memory, through the facade's exports (private to it: a bench may look).
  const memory = (): number => (lab as unknown as { x: { memory: WebAssembly.Memory } }).x.memory.buffer.byteLength;
  const c = mode === 'wasm' ? config : limited;
  process.stdout.write(JSON.stringify(measure(mode, 5, (tl, probe) => lab.runLabWasm(tl, c, { strategy: strategy() }, probe), memory)));
} else if (mode === 'ts') {
  process.stdout.write(
    JSON.stringify(
      measure(
        mode,
        2,
        (tl, probe) => runLab(tl, config, { strategy: strategy() }, probe),
        () => 0,
      ),
    ),
  );
} else {
  const self = fileURLToPath(import.meta.url);
  const child = (m: string): Report =>
    JSON.parse(execFileSync(process.execPath, [...process.execArgv, self, m], { encoding: 'utf8', maxBuffer: 1 << 20 })) as Report;
  const wasm = child('wasm');
  const ts = child('ts');
  const withLimits = child('wasm-limits');
  const ib = K * T;
  const mps = (s: number): number => ib / s / 1e6;
  const mark = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  const row = (label: string, value: string): void => console.log(`  ${label.padEnd(38)}${value}`);
  console.log(
    `Lab engine on a universe: ${K} instruments × ${T} daily bars, xmom monthly (12-1, top 50 / bottom 50), costs (load average ${loadavg()[0].toFixed(1)})`,
  );
  row(
    `WASM, one thread (best of ${wasm.runs})`,
    `${mps(wasm.best).toFixed(1)} M instrument-bars/s (${wasm.best.toFixed(3)} s)   target ≥ 20 M: ${mark(mps(wasm.best) >= 20)}`,
  );
  row(`TypeScript reference (best of ${ts.runs})`, `${mps(ts.best).toFixed(1)} M instrument-bars/s (${ts.best.toFixed(3)} s)`);
  const ms = (s: number): string => `${(s * 1000).toFixed(1)} ms`;
  const stages = (t: Timing): string =>
    `validate ${ms(t.validate)} · setup ${ms(t.setup)} · bar loop ${ms(t.loop)} · result copy ${ms(t.collect)} (CPU ${ms(t.cpu)})`;
  row('  WASM best run', stages(wasm.timing));
  row('  TypeScript best run', stages(ts.timing));
  row('WASM / TypeScript, bar loop only', `${(ts.timing.loop / wasm.timing.loop).toFixed(2)}×`);
  row('WASM / TypeScript', `${(ts.best / wasm.best).toFixed(2)}×   target ≥ 3×: ${mark(ts.best / wasm.best >= 3)}`);
  const growth = wasm.rssGrowth / columnBytes;
  row(
    'WASM peak RSS growth / columns',
    `${(wasm.rssGrowth / MiB).toFixed(1)} MiB / ${(columnBytes / MiB).toFixed(1)} MiB = ${growth.toFixed(2)}×   target ≤ 2×: ${mark(growth <= 2)}`,
  );
  row('engine linear memory / column bytes', `${(wasm.linearMemory / MiB).toFixed(1)} MiB = ${(wasm.linearMemory / columnBytes).toFixed(2)}×`);
  row(
    `WASM with limits on (best of ${withLimits.runs})`,
    `${mps(withLimits.best).toFixed(1)} M instrument-bars/s (${withLimits.best.toFixed(3)} s) = ${(withLimits.best / wasm.best).toFixed(2)}× the time without`,
  );
  row('same NAV bits, fills', `${wasm.nav === ts.nav ? 'yes' : `NO (${wasm.nav} vs ${ts.nav})`}, ${wasm.fills} fills`);
}
