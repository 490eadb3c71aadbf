// Start-up of the `quantlab` command through its bin (bin/quantlab.js running the build in dist-cli/): `--help`,
// which loads no command, and `artifacts get ID --json` on a store holding GOOG alone, which loads one command and
// decodes one small Parquet file. Best of 5 wall times of a whole process each; the same two from the TypeScript
// source through tsx (what every call cost before the build) for comparison. Run with `npm run bench`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildCli, cliBuildIsCurrent } from '../scripts/build-cli.mjs';
import { sharedDataPath } from '../tests/helpers/shared-data';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = ['bin/quantlab.js'];
const SOURCE = ['--import', 'tsx', 'src/cli/run.ts'];
const REPEATS = 5;
const SOURCE_REPEATS = 3;

function run(entry: string[], args: string[]): { seconds: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...entry, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`quantlab ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return { seconds, stdout: r.stdout };
}

function best(entry: string[], args: string[], repeats: number): number {
  let t = Infinity;
  for (let i = 0; i < repeats; i++) t = Math.min(t, run(entry, args).seconds);
  return t;
}

if (!cliBuildIsCurrent()) await buildCli();
const store = mkdtempSync(join(tmpdir(), 'quantlab-bench-cli-'));
try {
  const imported = JSON.parse(run(BIN, ['artifacts', 'import', sharedDataPath('GOOG.csv'), '--store', store, '--json']).stdout) as {
    results: Array<{ id: string }>;
  };
  const get = ['artifacts', 'get', imported.results[0].id, '--store', store, '--json'];
  const help = ['--help'];

  const row = (label: string, value: string) => console.log(`  ${label.padEnd(34)}${value}`);
  const s = (t: number) => `${t.toFixed(3)} s`;
  const tHelp = best(BIN, help, REPEATS);
  const tGet = best(BIN, get, REPEATS);
  const tHelpSource = best(SOURCE, help, SOURCE_REPEATS);
  const tGetSource = best(SOURCE, get, SOURCE_REPEATS);
  console.log(`CLI start-up through bin/quantlab.js, built (best of ${REPEATS}; from source through tsx: best of ${SOURCE_REPEATS})`);
  row('quantlab --help', `${s(tHelp)}  (target ≤ 0.25 s; from source ${s(tHelpSource)}, ${(tHelpSource / tHelp).toFixed(1)}× slower)`);
  row('quantlab artifacts get ID --json', `${s(tGet)}  (target ≤ 0.4 s; from source ${s(tGetSource)}, ${(tGetSource / tGet).toFixed(1)}× slower)`);
} finally {
  rmSync(store, { recursive: true, force: true });
}
