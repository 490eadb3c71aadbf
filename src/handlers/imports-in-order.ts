/**
 * Imports many files with several in flight at once, with the outcomes of importing them one after another.
 * Reading, validating, hashing and encoding overlap; the store's writes are called in file order (a file's write
 * waits until every earlier file has called its own, or finished without one), so a store that commits writes in
 * call order (the directory store's group commit) decides "created" or "existing" between files with the same
 * content exactly as a sequential import would. When a file fails, the files after it that have not called their
 * write yet are not stored (their writes are refused, and files not started are not started), and the first
 * failure in file order is thrown once every file in flight has ended.
 */
import type { ArtifactStore } from '../ports/artifact-store';

/** The write a file after a failed one attempted: refused, so that nothing after the failure is stored. */
class StoppedBeforeError extends Error {
  override name = 'StoppedBeforeError';
}

interface Turn {
  readonly passed: Promise<void>;
  pass(): void;
}

function turn(): Turn {
  const box: { pass?: () => void } = {};
  const passed = new Promise<void>((resolve) => {
    box.pass = resolve;
  });
  return { passed, pass: () => box.pass?.() };
}

/**
 * Runs `importOne(k, store)` for k in 0..count-1, at most `parallel` at a time, and returns the results in order.
 * `importOne` must make its store writes through the store it is given.
 */
export async function importInOrder<T>(
  count: number,
  parallel: number,
  store: ArtifactStore,
  importOne: (k: number, store: ArtifactStore) => Promise<T>,
): Promise<T[]> {
  const turns = Array.from({ length: count }, turn);
  const results = new Array<T>(count);
  let failedAt = Infinity;
  let failure: unknown;

  const inTurn = (k: number): ArtifactStore => {
    const wait = async () => {
      if (k > 0) await turns[k - 1].passed;
      if (k > failedAt) throw new StoppedBeforeError(`not imported: an earlier file failed`);
    };
    const put: ArtifactStore['put'] = async (draft, bytes) => {
      await wait();
      const written = store.put(draft, bytes); // the store takes its place in line here, before the next file's
      turns[k].pass();
      return written;
    };
    const quarantine: ArtifactStore['quarantine'] = async (draft, bytes) => {
      await wait();
      const written = store.quarantine(draft, bytes);
      turns[k].pass();
      return written;
    };
    return new Proxy(store, {
      get(target, prop) {
        if (prop === 'put') return put;
        if (prop === 'quarantine') return quarantine;
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };

  let next = 0;
  const worker = async () => {
    while (next < count && next <= failedAt) {
      const k = next++;
      try {
        results[k] = await importOne(k, inTurn(k));
      } catch (e) {
        if (k < failedAt && !(e instanceof StoppedBeforeError)) {
          failedAt = k;
          failure = e;
        }
      } finally {
        turns[k].pass();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, count)) }, worker));
  if (failedAt !== Infinity) throw failure;
  return results;
}
