// The habits checks of `npm test` (docs/habits.md) in two lanes at once, one a core, each running its checks one after
// another. `lint:typed` (the TypeScript of src and workers, one TypeScript program) and `lint:untyped` (everything else)
// together are `npm run lint`. The lanes are balanced by CPU measured on a fresh clone (no caches): lint:typed 52 s and
// the layer rules 11 s; the lint without types 24 s, Prettier 31 s and knip 7 s.
// Each check's output is printed whole when it ends (never interleaved), with its time; the exit code is non-zero when any check failed.
import { spawn } from 'node:child_process';

/** npm scripts, by lane; a lane runs its scripts in order and goes on after a failure, so every failure is reported. */
// The layer rules and the layer picture come from one cruise of the imports (docs:arch --rules, the same report as
// check:arch).
const LANES = [
  ['lint:typed', 'docs:arch -- --check --rules'],
  ['lint:untyped', 'format:check', 'check:dead'],
];

// Started through npm, npm_execpath is npm's own CLI: the scripts run with the same npm, without a shell.
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];

/**
 * Runs one npm script with its output collected; resolves with whether it passed.
 * @param {string} script
 * @returns {Promise<boolean>}
 */
function run(script) {
  const [command, ...prefix] = npm;
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, [...prefix, 'run', '-s', ...script.split(' ')], { stdio: ['ignore', 'pipe', 'pipe'] });
    /** @type {Buffer[]} */
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('error', (e) => chunks.push(Buffer.from(`${e.message}\n`)));
    child.on('close', (code) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const text = Buffer.concat(chunks).toString('utf8').trim();
      process.stdout.write(`${code === 0 ? 'ok  ' : 'FAIL'} ${script} (${seconds} s)\n${text ? `${text}\n` : ''}`);
      resolve(code === 0);
    });
  });
}

/** @param {string[]} scripts */
async function lane(scripts) {
  let passed = true;
  for (const script of scripts) passed = (await run(script)) && passed;
  return passed;
}

const results = await Promise.all(LANES.map(lane));
if (results.includes(false)) process.exitCode = 1;
