/**
 * A store the process cannot write (a read-only mount, a folder without write permission): list, find, get and
 * lineage still answer what they answer on the writable store, with or without a current index; import and delete
 * stop with exit 2 and a message naming the folder, and nothing in it changes. Running as root, permissions do not
 * stop writes, so the file system is made read-only for the store's folder the way the kernel says it: every write
 * there fails with EROFS (a mkdir of a folder that exists, EEXIST), as on a read-only bind mount.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cliJson, runCli } from '../../helpers/cli-run';
import { sharedDataPath } from '../../helpers/shared-data';
import { CliError } from '../../../src/cli/cli-error';

const readOnly = vi.hoisted(() => ({ roots: [] as string[] }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const under = (path: unknown) => readOnly.roots.some((root) => String(path) === root || String(path).startsWith(`${root}/`));
  const erofs = (syscall: string, path: unknown) =>
    Object.assign(new Error(`EROFS: read-only file system, ${syscall} '${String(path)}'`), {
      code: 'EROFS',
      errno: -30,
      syscall,
      path: String(path),
    });
  const refusing =
    <A extends unknown[], R>(syscall: string, fn: (path: never, ...rest: A) => Promise<R>) =>
    async (path: never, ...rest: A): Promise<R> => {
      if (under(path)) throw erofs(syscall, path);
      return fn(path, ...rest);
    };
  const fs = {
    ...real,
    open: async (path: never, flags?: string | number, mode?: number) => {
      if (under(path) && flags !== undefined && flags !== 'r') throw erofs('open', path);
      return real.open(path, flags, mode);
    },
    mkdir: async (path: never, options?: { recursive?: boolean }) => {
      if (!under(path)) return real.mkdir(path, options);
      const exists = await real.stat(path).then(
        () => true,
        () => false,
      );
      if (exists && options?.recursive) return undefined;
      throw exists ? Object.assign(new Error(`EEXIST: file already exists, mkdir '${String(path)}'`), { code: 'EEXIST' }) : erofs('mkdir', path);
    },
    writeFile: refusing('open', real.writeFile),
    appendFile: refusing('open', real.appendFile),
    rename: refusing('rename', real.rename),
    unlink: refusing('unlink', real.unlink),
    rm: refusing('rm', real.rm),
    truncate: refusing('open', real.truncate),
    utimes: refusing('utime', real.utimes),
  };
  return { ...fs, default: fs };
});

const root = mkdtempSync(join(tmpdir(), 'quantlab-read-only-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every file under `dir` with its bytes' hash and its mtime: what "nothing changed" compares. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const stamp = String(statSync(path).mtimeMs);
    out[path] = entry.isFile() ? `${createHash('sha256').update(readFileSync(path)).digest('hex')} ${stamp}` : stamp;
  }
  return out;
}

interface Listed {
  artifacts: Array<{ id: string }>;
}

describe('a store this process cannot write', () => {
  it('answers list, find, get and lineage; refuses import and delete with exit 2 naming the folder, and keeps every file', async () => {
    const store = join(root, 'store');
    const at = ['--store', store];
    await cliJson(['artifacts', 'import', sharedDataPath('GOOG.csv'), sharedDataPath('EURUSD.csv'), ...at]);
    const queries = [
      ['artifacts', 'list', ...at],
      ['artifacts', 'find', '--instrument', 'GOOG', ...at],
      ['artifacts', 'find', '--kind', 'ohlcv', ...at],
    ];
    const writable = await Promise.all(queries.map((q) => cliJson(q)));
    const goog = (writable[1] as unknown as Listed).artifacts[0].id;
    const get = await cliJson(['artifacts', 'get', goog, ...at]);
    const lineage = await cliJson(['artifacts', 'lineage', goog, ...at]);

    for (const indexed of [true, false]) {
      // Without an index (deleted before the folder became read-only), the answers come from the records.
      if (!indexed) rmSync(join(store, 'index'), { recursive: true });
      readOnly.roots.push(store);
      try {
        const before = snapshot(store);
        for (let k = 0; k < queries.length; k++) expect(await cliJson(queries[k])).toEqual(writable[k]);
        expect(await cliJson(['artifacts', 'get', goog, ...at])).toEqual(get);
        expect(await cliJson(['artifacts', 'lineage', goog, ...at])).toEqual(lineage);

        const imported = await runCli(['artifacts', 'import', sharedDataPath('BTCUSD.csv'), ...at]);
        expect(imported.error).toBeInstanceOf(CliError);
        expect((imported.error as CliError).exitCode).toBe(2);
        expect(imported.error?.message).toContain(`the artifact store at ${store} cannot be written here (EROFS)`);
        expect(imported.error?.message).toContain('storing BTCUSD.csv was refused');
        const deleted = await runCli(['artifacts', 'delete', goog, ...at]);
        expect((deleted.error as CliError).exitCode).toBe(2);
        expect(deleted.error?.message).toContain(`the artifact store at ${store} cannot be written here`);
        expect(snapshot(store)).toEqual(before);
      } finally {
        readOnly.roots.pop();
      }
    }
    // Writable again: the same store imports and deletes as before.
    await cliJson(['artifacts', 'import', sharedDataPath('BTCUSD.csv'), ...at]);
    expect((await cliJson<Listed>(['artifacts', 'list', ...at])).artifacts).toHaveLength(3);
  }, 120_000);

  it('does not create a store where it cannot write', async () => {
    const store = join(root, 'never');
    readOnly.roots.push(root);
    try {
      const r = await runCli(['artifacts', 'import', sharedDataPath('GOOG.csv'), '--store', store]);
      expect((r.error as CliError).exitCode).toBe(2);
      expect(r.error?.message).toContain(`the artifact store at ${store} cannot be written here (EROFS): creating the store was refused`);
    } finally {
      readOnly.roots.pop();
    }
  });
});
