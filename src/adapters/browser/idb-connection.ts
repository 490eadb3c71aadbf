import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';

export type ConnectionEvent = 'blocked' | 'blocking' | 'terminated';

/**
 * One lazily opened IndexedDB connection that never stands in the way of a newer version of the lab: asked to close
 * (`blocking`, another tab upgrades), it closes once in-flight transactions finish and the next `get()` reopens; after
 * `terminated` the next `get()` reopens too. A failed open is forgotten, so a later call tries again.
 */
export class IdbConnection<S extends DBSchema> {
  private opening: Promise<IDBPDatabase<S>> | undefined;

  constructor(
    private readonly name: string,
    private readonly version: number,
    private readonly upgrade: (
      db: IDBPDatabase<S>,
      oldVersion: number,
      newVersion: number | null,
      tx: IDBPTransaction<S, StoreNames<S>[], 'versionchange'>,
    ) => void,
    private readonly onEvent?: (event: ConnectionEvent) => void,
  ) {}

  get(): Promise<IDBPDatabase<S>> {
    if (!this.opening) {
      const opening = openDB<S>(this.name, this.version, {
        upgrade: (db, oldVersion, newVersion, tx) => this.upgrade(db, oldVersion, newVersion, tx),
        blocked: () => this.onEvent?.('blocked'),
        blocking: () => {
          void opening.then((db) => db.close());
          this.opening = undefined;
          this.onEvent?.('blocking');
        },
        terminated: () => {
          this.opening = undefined;
          this.onEvent?.('terminated');
        },
      });
      this.opening = opening;
      opening.catch(() => {
        if (this.opening === opening) this.opening = undefined;
      });
    }
    return this.opening;
  }

  /** Closes the connection, if one was opened; a later `get()` would open a new one. */
  async close(): Promise<void> {
    const opening = this.opening;
    this.opening = undefined;
    if (opening) (await opening.catch(() => undefined))?.close();
  }
}
