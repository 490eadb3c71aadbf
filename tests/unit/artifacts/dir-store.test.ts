import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { tempName } from '../../../src/adapters/node/artifacts/atomic-file';
import { resolveStoreDir } from '../../../src/adapters/node/artifacts/store-dir';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { CorruptStoreError, MissingInputError, StorageQuotaError, StoreLockTimeoutError } from '../../../src/core/artifacts/errors';
import { artifactId } from '../../../src/core/artifacts/ids';
import type { PutResult, StoreFaults } from '../../../src/ports/artifact-store';
import { ohlcvSample, steppingClock } from '../../shared/artifact-fixtures';
import { artifactStoreSuite } from '../../shared/artifact-store-suite';

const root = mkdtempSync(join(tmpdir(), 'quantlab-dir-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });

artifactStoreSuite('DirArtifactStore on a temp directory', {
  open: ({ storage, clock, faults }) => DirArtifactStore.open(join(root, storage), { clock, faults, lockTimeoutMs: 10_000 }),
  quotaError: enospc,
});

const writerScript = fileURLToPath(new URL('./fixtures/dir-writer.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const children: ChildProcess[] = [];

/** Starts the writer script in its own process; resolves with it once it printed `until` (or exited). */
function writer(args: string[], until: string): Promise<{ child: ChildProcess; output: string; code: number | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes(until)) resolve({ child, output, code: null });
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (output.includes(until) ? resolve({ child, output, code }) : reject(new Error(`writer exited ${code}: ${output}`))));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

let n = 0;
const newRoot = () => join(root, `node-only-${++n}`);

describe('DirArtifactStore on disk', () => {
  afterEach(async () => {
    await Promise.all(children.splice(0).map(killed));
  });

  it('lays files out as documented', async () => {
    const dir = newRoot();
    const store = await DirArtifactStore.open(dir, { clock: steppingClock() });
    const s = await ohlcvSample(1);
    const { record } = await store.put(s.draft, s.bytes);
    const q = (await store.quarantine({ sourceFileName: 'bad.csv', reasons: [{ code: 'x', message: 'x' }], appVersion: 't' }, new Uint8Array([1])))
      .entry;
    expect(JSON.parse(await readFile(join(dir, 'store.json'), 'utf8'))).toEqual({ format: 'quantlab-artifact-store', layoutVersion: 1 });
    expect(await readFile(join(dir, 'blobs', 'sha256', record.fileHash.slice(0, 2), record.fileHash))).toEqual(Buffer.from(s.bytes));
    expect(createHash('sha256').update(s.bytes).digest('hex')).toBe(record.fileHash);
    expect(JSON.parse(await readFile(join(dir, 'manifest', `${record.id}.json`), 'utf8'))).toEqual(record);
    expect(JSON.parse(await readFile(join(dir, 'quarantine', `${q.id}.json`), 'utf8'))).toEqual(q);
    expect(existsSync(join(dir, 'blobs', 'sha256', q.fileHash.slice(0, 2), q.fileHash))).toBe(true);
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
    expect(existsSync(join(dir, 'lock'))).toBe(false);
    expect((await readdir(dir)).sort()).toEqual(['blobs', 'index', 'manifest', 'quarantine', 'store.json', 'tmp']);
    expect((await readdir(join(dir, 'index'))).sort()).toEqual(['catalog.ndjson', 'down', 'head.json', 'instrument']);
  });

  it('writers in separate processes at once lose nothing', async () => {
    const dir = newRoot();
    await DirArtifactStore.open(dir);
    const runs = await Promise.all([0, 1, 2].map((k) => writer(['put', dir, String(200 + k * 6), '6'], 'done')));
    await Promise.all(runs.map((r) => new Promise((res) => (r.child.exitCode !== null ? res(null) : r.child.on('exit', res)))));
    const store = await DirArtifactStore.open(dir);
    const records = await store.find();
    expect(records).toHaveLength(18);
    for (let seed = 200; seed < 218; seed++) {
      const s = await ohlcvSample(seed);
      expect(await store.readBytes(artifactId(s.draft.contentHash), { verify: true })).toEqual(s.bytes);
    }
    expect(await store.usage()).toMatchObject({ artifacts: 18, blobs: 18, unreferencedBlobs: 0 });
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
  }, 60_000);

  it('a writer killed mid-import leaves no artifact; gc removes its leftovers', async () => {
    const dir = newRoot();
    await DirArtifactStore.open(dir);
    const { child } = await writer(['hang', dir, '7'], 'writing');
    const leftovers = await readdir(join(dir, 'tmp'));
    expect(leftovers).toHaveLength(1);
    await killed(child);
    const store = await DirArtifactStore.open(dir);
    const s = await ohlcvSample(7, { rows: 50 });
    expect(await store.get(artifactId(s.draft.contentHash))).toBeUndefined();
    expect(await store.find()).toEqual([]);
    expect(await store.usage()).toMatchObject({ artifacts: 0, blobs: 0 });
    expect((await store.gc()).removedTemp).toBe(1);
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
    expect((await store.put(s.draft, s.bytes)).created).toBe(true);
  }, 30_000);

  it('breaks a lock left by a dead process, waits for a live one', async () => {
    const dir = newRoot();
    await DirArtifactStore.open(dir);
    const { child } = await writer(['hold-lock', dir], 'locked');
    const waiting = await DirArtifactStore.open(dir, { lockTimeoutMs: 300 });
    const s = await ohlcvSample(8);
    const err = await waiting.put(s.draft, s.bytes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreLockTimeoutError);
    expect((err as Error).message).toContain(`pid ${child.pid}`);
    expect((err as Error).message).toContain(join(dir, 'lock'));
    await killed(child);
    expect(existsSync(join(dir, 'lock'))).toBe(true);
    expect((await waiting.put(s.draft, s.bytes)).created).toBe(true);
    expect(existsSync(join(dir, 'lock'))).toBe(false);
  }, 30_000);

  it('breaks an empty lock file once it is old (its writer died between create and write)', async () => {
    const dir = newRoot();
    const store = await DirArtifactStore.open(dir, { lockTimeoutMs: 2_000 });
    await writeFile(join(dir, 'lock'), '');
    const old = new Date(Date.now() - 60_000);
    await utimes(join(dir, 'lock'), old, old);
    const s = await ohlcvSample(13);
    expect((await store.put(s.draft, s.bytes)).created).toBe(true);
    expect(existsSync(join(dir, 'lock'))).toBe(false);
  });

  it('a blob without a record is garbage; gc removes it and leaves live temp files alone', async () => {
    const dir = newRoot();
    const store = await DirArtifactStore.open(dir, { tempGraceMs: 60_000 });
    const s = await ohlcvSample(9);
    const { record } = await store.put(s.draft, s.bytes);
    // As if a process died right after renaming its bytes into place.
    const orphan = new Uint8Array([0x50, 0x41, 0x52, 0x31, 7, 7, 7]);
    const orphanHash = createHash('sha256').update(orphan).digest('hex');
    await mkdir(join(dir, 'blobs', 'sha256', orphanHash.slice(0, 2)), { recursive: true });
    await writeFile(join(dir, 'blobs', 'sha256', orphanHash.slice(0, 2), orphanHash), orphan);
    await writeFile(join(dir, 'blobs', 'sha256', 'README'), 'not ours');
    const live = join(dir, 'tmp', tempName()); // this process is alive: an import in flight
    const stuck = join(dir, 'tmp', tempName());
    await writeFile(live, 'x');
    await writeFile(stuck, 'x');
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(stuck, hourAgo, hourAgo);
    expect(await store.usage()).toMatchObject({ blobs: 2, unreferencedBlobs: 1, unreferencedBytes: orphan.length });
    expect(await store.gc()).toEqual({ removedBlobs: [orphanHash], freedBytes: orphan.length, removedTemp: 1 });
    expect(await readdir(join(dir, 'tmp'))).toEqual([live.split('/').pop()]);
    expect(existsSync(join(dir, 'blobs', 'sha256', 'README'))).toBe(true);
    expect(await store.readBytes(record.id, { verify: true })).toEqual(s.bytes);
  });

  it('a failed record write takes back the bytes at once, and a full disk is StorageQuotaError', async () => {
    const faults: StoreFaults = {};
    const store = await DirArtifactStore.open(newRoot(), { faults });
    const s = await ohlcvSample(11);
    faults.beforeRecordWrite = () => {
      throw enospc();
    };
    const err = await store.put(s.draft, s.bytes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageQuotaError);
    expect((err as Error).message).toMatch(/no space left to store ohlcv artifact art_[0-9a-f]{24} \(sym11\.csv\)/);
    expect(await store.usage()).toMatchObject({ artifacts: 0, blobs: 0 });
  });

  it('writes in flight together are committed in groups, in call order, each failing alone', async () => {
    const dir = newRoot();
    const store = await DirArtifactStore.open(dir);
    const samples = await Promise.all(Array.from({ length: 60 }, (_, i) => ohlcvSample(200 + i)));
    const twin = await ohlcvSample(200, { variant: 1, sourceFileName: 'twin.csv' }); // same content as samples[0], other bytes
    const orphan = await ohlcvSample(300, { inputs: [artifactId('f'.repeat(64))] });
    const head = async () => JSON.parse(await readFile(join(dir, 'index', 'head.json'), 'utf8')) as { generation: number };
    const before = (await store.put(samples[59].draft, samples[59].bytes)).record;
    const generation = (await head()).generation;
    const results = await Promise.allSettled([
      ...samples.slice(0, 59).map((s) => store.put(s.draft, s.bytes)),
      store.put(twin.draft, twin.bytes),
      store.put(orphan.draft, orphan.bytes),
    ]);
    const values = results.map((r) => (r.status === 'fulfilled' ? r.value : r.reason));
    expect(values.slice(0, 59).map((v) => (v as PutResult).created)).toEqual(Array(59).fill(true));
    // The twin was called after the first sample: it is the one that finds the content stored.
    expect(values[59]).toEqual({ record: (values[0] as PutResult).record, created: false });
    expect(values[60]).toBeInstanceOf(MissingInputError);
    // One index change per group, not per write; the index still answers what the records say.
    const groups = (await head()).generation - generation;
    expect(groups).toBeGreaterThanOrEqual(1);
    expect(groups).toBeLessThan(30);
    const ids = [before.id, ...values.slice(0, 59).map((v) => (v as PutResult).record.id)].sort();
    expect((await readdir(join(dir, 'manifest'))).map((n) => n.slice(0, -5)).sort()).toEqual(ids);
    expect((await store.find()).map((r) => r.id).sort()).toEqual(ids);
    expect(await store.usage()).toMatchObject({ artifacts: 60, blobs: 60, unreferencedBlobs: 0 });
    await rm(join(dir, 'index'), { recursive: true });
    expect((await store.find()).map((r) => r.id).sort()).toEqual(ids);
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
  });

  it('names the file when a record is damaged or missing its bytes', async () => {
    const dir = newRoot();
    const store = await DirArtifactStore.open(dir);
    const s = await ohlcvSample(12);
    const { record } = await store.put(s.draft, s.bytes);
    const manifest = join(dir, 'manifest', `${record.id}.json`);
    const text = await readFile(manifest, 'utf8');
    await rm(join(dir, 'blobs', 'sha256', record.fileHash.slice(0, 2), record.fileHash));
    const missing = await store.readBytes(record.id).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(CorruptStoreError);
    expect((missing as Error).message).toContain(`${record.id} refers to bytes that are missing`);
    await writeFile(manifest, text.slice(0, 40));
    const broken = await store.get(record.id).catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(CorruptStoreError);
    expect((broken as Error).message).toContain(manifest);
    // find reads the index; rebuilding the index reads every record, and names the damaged one.
    await rm(join(dir, 'index'), { recursive: true });
    const rebuilt = await store.find().catch((e: unknown) => e);
    expect(rebuilt).toBeInstanceOf(CorruptStoreError);
    expect((rebuilt as Error).message).toContain(manifest);
    await writeFile(manifest, JSON.stringify({ ...record, manifestVersion: 2 }));
    expect(((await store.get(record.id).catch((e: unknown) => e)) as Error).message).toContain(
      'manifestVersion 2; this version of the lab reads version 1',
    );
  });

  it('refuses a directory that is not a store, and a store of an unknown layout', async () => {
    const dir = newRoot();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'notes.txt'), 'mine');
    await expect(DirArtifactStore.open(dir)).rejects.toThrow(/not a quantlab store \(no store.json\) and not empty \(notes.txt\)/);
    const other = newRoot();
    await DirArtifactStore.open(other);
    await writeFile(join(other, 'store.json'), JSON.stringify({ format: 'quantlab-artifact-store', layoutVersion: 9 }));
    await expect(DirArtifactStore.open(other)).rejects.toThrow(/layoutVersion 9; this version of the lab reads layout 1/);
  });

  it('streams a large file to disk chunk by chunk', async () => {
    const store = await DirArtifactStore.open(newRoot());
    const s = await ohlcvSample(14);
    const body = new Uint8Array(64 * 1024).fill(7);
    const chunks = 256; // 16 MiB between the envelope's head and tail
    const whole = createHash('sha256');
    async function* stream(): AsyncGenerator<Uint8Array> {
      const head = s.bytes.subarray(0, 4);
      whole.update(head);
      yield head;
      for (let i = 0; i < chunks; i++) {
        whole.update(body);
        yield body; // the same buffer every time, as a reader reusing its buffer would
      }
      const tail = s.bytes.subarray(4);
      whole.update(tail);
      yield tail;
    }
    const { record } = await store.put(s.draft, stream());
    expect(record.fileHash).toBe(whole.digest('hex'));
    expect(record.sizes.storedBytes).toBe(s.bytes.length + chunks * body.length);
    expect((await store.readBytes(record.id, { verify: true })).length).toBe(record.sizes.storedBytes);
  });

  it('finds the CLI store: --store, then QUANTLAB_STORE, then ./.quantlab', () => {
    expect(resolveStoreDir({ flag: 'data/s', env: { QUANTLAB_STORE: '/env' }, cwd: '/work' })).toBe('/work/data/s');
    expect(resolveStoreDir({ env: { QUANTLAB_STORE: '/env/store' }, cwd: '/work' })).toBe('/env/store');
    expect(resolveStoreDir({ flag: ' ', env: { QUANTLAB_STORE: '' }, cwd: '/work' })).toBe('/work/.quantlab');
    expect(resolveStoreDir({ cwd: '/work' })).toBe('/work/.quantlab');
  });
});
