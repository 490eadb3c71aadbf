/**
 * Exclusive writer lock for a directory store: a lock file created with O_EXCL (`wx`), so exactly one process (or
 * store object) writes at a time; readers never take it (they only see files that were renamed into place).
 *
 * A lock left by a crashed writer is broken when its owner is provably gone: same host and its pid is not alive.
 * Breaking is itself guarded by `lock.break` (also O_EXCL) and re-reads the lock before removing it, so two waiters
 * can never both break it and one of them remove the other's fresh lock. A lock held by a process on another host
 * (a shared network directory) is never broken automatically: the timeout error says who holds it.
 */
import { randomUUID } from 'node:crypto';
import { open, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { StoreLockTimeoutError } from '../../../core/artifacts/errors';
import { errnoCode, isNotFound, readText } from './fs-errors';

interface LockOwner {
  pid: number;
  host: string;
  token: string;
  since: string;
}

/** A lock file that is empty or unreadable (its writer died between create and write) is stale after this long. */
const UNREADABLE_STALE_MS = 5_000;
const BREAK_STALE_MS = 10_000;

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null) return undefined;
    const o = v as Record<string, unknown>;
    if (typeof o.pid !== 'number' || typeof o.host !== 'string' || typeof o.token !== 'string' || typeof o.since !== 'string') return undefined;
    return { pid: o.pid, host: o.host, token: o.token, since: o.since };
  } catch {
    return undefined;
  }
}

async function ageMs(path: string): Promise<number | undefined> {
  try {
    return Date.now() - (await stat(path)).mtimeMs;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

async function unlinkQuietly(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class DirLock {
  /**
   * Whether the last acquire took over a lock whose writer had died: that writer may have stopped anywhere, so the
   * caller checks what it derives from the files (the store index) more carefully.
   */
  tookOverStale = false;

  constructor(
    private readonly path: string,
    private readonly timeoutMs: number,
  ) {}

  /** Waits for the lock; returns its release function. */
  async acquire(): Promise<() => Promise<void>> {
    const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomUUID(), since: new Date().toISOString() };
    const body = JSON.stringify(owner);
    const deadline = Date.now() + this.timeoutMs;
    let delay = 2;
    let broke = false;
    for (;;) {
      try {
        const fh = await open(this.path, 'wx');
        try {
          await fh.writeFile(body);
        } finally {
          await fh.close();
        }
        this.tookOverStale = broke;
        return () => this.release(body);
      } catch (e) {
        if (errnoCode(e) !== 'EEXIST') throw e;
      }
      const outcome = await this.breakIfStale();
      if (outcome === 'broken') broke = true;
      if (outcome !== 'held') continue;
      if (Date.now() >= deadline) throw await this.timeoutError();
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 2, 50);
    }
  }

  private async release(body: string): Promise<void> {
    // Remove only our own lock (if it was broken and re-taken by someone else, it is theirs now).
    if ((await readText(this.path)) === body) await unlinkQuietly(this.path);
  }

  private async isStale(text: string | undefined): Promise<boolean> {
    if (text === undefined) return false; // gone: the next attempt simply takes it
    const owner = parseOwner(text);
    if (!owner) return ((await ageMs(this.path)) ?? 0) > UNREADABLE_STALE_MS;
    return owner.host === hostname() && !pidAlive(owner.pid);
  }

  /** Removes the lock if its owner is gone: 'broken' if it did, 'gone' if the lock vanished meanwhile, else 'held'. */
  private async breakIfStale(): Promise<'broken' | 'gone' | 'held'> {
    const seen = await readText(this.path);
    if (seen === undefined) return 'gone';
    if (!(await this.isStale(seen))) return 'held';
    const breaker = `${this.path}.break`;
    try {
      await (await open(breaker, 'wx')).close();
    } catch (e) {
      if (errnoCode(e) !== 'EEXIST') throw e;
      // Someone else is breaking it; a breaker that died mid-way leaves this file, cleared after a while.
      if (((await ageMs(breaker)) ?? 0) > BREAK_STALE_MS) await unlinkQuietly(breaker);
      return 'held';
    }
    try {
      const again = await readText(this.path);
      if (again !== seen) return 'gone';
      await unlinkQuietly(this.path);
      return 'broken';
    } finally {
      await unlinkQuietly(breaker);
    }
  }

  private async timeoutError(): Promise<StoreLockTimeoutError> {
    const owner = parseOwner((await readText(this.path)) ?? '');
    const who = owner ? `pid ${owner.pid} on ${owner.host} since ${owner.since}` : 'an unknown writer';
    return new StoreLockTimeoutError(
      `the store is locked by ${who} (waited ${this.timeoutMs} ms); if no quantlab process is running, delete ${this.path}`,
    );
  }
}
