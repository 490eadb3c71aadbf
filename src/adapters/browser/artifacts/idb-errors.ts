import { StorageQuotaError, StoreClosedError } from '../../../core/artifacts/errors';

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string' ? error.name : undefined;
}

/**
 * The error to report for a failed write. A quota overflow may arrive as the rejected request, or only as the
 * transaction's `error` after an abort (then the request fails with a bare AbortError): either way it is a quota
 * error, reported as StorageQuotaError saying what could not be stored.
 */
export function toStoreError(error: unknown, txError: DOMException | null | undefined, what: string): unknown {
  const quota = [error, txError].find((e) => errorName(e) === 'QuotaExceededError');
  if (quota !== undefined) {
    return new StorageQuotaError(
      `browser storage is full: could not store ${what}; nothing was kept — delete artifacts (then run gc) or allow the lab more storage, and retry`,
      { cause: quota },
    );
  }
  if (errorName(error) === 'VersionError') {
    return new StoreClosedError('the artifact database was upgraded by a newer version of the lab (another tab?); reload this page', {
      cause: error,
    });
  }
  return error;
}
