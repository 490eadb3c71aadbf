/** Starts at the first call and shares the result; retries after a failure instead of remembering it. */
export function once<T>(start: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (!pending) {
      const p = start();
      p.catch(() => {
        if (pending === p) pending = undefined;
      });
      pending = p;
    }
    return pending;
  };
}
