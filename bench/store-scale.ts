// The command line on large stores, measured through the bin (bin/quantlab.js running dist-cli/) as a user runs it:
// `artifacts list`, `find --instrument`, `lineage` and `get` on generated stores of 5,000 and 50,000 small OHLCV
// artifacts (bench/store-scale-fixture.ts; cached under the OS temp folder), and one `artifacts import` of 5,000
// small CSV files into an empty store. Each query: best of 3 whole processes, after one untimed call that builds
// the store index (its time is printed too). Each figure is printed with its target. Run with `npm run bench`, or
// alone with `npx tsx bench/store-scale.ts [--skip-50k] [--skip-import]`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildCli, cliBuildIsCurrent } from '../scripts/build-cli.mjs';
import { generatedStore, instrumentOf, smallCsv } from './store-scale-fixture';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPEATS = 3;
const IMPORT_FILES = 5_000;

function run(args: string[]): { seconds: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['bin/quantlab.js', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1024 * 2 ** 20 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`quantlab ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return { seconds, stdout: r.stdout };
}

function best(args: string[]): number {
  let t = Infinity;
  for (let i = 0; i < REPEATS; i++) t = Math.min(t, run(args).seconds);
  return t;
}

const s = (t: number) => `${t.toFixed(3)} s`;
const row = (label: string, t: number, target: number) =>
  console.log(`  ${label.padEnd(44)}${s(t).padStart(9)}  (target ≤ ${target} s${t <= target ? '' : ', MISSED'})`);

if (!cliBuildIsCurrent()) await buildCli();
const skip50k = process.argv.includes('--skip-50k');
const skipImport = process.argv.includes('--skip-import');

// What every process pays before any work: Node itself (the machine's load shows here first).
let tNode = Infinity;
for (let i = 0; i < REPEATS; i++) {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  tNode = Math.min(tNode, (performance.now() - t0) / 1000);
}
console.log(`Store scale through bin/quantlab.js (best of ${REPEATS} processes; \`node -e 0\` takes ${s(tNode)} here)`);
row('quantlab --help', best(['--help']), 0.25);

for (const count of skip50k ? [5_000] : [5_000, 50_000]) {
  const store = await generatedStore(count, (line) => console.log(line));
  const at = ['--store', store.dir, '--json'];
  const first = run(['artifacts', 'find', '--instrument', store.instrument, ...at]);
  console.log(`  ${count} artifacts: first query (checks or builds the index) ${s(first.seconds)}`);
  const listed = JSON.parse(run(['artifacts', 'list', ...at]).stdout) as { artifacts: unknown[] };
  const found = JSON.parse(first.stdout) as { artifacts: unknown[] };
  const lineage = JSON.parse(run(['artifacts', 'lineage', store.lineageId, ...at]).stdout) as { down?: unknown[] };
  if (found.artifacts.length !== 10 || (lineage.down?.length ?? 0) < 1) throw new Error(`unexpected answers on the generated store ${store.dir}`);
  row(`artifacts list --json (${listed.artifacts.length})`, best(['artifacts', 'list', ...at]), count <= 5_000 ? 0.6 : 3);
  row(`artifacts find --instrument X --json (${found.artifacts.length})`, best(['artifacts', 'find', '--instrument', store.instrument, ...at]), 0.4);
  row(`artifacts lineage ID --json (${lineage.down?.length} down)`, best(['artifacts', 'lineage', store.lineageId, ...at]), 0.4);
  row('artifacts get ID --json', best(['artifacts', 'get', store.lineageId, ...at]), 0.4);
}

if (!skipImport) {
  const work = mkdtempSync(join(tmpdir(), 'quantlab-bench-import-'));
  try {
    const files: string[] = [];
    // Offset from the generated stores' artifacts so that nothing here is already known to any store.
    for (let k = 0; k < IMPORT_FILES; k++) {
      const path = join(work, `${instrumentOf(k)}-${k % 10}.csv`);
      writeFileSync(path, smallCsv(1_000_000 + k));
      files.push(path);
    }
    const t = run(['artifacts', 'import', ...files, '--store', join(work, 'store'), '--json']).seconds;
    row(`artifacts import of ${IMPORT_FILES} small CSV files`, t, 30);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
