/**
 * parquet-wasm 0.8's async reader (ParquetFile) panics on damaged data instead of rejecting: the panic traps inside
 * a task its futures runtime scheduled with `queueMicrotask`, so the promise being awaited never settles (the sync
 * readParquet reports the same damage as an error). While a guard is held, microtasks run through a wrapper that
 * catches a WebAssembly trap and rejects the guard's `trapped` promise with it, which callers race with their read.
 * Anything else thrown is rethrown as it was.
 */
type Microtask = (callback: () => void) => void;

const listeners = new Set<(trap: Error) => void>();
let original: Microtask | undefined;

function guarded(callback: () => void): void {
  original!(() => {
    try {
      callback();
    } catch (e) {
      if (!(e instanceof WebAssembly.RuntimeError) || listeners.size === 0) throw e;
      for (const l of listeners) l(e);
    }
  });
}

export interface TrapGuard {
  /** Rejects with the trap if the wasm module traps while the guard is held; never resolves. */
  readonly trapped: Promise<never>;
  release(): void;
}

export function guardWasmTraps(): TrapGuard {
  if (listeners.size === 0) {
    original = globalThis.queueMicrotask;
    globalThis.queueMicrotask = guarded;
  }
  let reject!: (e: Error) => void;
  const trapped = new Promise<never>((_, r) => {
    reject = r;
  });
  trapped.catch(() => undefined);
  listeners.add(reject);
  return {
    trapped,
    release() {
      listeners.delete(reject);
      if (listeners.size === 0 && original !== undefined) {
        globalThis.queueMicrotask = original;
        original = undefined;
      }
    },
  };
}
