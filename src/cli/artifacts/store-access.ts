/**
 * The CLI's artifact store: `--store DIR`, else $QUANTLAB_STORE, else ./.quantlab. Commands that write open (and
 * create) it; commands that only read do not create a store where none exists.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolveStoreDir } from '../../adapters/node/artifacts/store-dir';
import { DirArtifactStore } from '../../adapters/node/dir-artifact-store';
import { toReadOnlyError } from '../../adapters/node/artifacts/fs-errors';
import type { ArtifactStore, Clock } from '../../ports/artifact-store';
import { StoreReadOnlyError } from '../../core/artifacts/errors';
import { CliError } from '../cli-error';

/** What a command reads from its process: injected so tests need not change the real environment or cwd. */
export interface CliContext {
  readonly env: Record<string, string | undefined>;
  readonly cwd: string;
  /** createdAt source; default the system clock (createdAt is provenance, never hashed). */
  readonly clock?: Clock;
}

export function processContext(): CliContext {
  return { env: process.env, cwd: process.cwd() };
}

export function storeDir(ctx: CliContext, flag: string | undefined): string {
  return resolveStoreDir({ ...(flag === undefined ? {} : { flag }), env: ctx.env, cwd: ctx.cwd });
}

/** Runs `work` on the store at `dir` (created if missing) and closes it. */
export async function withStore<T>(dir: string, ctx: CliContext, work: (store: ArtifactStore) => Promise<T>): Promise<T> {
  try {
    const store = await DirArtifactStore.open(dir, ctx.clock ? { clock: ctx.clock } : {});
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  } catch (e) {
    // A store this process cannot write is a usage matter (pick a writable --store), not a failure of the command;
    // a write refused inside its folder by another part of the lab (the experiments beside it) is the same matter.
    const path = (e as { path?: unknown }).path;
    const inside = typeof path === 'string' && (path === dir || path.startsWith(`${dir}/`));
    const refused = inside ? toReadOnlyError(e, dir, `writing ${path}`) : e;
    if (refused instanceof StoreReadOnlyError) throw new CliError(refused.message, 2);
    throw e;
  }
}

export function storeExists(dir: string): boolean {
  return existsSync(join(dir, 'store.json'));
}

/** Like withStore, but without creating anything: `work` gets null when there is no store at `dir`. */
export async function withExistingStore<T>(dir: string, ctx: CliContext, work: (store: ArtifactStore | null) => Promise<T>): Promise<T> {
  if (!storeExists(dir)) return work(null);
  return withStore(dir, ctx, work);
}

export function noStoreError(dir: string): CliError {
  return new CliError(`no artifact store at ${dir} (nothing imported yet: quantlab artifacts import <files…>)`, 1);
}
