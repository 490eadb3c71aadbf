import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { appendFile, copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import type { ArtifactFilter } from '../../../src/core/artifacts/filter';
import type { ArtifactStore } from '../../../src/ports/artifact-store';
import { ohlcvSample, resultsSample, steppingClock } from '../../shared/artifact-fixtures';

const root = mkdtempSync(join(tmpdir(), 'quantlab-store-index-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const newRoot = () => join(root, `s${++n}`);

const FILTERS: ArtifactFilter[] = [
  {},
  { kind: 'ohlcv' },
  { kind: 'results' },
  { instrument: 'AAA' },
  { instrument: 'BBB' },
  { tag: 'daily' },
  { interval: '1h' },
  { hashPrefix: 'art_' },
  { timeRange: { startMs: Date.UTC(2024, 0, 3) } },
  { timeRange: { endMs: Date.UTC(2023, 0, 1) } },
];

/** Everything a reader can ask, as one comparable value. */
async function answers(store: ArtifactStore) {
  const all = await store.find();
  const lineage = [];
  for (const r of all) {
    lineage.push({
      id: r.id,
      up: (await store.lineage(r.id, 'up', { transitive: true })).map((x) => x.id),
      down: (await store.lineage(r.id, 'down', { transitive: true })).map((x) => x.id).sort(),
      down1: (await store.lineage(r.id, 'down')).map((x) => x.id),
    });
  }
  const found = [];
  for (const f of FILTERS) found.push((await store.find(f)).map((r) => r.id));
  const byPrefix = await store.find({ hashPrefix: all[0].contentHash.slice(0, 6) });
  return { all, lineage, found, byPrefix: byPrefix.map((r) => r.id), quarantine: await store.listQuarantine() };
}

/** A store with ohlcv bars of two instruments, results made from them (two levels), a deletion and a quarantined file. */
async function populated(dir: string) {
  const store = await DirArtifactStore.open(dir, { clock: steppingClock() });
  const s1 = await ohlcvSample(1, { instrument: 'AAA', tags: ['daily'] });
  const a1 = (await store.put(s1.draft, s1.bytes)).record;
  const s2 = await ohlcvSample(2, { instrument: 'AAA', startMs: Date.UTC(2024, 0, 5) });
  const a2 = (await store.put(s2.draft, s2.bytes)).record;
  const s3 = await ohlcvSample(3, { instrument: 'BBB', interval: '1h' });
  const b3 = (await store.put(s3.draft, s3.bytes)).record;
  const r1 = await resultsSample('r1', [a1.id, b3.id]);
  const run1 = (await store.put(r1.draft, r1.bytes)).record;
  const r2 = await resultsSample('r2', [run1.id]);
  await store.put(r2.draft, r2.bytes);
  const gone = await resultsSample('gone', [a2.id]);
  const g = (await store.put(gone.draft, gone.bytes)).record;
  await store.delete(g.id);
  await store.quarantine({ sourceFileName: 'bad.csv', reasons: [{ code: 'x', message: 'row 2: bad' }], appVersion: 't' }, new Uint8Array([1, 2, 3]));
  return { store, ids: { a1: a1.id, a2: a2.id, b3: b3.id, run1: run1.id } };
}

describe('the directory store index', () => {
  it('answers from the index what a scan of the records answers', async () => {
    const { store, ids } = await populated(newRoot());
    const got = await answers(store);
    expect(got.all.map((r) => r.id)).toHaveLength(5);
    expect(got.found[3]).toEqual([ids.a1, ids.a2]);
    expect(got.found[4]).toEqual([ids.b3]);
    expect(got.lineage.find((l) => l.id === ids.a1)?.down1).toEqual([ids.run1]);
    expect(got.lineage.find((l) => l.id === ids.a2)?.down).toEqual([]); // its consumer was deleted
    for (const r of got.all) expect(await store.get(r.id)).toEqual(r);
    // What list --json prints without parsing: the same text as the records printed one by one, in the same order.
    expect(await store.listJsonTexts()).toEqual(got.all.map((r) => JSON.stringify(r)));
    expect(got.quarantine).toHaveLength(1);
  });

  it('deleting the index loses nothing: the next query rebuilds it with the same answers', async () => {
    const dir = newRoot();
    const { store } = await populated(dir);
    const before = await answers(store);
    await rm(join(dir, 'index'), { recursive: true });
    const reopened = await DirArtifactStore.open(dir);
    expect(await answers(reopened)).toEqual(before);
    expect(existsSync(join(dir, 'index', 'head.json'))).toBe(true);
    expect(await answers(store)).toEqual(before);
  });

  it('rebuilds a damaged index: garbage in the catalog, the head, a downstream or an instrument list', async () => {
    const dir = newRoot();
    const { store, ids } = await populated(dir);
    const before = await answers(store);
    const catalog = join(dir, 'index', 'catalog.ndjson');
    const text = await readFile(catalog, 'utf8');
    await writeFile(catalog, text.slice(0, text.length - 40) + 'x'.repeat(40)); // same size, torn last line
    expect(await answers(await DirArtifactStore.open(dir))).toEqual(before);
    await writeFile(join(dir, 'index', 'head.json'), '{"format":');
    expect(await answers(await DirArtifactStore.open(dir))).toEqual(before);
    await writeFile(join(dir, 'index', 'catalog.ndjson'), '');
    expect(await answers(await DirArtifactStore.open(dir))).toEqual(before);
    await writeFile(join(dir, 'index', 'down', `${ids.a1}.json`), '["art_');
    expect(await answers(await DirArtifactStore.open(dir))).toEqual(before);
    for (const name of await readdir(join(dir, 'index', 'instrument'))) await writeFile(join(dir, 'index', 'instrument', name), '{"instrument":');
    expect(await answers(await DirArtifactStore.open(dir))).toEqual(before);
    // An append whose head was never written (a writer killed in between) is not part of the index.
    await appendFile(catalog, '{"op":"del","id":"' + ids.a1 + '"}\n');
    expect(await answers(await DirArtifactStore.open(dir))).toEqual(before);
    const s = await ohlcvSample(40);
    await store.put(s.draft, s.bytes);
    expect((await store.find()).map((r) => r.id)).toContain(ids.a1);
  });

  it('notices records written behind its back (a store from before the index, another program) and catches up', async () => {
    const dir = newRoot();
    const other = newRoot();
    const { store } = await populated(dir);
    const s = await ohlcvSample(50, { instrument: 'AAA' });
    const foreign = await DirArtifactStore.open(other, { clock: steppingClock() });
    const { record } = await foreign.put(s.draft, s.bytes);
    // As an older lab would: bytes and record placed, no index touched.
    const blob = (d: string) => join(d, 'blobs', 'sha256', record.fileHash.slice(0, 2), record.fileHash);
    await mkdir(join(dir, 'blobs', 'sha256', record.fileHash.slice(0, 2)), { recursive: true });
    await copyFile(blob(other), blob(dir));
    await copyFile(join(other, 'manifest', `${record.id}.json`), join(dir, 'manifest', `${record.id}.json`));
    expect((await store.find({ instrument: 'AAA' })).map((r) => r.id)).toContain(record.id);
    // A store written before the index existed: no index folder at all.
    await rm(join(other, 'index'), { recursive: true });
    expect((await (await DirArtifactStore.open(other)).find()).map((r) => r.id)).toEqual([record.id]);
  });

  it('list, find and lineage do not read every record: a damaged unrelated record does not disturb them', async () => {
    const dir = newRoot();
    const { store, ids } = await populated(dir);
    const unrelated = join(dir, 'manifest', `${ids.a2}.json`);
    // Rewritten in place (no rename): the folder does not change, as when a disk damages one file.
    await writeFile(unrelated, '{ damaged');
    expect((await store.lineage(ids.run1, 'up', { transitive: true })).map((r) => r.id)).toEqual([ids.a1, ids.b3]);
    expect((await store.lineage(ids.a1, 'down', { transitive: true })).length).toBe(2);
    expect((await store.find({ instrument: 'BBB' })).map((r) => r.id)).toEqual([ids.b3]);
    await expect(store.get(ids.a2)).rejects.toThrow(unrelated);
  });

  it('a writer killed between the record and the index leaves both readable, and the index catches up', async () => {
    const dir = newRoot();
    const { store } = await populated(dir);
    const before = (await store.find()).map((r) => r.id);
    const script = fileURLToPath(new URL('./fixtures/dir-writer.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, 'hang-before-index', dir, '60'], {
      cwd: fileURLToPath(new URL('../../../', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('published')) resolve();
      });
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.on('exit', (code) => reject(new Error(`writer exited ${code}: ${output}`)));
    });
    const id = output.match(/published (art_[0-9a-f]{24})/)![1];
    await new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', () => resolve());
      child.kill('SIGKILL');
    });
    expect(existsSync(join(dir, 'lock'))).toBe(true); // it died holding the lock
    const after = await DirArtifactStore.open(dir);
    expect((await after.find()).map((r) => r.id).sort()).toEqual([...before, id].sort());
    expect((await after.find({ instrument: 'SYM60' })).map((r) => r.id)).toEqual([id]);
    expect(await after.get(id)).toMatchObject({ id });
    expect(existsSync(join(dir, 'lock'))).toBe(false);
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
  }, 60_000);
});
