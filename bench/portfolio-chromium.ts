// Issue #12's end-to-end speed target in Chromium: a 10-year monthly-rebalanced 500-asset minimum-variance backtest
// ≤ 5 s. 500 generated instruments (bench/generated-universe.ts), one 252-day lookback then 120 monthly rebalances
// of Ledoit–Wolf + long-only minimum variance warm-started from the previous holdings, then the lab engine (WASM) on
// the target weights — in a worker of the in-browser test build's portfolio page (tests/browser/portfolio/), headless
// Chromium on a fresh profile. Once with the engine module's X'X and once with the TypeScript one (the same bits),
// in one run so the ratio holds on a loaded machine. Generating the bars is not counted.
//
//   npx tsx bench/portfolio-chromium.ts [--no-build]   (QUANTLAB_PORTFOLIO_ASSETS changes the 500)
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { build, preview } from 'vite';
import { chromiumPresent, launchFreshProfile } from './chromium-profile';

const ASSETS = Number(process.env.QUANTLAB_PORTFOLIO_ASSETS ?? 500);
const CONFIG = 'vite.browser-tests.config.ts';
const TARGET_MS = 5000;

/** CPU seconds (user + system) of every process descended from this one: Chromium's, the worker's included. */
function chromiumCpuSeconds(): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name may hold spaces and parentheses: the fields after the last ")" are fixed.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(name), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // The process ended meanwhile.
    }
  }
  const ours = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, s] of stats) if (!ours.has(pid) && ours.has(s.ppid)) grew = Boolean(ours.add(pid));
  }
  let ticks = 0;
  for (const pid of ours) if (pid !== process.pid) ticks += stats.get(pid)?.ticks ?? 0;
  return ticks / 100; // USER_HZ
}

if (!chromiumPresent('portfolio backtest in Chromium')) process.exit(0);
if (!process.argv.includes('--no-build')) await build({ configFile: CONFIG, logLevel: 'warn' });
const server = await preview({ configFile: CONFIG, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
const { context, close } = await launchFreshProfile('quantlab-portfolio-bench-');
try {
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview reported no URL');
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(new URL('portfolio/', url).href);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const cpuOf = async <T>(call: () => Promise<T>): Promise<{ value: T; cpu: number }> => {
    const cpu0 = chromiumCpuSeconds();
    const value = await call();
    return { value, cpu: (chromiumCpuSeconds() - cpu0) * 1000 };
  };
  const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
  const generate = await cpuOf(() => page.evaluate((n) => window.__portfolio!.prepare(n), ASSETS));
  console.log(
    `minimum-variance backtest in a Chromium worker, ${ASSETS} assets, 120 monthly rebalances (bars generated in ${ms(generate.cpu).trim()} CPU; load ${loadavg()[0].toFixed(1)})`,
  );
  console.log('  wall ms as the worker saw them; CPU ms of all Chromium processes (steadier on a loaded machine)');
  for (const kernel of ['engine', 'typescript'] as const) {
    const { value: f, cpu } = await cpuOf(() => page.evaluate((k) => window.__portfolio!.backtest(k), kernel));
    const cov = await cpuOf(() => page.evaluate((k) => window.__portfolio!.covariances(k), kernel));
    const per = (x: number) => `${(x / f.rebalanceCount).toFixed(1)} ms per rebalance`;
    console.log(`  X'X in ${kernel === 'engine' ? 'the engine module' : 'TypeScript'}:                wall         CPU`);
    console.log(`    returns + Ledoit–Wolf          ${ms(f.covarianceMs)}   ${ms(cov.cpu)}  (${per(cov.cpu)} CPU, measured alone)`);
    console.log(
      `    long-only min variance         ${ms(f.optimizerMs)}               (${per(f.optimizerMs)} wall; ${Math.min(...f.held)}–${Math.max(...f.held)} assets held)`,
    );
    console.log(`    lab engine run (WASM)          ${ms(f.engineMs)}               (${f.fills} fills, final NAV ${f.finalNav.toFixed(0)})`);
    console.log(`    end to end                     ${ms(f.totalMs)}   ${ms(cpu)}  (target ≤ ${TARGET_MS} ms; load ${loadavg()[0].toFixed(1)})`);
  }
} finally {
  await close();
  await server.close();
}
