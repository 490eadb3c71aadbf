/**
 * Crash-safe file writes: write a temp file in <root>/tmp, fsync it, rename it into place, fsync the directory.
 * A reader sees either the old state or the complete new file, never a partial one.
 */
import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ByteSource, FileDigest } from '../../../core/artifacts/file-hash';
import type { ParquetEnvelope } from '../../../core/artifacts/parquet-envelope';
import { errnoCode, isNotFound } from './fs-errors';

/** Short tag of this host, so a store on a shared directory can tell its own processes from other hosts'. */
export const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

/**
 * Temp names carry the writer's pid and host tag (`<pid>.<host>.<uuid>.tmp`) so gc can tell a crashed writer's
 * leftovers from a live write.
 */
export function tempName(): string {
  return `${process.pid}.${HOST_TAG}.${randomUUID()}.tmp`;
}

export function tempOwner(name: string): { pid: number; hostTag: string } | undefined {
  const m = /^(\d+)\.([0-9a-f]{8})\.[0-9a-f-]+\.tmp$/.exec(name);
  return m ? { pid: Number(m[1]), hostTag: m[2] } : undefined;
}

export async function removeQuietly(path: string): Promise<void> {
  try {
    await rm(path, { force: true });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}

/** Makes a rename or unlink in `dir` durable. Platforms that cannot fsync a directory are skipped. */
export async function fsyncDir(dir: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch (e) {
    const code = errnoCode(e);
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw e;
  } finally {
    await fh?.close();
  }
}

async function writeAll(fh: FileHandle, chunk: Uint8Array): Promise<void> {
  let off = 0;
  while (off < chunk.length) {
    const { bytesWritten } = await fh.write(chunk, off, chunk.length - off);
    off += bytesWritten;
  }
}

/** Writes `data` to a new temp file in `tmpDir` and fsyncs it; returns its path (removed again on failure). */
export async function writeSyncedTemp(tmpDir: string, data: string | Uint8Array): Promise<string> {
  const tmp = join(tmpDir, tempName());
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  try {
    const fh = await open(tmp, 'wx');
    try {
      await writeAll(fh, bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (e) {
    await removeQuietly(tmp);
    throw e;
  }
  return tmp;
}

/** Writes `data` to `finalPath` atomically (temp in `tmpDir`, fsync, rename, fsync dir). */
export async function writeFileAtomic(tmpDir: string, finalPath: string, data: string | Uint8Array): Promise<void> {
  const tmp = await writeSyncedTemp(tmpDir, data);
  try {
    await rename(tmp, finalPath);
  } catch (e) {
    await removeQuietly(tmp);
    throw e;
  }
  await fsyncDir(dirname(finalPath));
}

export interface TempBlob {
  path: string;
  digest: FileDigest;
}

export interface TempBlobHooks {
  /** Fed every chunk; a wrong file head stops the write early. */
  envelope?: ParquetEnvelope;
  fileName?: string;
  /** Called once the first chunk is on disk (fault injection point). */
  afterFirstChunk?: () => void;
}

/**
 * Streams `source` into a new temp file while hashing it; fsyncs it. On any failure the temp file is removed.
 * Only one chunk is held in memory at a time.
 */
export async function writeTempBlob(tmpDir: string, source: ByteSource, hooks: TempBlobHooks = {}): Promise<TempBlob> {
  const path = join(tmpDir, tempName());
  // Loaded here, not at the top: readers of the store never hash (see fileHashing in dir-artifact-store.ts).
  const { byteChunks, createByteHasher } = await import('../../../core/artifacts/file-hash');
  const hasher = await createByteHasher();
  const fh = await open(path, 'wx');
  let closed = false;
  try {
    let first = true;
    for await (const chunk of byteChunks(source)) {
      hasher.update(chunk);
      if (hooks.envelope) {
        hooks.envelope.push(chunk);
        const problem = hooks.envelope.headProblem(hooks.fileName);
        if (problem) throw problem;
      }
      await writeAll(fh, chunk);
      if (first) {
        first = false;
        hooks.afterFirstChunk?.();
      }
    }
    await fh.sync();
    closed = true;
    await fh.close();
    return { path, digest: hasher.digest() };
  } catch (e) {
    if (!closed) await fh.close().catch(() => undefined);
    await removeQuietly(path);
    throw e;
  }
}
