/**
 * Cross-tab write serialization with the Web Locks API when the page has it. Every write here is one readwrite
 * transaction, which IndexedDB already serializes; the lock is the place where writes that span more than one
 * transaction or storage (bytes in OPFS, a future migration) stay exclusive across tabs and workers.
 */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export function defaultLockManager(): LockManagerLike | undefined {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks ?? undefined;
}

export function withLock<T>(locks: LockManagerLike | undefined, name: string, work: () => Promise<T>): Promise<T> {
  return locks ? locks.request(name, work) : work();
}
