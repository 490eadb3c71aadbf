import { readFile } from 'node:fs/promises';
import { StorageQuotaError, StoreReadOnlyError } from '../../../core/artifacts/errors';

export function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

export function isNotFound(error: unknown): boolean {
  return errnoCode(error) === 'ENOENT';
}

/** Disk full or over quota: the file system's version of a browser QuotaExceededError. */
export function isQuotaError(error: unknown): boolean {
  const code = errnoCode(error);
  return code === 'ENOSPC' || code === 'EDQUOT' || (error instanceof Error && error.name === 'QuotaExceededError');
}

/** Turns a disk-full error into StorageQuotaError (saying what could not be stored); other errors pass through. */
export function toStoreError(error: unknown, what: string): unknown {
  if (!isQuotaError(error) || error instanceof StorageQuotaError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new StorageQuotaError(`no space left to store ${what} (${detail}); nothing was kept — free space (delete artifacts, then gc) and retry`, {
    cause: error,
  });
}

/** The file system refuses writes there: mounted read-only, or no permission. */
export function isReadOnlyError(error: unknown): boolean {
  const code = errnoCode(error);
  return code === 'EROFS' || code === 'EACCES' || code === 'EPERM';
}

/** Turns a refused write into StoreReadOnlyError naming the store's folder; other errors pass through. */
export function toReadOnlyError(error: unknown, root: string, what: string): unknown {
  if (!isReadOnlyError(error) || error instanceof StoreReadOnlyError) return error;
  return readOnlyStoreError(error, root, what);
}

/** StoreReadOnlyError for a write `error` refused in the store at `root`. */
export function readOnlyStoreError(error: unknown, root: string, what: string): StoreReadOnlyError {
  return new StoreReadOnlyError(
    root,
    `the artifact store at ${root} cannot be written here (${errnoCode(error) ?? String(error)}): ${what} was refused and nothing was changed; ` +
      'list, find, get and lineage still answer — use a writable --store to import or delete',
    { cause: error },
  );
}

/** A file's text, or undefined when it does not exist (other errors propagate). */
export async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}
