/**
 * This tab as an experiments session: an id held as a Web Lock for the tab's whole life. The browser releases the
 * lock when the tab goes (reload, close, crash), so another session — this tab after a reload, or another tab —
 * tells a dead attempt from a live one by asking which session locks are held (`navigator.locks.query()`).
 * Without the Web Locks API only this tab's own session counts as alive.
 */
const LOCK_PREFIX = 'quantlab/experiment-session/';

export interface TabSession {
  /** `tab/<uuid>`, recorded on the attempts this tab takes. */
  readonly id: string;
  /** A snapshot of the live sessions, taken now (the tracker's check must answer synchronously). */
  liveSessions(): Promise<(session: string) => boolean>;
}

export async function startTabSession(locks: LockManager | undefined = globalThis.navigator?.locks): Promise<TabSession> {
  const id = `tab/${crypto.randomUUID()}`;
  if (!locks) return { id, liveSessions: async () => (session) => session === id };
  await new Promise<void>((resolve, reject) => {
    locks
      .request(LOCK_PREFIX + id, { mode: 'exclusive' }, () => {
        resolve();
        // Held until the tab goes away.
        return new Promise<never>(() => undefined);
      })
      .catch(reject);
  });
  return {
    id,
    async liveSessions() {
      const snapshot = await locks.query();
      const held = new Set((snapshot.held ?? []).map((l) => l.name));
      return (session) => session === id || held.has(LOCK_PREFIX + session);
    },
  };
}
