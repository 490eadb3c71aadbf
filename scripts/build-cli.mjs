// Builds the `quantlab` command to plain JavaScript in dist-cli/, which bin/quantlab.js runs: no TypeScript compiled
// at start-up, and each command in its own chunk, loaded only when that command runs. Dependencies stay imports of
// node_modules (they find their .wasm and workers there), except BUNDLED below.
// Run by `npm run build:cli`, `npm run build` and `prepare` (so by `npm ci`); `--if-stale` rebuilds only when a
// source file the last build read has changed since (what `npm run quantlab` and the unit tests use).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const CLI_OUT_DIR = join(root, 'dist-cli');
/** The inputs of the last build and when it started: what `--if-stale` compares against. */
const INPUTS_FILE = join(CLI_OUT_DIR, 'inputs.json');

/**
 * Pure JavaScript libraries bundled into the build, not imported from node_modules: their ESM builds are hundreds
 * of small files, and resolving and loading those cost more than the command's work (apache-arrow about 0.25 s of
 * an `artifacts get`, bundled 0.04 s). Libraries that load .wasm or worker files next to them stay external.
 */
const BUNDLED = new Set(['apache-arrow', 'zod']);

/** `packages: 'external'`, but for BUNDLED and what they import (resolved from them, as their versions). */
const nodeModulesExternal = {
  name: 'node-modules-external',
  /** @param {import('esbuild').PluginBuild} b */
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.importer.includes('/node_modules/') && !args.path.startsWith('node:')) return undefined;
      const parts = args.path.split('/');
      const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      return BUNDLED.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

export async function buildCli() {
  // Loaded here, not at the top: a check that finds the build current never pays for esbuild.
  const { build } = await import('esbuild');
  const startedMs = Date.now();
  // Old chunks have hashed names: start from an empty folder so none is left behind.
  await rm(CLI_OUT_DIR, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { quantlab: 'src/cli/run.ts' },
    outdir: CLI_OUT_DIR,
    // Flat, the entry and its chunks side by side (a worker entry added here would sit next to the module starting
    // it, as the sweep pool expects: `new URL('./sweep-worker.js', import.meta.url)`; the CLI starts none today).
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: [nodeModulesExternal],
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = [...Object.keys(result.metafile.inputs), 'package.json', 'scripts/build-cli.mjs'];
  await writeFile(INPUTS_FILE, `${JSON.stringify({ startedMs, inputs }, null, 1)}\n`);
}

/** True when dist-cli/ exists and no file its build read was changed (or removed) after that build started. */
export function cliBuildIsCurrent() {
  if (!existsSync(INPUTS_FILE)) return false;
  const { startedMs, inputs } = /** @type {{ startedMs: number, inputs: string[] }} */ (JSON.parse(readFileSync(INPUTS_FILE, 'utf8')));
  return inputs.every((file) => {
    const stat = statSync(join(root, file), { throwIfNoEntry: false });
    return stat !== undefined && stat.mtimeMs < startedMs;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!(process.argv.includes('--if-stale') && cliBuildIsCurrent())) await buildCli();
}
