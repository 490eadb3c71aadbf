/**
 * The read commands of the built CLI (`artifacts list`, `find`, `get`, `lineage` through bin/quantlab.js) load no
 * schema library: stored records are checked by hand (src/core/artifacts/stored-check.ts) and zod, which the writes
 * need, costs every call its loading otherwise. Which modules a process loaded is logged by module hooks
 * (tests/helpers/module-log); a chunk of dist-cli/ holds zod when its source map lists a file of node_modules/zod.
 * An import, which does build records, is the control: it must be seen loading zod.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../helpers/shared-data';

const BIN = fileURLToPath(new URL('../../../bin/quantlab.js', import.meta.url));
const REGISTER = fileURLToPath(new URL('../../helpers/module-log/register.mjs', import.meta.url));
const GOOG_ID = 'art_f2e4b64306bd2b8ab341951c';

const root = mkdtempSync(join(tmpdir(), 'quantlab-read-path-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const store = join(root, 'store');
let runs = 0;

/** Runs the bin with the module log; returns the files of dist-cli/ it loaded. */
function loadedChunks(args: string[]): string[] {
  const log = join(root, `modules-${runs++}.log`);
  const r = spawnSync(process.execPath, ['--import', REGISTER, BIN, ...args, '--store', store, '--json'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, QUANTLAB_MODULE_LOG: log },
  });
  expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  const urls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  return urls.filter((u) => u.startsWith('file:') && u.includes('/dist-cli/')).map((u) => fileURLToPath(u));
}

/** The chunks among `files` built from zod's sources. */
function zodChunks(files: string[]): string[] {
  return files.filter((file) => {
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
    return map.sources.some((s) => s.includes('node_modules/zod/'));
  });
}

describe('the read commands of the built CLI load no zod', () => {
  it('an import does (the control: the log and the check see it)', () => {
    const loaded = loadedChunks(['artifacts', 'import', sharedDataPath('GOOG.csv')]);
    expect(loaded.length).toBeGreaterThan(3);
    expect(zodChunks(loaded)).not.toEqual([]);
  });

  it.each([
    ['list', ['artifacts', 'list']],
    ['find', ['artifacts', 'find', '--instrument', 'GOOG']],
    ['lineage', ['artifacts', 'lineage', GOOG_ID]],
    ['get (coverage cached by the first get)', ['artifacts', 'get', GOOG_ID]],
  ])('%s', (_name, args) => {
    if (args[1] === 'get') loadedChunks(args);
    const loaded = loadedChunks(args);
    expect(loaded.length).toBeGreaterThan(1);
    expect(zodChunks(loaded)).toEqual([]);
  });
});
