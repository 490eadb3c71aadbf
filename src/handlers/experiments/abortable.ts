/**
 * Waiting on long work (an engine run in a worker, a SQL query in DuckDB) until it ends or the run is cancelled,
 * whichever comes first: a cancel is answered at once; the abandoned work finishes in the background and its
 * answer is dropped.
 */
import { ExperimentCancelledError } from '../../core/experiments/errors';

function cancelled(signal: AbortSignal): ExperimentCancelledError {
  return new ExperimentCancelledError(signal.reason instanceof Error ? signal.reason.message : 'the run was cancelled');
}

export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(cancelled(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
