/**
 * Two `quantlab artifacts import` processes on one store at the same time (real processes through the bin), with
 * overlapping files: afterwards the records, the store index and what the commands answer agree, nothing is lost
 * and the shared files are stored once.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../../helpers/cli-process';
import { sharedDataPath } from '../../helpers/shared-data';

const root = mkdtempSync(join(tmpdir(), 'quantlab-concurrent-import-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** GOOG.csv cut into `count` files of `rows` consecutive bars each (header repeated). */
function googSlices(count: number, rows: number, prefix = 'goog'): string[] {
  const [header, ...lines] = readFileSync(sharedDataPath('GOOG.csv'), 'utf8').trim().split(/\r?\n/);
  return Array.from({ length: count }, (_, k) => {
    const path = join(root, `${prefix}-${String(k).padStart(3, '0')}.csv`);
    writeFileSync(path, `${header}\n${lines.slice(k * rows, (k + 1) * rows).join('\n')}\n`);
    return path;
  });
}

interface Listed {
  artifacts: Array<{ id: string; instruments: string[]; sizes: unknown }>;
}

describe('two import processes on one store', () => {
  it('leave records, index and answers consistent', async () => {
    const files = googSlices(40, 50);
    const store = join(root, 'store');
    const importing = (part: string[]) =>
      runCliProcess(['artifacts', 'import', ...part, '--instrument', 'GOOG', '--store', store, '--json'], { cwd: root });
    const [a, b] = await Promise.all([importing(files.slice(0, 25)), importing(files.slice(15))]);
    expect(a.stderr).toBe('');
    expect([a.code, b.code]).toEqual([0, 0]);
    const results = [a, b].flatMap((r) => (JSON.parse(r.stdout.toString('utf8')) as { results: Array<{ id: string; status: string }> }).results);
    const ids = new Set(results.map((r) => r.id));
    expect(ids.size).toBe(40);
    // Each overlapping file was created by exactly one of them.
    expect(results.filter((r) => r.status === 'created')).toHaveLength(40);

    // The truth: the record files.
    const manifest = readdirSync(join(store, 'manifest')).map((n) => JSON.parse(readFileSync(join(store, 'manifest', n), 'utf8')) as { id: string });
    expect(new Set(manifest.map((r) => r.id))).toEqual(ids);
    const head = JSON.parse(readFileSync(join(store, 'index', 'head.json'), 'utf8')) as { generation: number };
    expect(head.generation).toBeGreaterThan(0); // kept up by the writers, not rebuilt after them

    const list = await runCliProcess(['artifacts', 'list', '--store', store, '--json'], { cwd: root });
    const listed = (JSON.parse(list.stdout.toString('utf8')) as Listed).artifacts;
    expect(listed.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const r of listed) expect(r).toEqual(manifest.find((m) => m.id === r.id));
    const found = await runCliProcess(['artifacts', 'find', '--instrument', 'GOOG', '--store', store, '--json'], { cwd: root });
    expect((JSON.parse(found.stdout.toString('utf8')) as Listed).artifacts.map((r) => r.id)).toEqual(listed.map((r) => r.id));

    // The same answers from an index rebuilt from the records alone.
    rmSync(join(store, 'index'), { recursive: true });
    const again = await runCliProcess(['artifacts', 'list', '--store', store, '--json'], { cwd: root });
    expect(again.stdout.toString('utf8')).toBe(list.stdout.toString('utf8'));
  }, 240_000);

  it('an import of many files killed mid-way leaves a readable store whose index is rebuilt, and finishes when run again', async () => {
    const files = googSlices(400, 5, 'kill');
    const store = join(root, 'killed');
    const manifest = join(store, 'manifest');
    const bin = fileURLToPath(new URL('../../../bin/quantlab.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'artifacts', 'import', ...files, '--instrument', 'GOOG', '--store', store, '--json'], {
      cwd: root,
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Killed once some groups are committed and while others are in flight.
    const recordCount = () => (existsSync(manifest) ? readdirSync(manifest).length : 0);
    while (recordCount() < 40 && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const committed = readdirSync(manifest).map((n) => JSON.parse(readFileSync(join(manifest, n), 'utf8')) as { id: string; fileHash: string });
    expect(committed.length).toBeGreaterThanOrEqual(40);
    expect(committed.length).toBeLessThan(400);
    // Every record names whole bytes: blobs come before the records that name them.
    for (const r of committed) {
      const blob = readFileSync(join(store, 'blobs', 'sha256', r.fileHash.slice(0, 2), r.fileHash));
      expect(createHash('sha256').update(blob).digest('hex')).toBe(r.fileHash);
    }
    // Readable: the listing is the records (the index caught up or was rebuilt), and the same without any index.
    const list = await runCliProcess(['artifacts', 'list', '--store', store, '--json'], { cwd: root });
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout.toString('utf8')) as Listed).artifacts.map((r) => r.id).sort()).toEqual(committed.map((r) => r.id).sort());
    rmSync(join(store, 'index'), { recursive: true });
    const rebuilt = await runCliProcess(['artifacts', 'list', '--store', store, '--json'], { cwd: root });
    expect(rebuilt.stdout.toString('utf8')).toBe(list.stdout.toString('utf8'));

    // Run again: what was committed is found, the rest is created, and nothing is left over.
    const again = await runCliProcess(['artifacts', 'import', ...files, '--instrument', 'GOOG', '--store', store, '--json'], { cwd: root });
    expect(again.stderr).toBe('');
    const results = (JSON.parse(again.stdout.toString('utf8')) as { results: Array<{ id: string; status: string }> }).results;
    expect(
      results
        .filter((r) => r.status === 'existing')
        .map((r) => r.id)
        .sort(),
    ).toEqual(committed.map((r) => r.id).sort());
    expect(new Set(results.map((r) => r.id)).size).toBe(400);
    const found = await runCliProcess(['artifacts', 'find', '--instrument', 'GOOG', '--store', store, '--json'], { cwd: root });
    expect((JSON.parse(found.stdout.toString('utf8')) as Listed).artifacts).toHaveLength(400);
    expect(readdirSync(manifest)).toHaveLength(400);
  }, 240_000);
});
