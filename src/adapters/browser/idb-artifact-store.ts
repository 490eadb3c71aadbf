/**
 * ArtifactStore in IndexedDB (via idb): records, Blob bytes and quarantine in one database (./artifacts/idb-schema.ts).
 *
 * Rules kept here (see /work/shared/guide/stack-notes.md):
 * - Hash and check the bytes first; then one readwrite transaction writes blob + record, awaiting only IDB requests.
 * - A quota overflow can show up only as the transaction's abort: every write awaits `tx.done` and maps
 *   QuotaExceededError (from the request or from `tx.error`) to StorageQuotaError.
 * - `blocking` (a newer version wants the database): close and forget the connection; the next call reopens, or says
 *   the page must reload. `terminated`: forget it and reopen on the next call. `blocked`: reported to the caller.
 * - Writes run under a Web Lock when the page has one.
 */
import { type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction, type StoreNames } from 'idb';
import {
  ArtifactIdCollisionError,
  ArtifactInUseError,
  ArtifactNotFoundError,
  CorruptStoreError,
  MissingInputError,
  StoreClosedError,
} from '../../core/artifacts/errors';
import { discardByteSource, fileHash, type ByteSource } from '../../core/artifacts/file-hash';
import { compareRecords, matchesFilter, type ArtifactFilter } from '../../core/artifacts/filter';
import { artifactId, isArtifactId, isQuarantineId, isSha256Hex, quarantineId } from '../../core/artifacts/ids';
import { walkLineage } from '../../core/artifacts/lineage';
import { ParquetEnvelope } from '../../core/artifacts/parquet-envelope';
import { buildQuarantineRecord, validateQuarantineDraft, type QuarantineDraft, type QuarantineRecord } from '../../core/artifacts/quarantine';
import { buildArtifactRecord, validateArtifactDraft, type ArtifactDraft, type ArtifactRecord } from '../../core/artifacts/record';
import { parseStoredQuarantine, parseStoredRecord } from '../../core/artifacts/stored-check';
import type {
  ArtifactStore,
  Clock,
  GcReport,
  LineageDirection,
  LineageOptions,
  PutResult,
  QuarantineResult,
  ReadOptions,
  StoreFaults,
  StoreUsage,
} from '../../ports/artifact-store';
import { collectBytes, type CollectedBytes } from './artifacts/collect-bytes';
import { readCandidates } from './artifacts/idb-find';
import { toStoreError } from './artifacts/idb-errors';
import { DB_VERSION, DEFAULT_DB_NAME, upgradeArtifactDB, type ArtifactDB } from './artifacts/idb-schema';
import { defaultLockManager, withLock, type LockManagerLike } from './artifacts/web-lock';
import { IdbConnection, type ConnectionEvent } from './idb-connection';

export type { ConnectionEvent };

export interface IdbArtifactStoreOptions {
  /** Database name. Default `quantlab-artifacts`. */
  name?: string;
  /** Source of createdAt. Default: the system clock. */
  clock?: Clock;
  /** Cross-tab lock; default `navigator.locks` when present, none otherwise. Pass null to disable. */
  locks?: LockManagerLike | null;
  /** Told when another connection blocks an upgrade, or this one is asked to close or was terminated. */
  onConnectionEvent?: (event: ConnectionEvent) => void;
  /** Test seam (see StoreFaults). */
  faults?: StoreFaults;
}

type Db = IDBPDatabase<ArtifactDB>;
type WriteTx<S extends StoreNames<ArtifactDB>[]> = IDBPTransaction<ArtifactDB, S, 'readwrite'>;

const systemClock: Clock = { now: () => Date.now() };

/** The id of a stored value not yet validated, for naming it in an error. */
function storedId(v: unknown): string {
  return typeof v === 'object' && v !== null && 'id' in v && typeof v.id === 'string' ? v.id : '(no id)';
}

export class IdbArtifactStore implements ArtifactStore {
  private readonly connection: IdbConnection<ArtifactDB>;
  private closed = false;
  private readonly name: string;
  private readonly clock: Clock;
  private readonly locks: LockManagerLike | undefined;
  private readonly faults: StoreFaults | undefined;

  private constructor(options: IdbArtifactStoreOptions) {
    this.name = options.name ?? DEFAULT_DB_NAME;
    this.clock = options.clock ?? systemClock;
    this.locks = options.locks === null ? undefined : (options.locks ?? defaultLockManager());
    this.faults = options.faults;
    this.connection = new IdbConnection<ArtifactDB>(this.name, DB_VERSION, upgradeArtifactDB, options.onConnectionEvent);
  }

  static async open(options: IdbArtifactStoreOptions = {}): Promise<IdbArtifactStore> {
    const store = new IdbArtifactStore(options);
    await store.db();
    return store;
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError(`the artifact store ${this.name} is closed`);
  }

  private db(): Promise<Db> {
    if (this.closed) return Promise.reject(new StoreClosedError(`the artifact store ${this.name} is closed`));
    return this.connection.get().catch((e: unknown) => {
      throw toStoreError(e, undefined, `the artifact database ${this.name}`);
    });
  }

  private where(store: string, key: string): string {
    return `indexeddb ${this.name}/${store}/${key}`;
  }

  /**
   * Runs `body` in one readwrite transaction and waits for it to commit. On any failure the transaction is aborted
   * (nothing it wrote remains) and the error is mapped (quota → StorageQuotaError).
   */
  private async write<T, S extends StoreNames<ArtifactDB>[]>(stores: S, what: string, body: (tx: WriteTx<S>) => Promise<T>): Promise<T> {
    const db = await this.db();
    return withLock(this.locks, `quantlab-artifact-store:${this.name}`, async () => {
      const tx = db.transaction(stores, 'readwrite');
      const done = tx.done;
      done.catch(() => undefined); // observed below; keeps an abort from surfacing as an unhandled rejection
      try {
        const result = await body(tx);
        await done;
        return result;
      } catch (e) {
        try {
          tx.abort();
        } catch {
          // already committed or aborted
        }
        await done.catch(() => undefined);
        throw toStoreError(e, tx.error, what);
      }
    });
  }

  // ---- reading ----

  async get(id: string): Promise<ArtifactRecord | undefined> {
    if (!isArtifactId(id)) return undefined;
    const value = await (await this.db()).get('records', id);
    return value === undefined ? undefined : parseStoredRecord(value, this.where('records', id));
  }

  async getByContentHash(contentHash: string): Promise<ArtifactRecord | undefined> {
    if (!isSha256Hex(contentHash)) return undefined;
    const record = await this.get(artifactId(contentHash));
    return record?.contentHash === contentHash ? record : undefined;
  }

  /** Reads an owner (record or quarantine entry) and its bytes in one transaction, so a concurrent delete + gc cannot split them. */
  private async readOwned(storeName: 'records' | 'quarantine', id: string, verify: boolean): Promise<Uint8Array> {
    const tx = (await this.db()).transaction([storeName, 'blobs'], 'readonly');
    const owner = await tx.objectStore(storeName).get(id);
    const stored = owner ? await tx.objectStore('blobs').get(owner.fileHash) : undefined;
    await tx.done;
    if (!owner) throw new ArtifactNotFoundError(id);
    const expected = owner.fileHash;
    if (!stored) throw new CorruptStoreError(this.where('blobs', expected), `${id} refers to bytes that are missing`);
    // Reading the Blob is not IDB work: it happens after the transaction is done.
    const bytes = new Uint8Array(await stored.data.arrayBuffer());
    if (verify) {
      const digest = await fileHash(bytes);
      if (digest.sha256 !== expected) throw new CorruptStoreError(this.where('blobs', expected), `bytes of ${id} hash to ${digest.sha256}`);
    }
    return bytes;
  }

  async readBytes(id: string, options: ReadOptions = {}): Promise<Uint8Array> {
    if (!isArtifactId(id)) throw new ArtifactNotFoundError(id);
    return this.readOwned('records', id, options.verify ?? false);
  }

  async find(filter: ArtifactFilter = {}): Promise<ArtifactRecord[]> {
    const tx = (await this.db()).transaction(['records'], 'readonly');
    const values = await readCandidates(tx, filter);
    await tx.done;
    return values
      .map((v) => parseStoredRecord(v, this.where('records', storedId(v))))
      .filter((r) => matchesFilter(r, filter))
      .sort(compareRecords);
  }

  /**
   * Reads only `limit` records, newest first, in three requests whatever the limit: a key cursor from the end of the
   * listing-order index skips to the limit-th newest key, and one getAll reads from there to the end.
   */
  async newest(limit: number): Promise<ArtifactRecord[]> {
    if (limit < 1) return [];
    const tx = (await this.db()).transaction(['records'], 'readonly');
    const created = tx.objectStore('records').index('created');
    const last = await created.openKeyCursor(null, 'prev');
    const from = last && limit > 1 ? await last.advance(limit - 1) : last;
    // Fewer records than the limit: the cursor ran off the start, and every record is among the newest.
    const values: unknown[] = last ? await created.getAll(from ? IDBKeyRange.lowerBound(from.key) : null) : [];
    await tx.done;
    return values.map((v) => parseStoredRecord(v, this.where('records', storedId(v)))).reverse();
  }

  async lineage(id: string, direction: LineageDirection, options: LineageOptions = {}): Promise<ArtifactRecord[]> {
    const start = await this.get(id);
    if (!start) throw new ArtifactNotFoundError(id);
    const db = await this.db();
    const found = new Map<string, ArtifactRecord>([[id, start]]);
    const next = async (x: string): Promise<readonly string[]> => {
      if (direction === 'down') return (await db.getAllKeysFromIndex('records', 'inputs', x)).sort();
      const record = found.get(x) ?? (await this.get(x));
      return record?.inputs ?? [];
    };
    const ids = await walkLineage(id, next, options.transitive ?? false);
    const out: ArtifactRecord[] = [];
    for (const x of ids) {
      const record = found.get(x) ?? (await this.get(x));
      if (record) {
        found.set(x, record);
        out.push(record);
      }
    }
    return out;
  }

  async listQuarantine(): Promise<QuarantineRecord[]> {
    const values = await (await this.db()).getAll('quarantine');
    return values.map((v) => parseStoredQuarantine(v, this.where('quarantine', v.id))).sort(compareRecords);
  }

  async getQuarantined(id: string): Promise<QuarantineRecord | undefined> {
    if (!isQuarantineId(id)) return undefined;
    const value = await (await this.db()).get('quarantine', id);
    return value === undefined ? undefined : parseStoredQuarantine(value, this.where('quarantine', id));
  }

  async readQuarantinedBytes(id: string): Promise<Uint8Array> {
    if (!isQuarantineId(id)) throw new ArtifactNotFoundError(id);
    return this.readOwned('quarantine', id, false);
  }

  // ---- writing ----

  /** Adds the blob unless identical bytes are already stored; then the fault seams, in write order. */
  private async putBlob<S extends StoreNames<ArtifactDB>[]>(
    blobs: IDBPObjectStore<ArtifactDB, S, 'blobs', 'readwrite'>,
    bytes: CollectedBytes,
  ): Promise<void> {
    if ((await blobs.getKey(bytes.digest.sha256)) === undefined) {
      await blobs.put({ fileHash: bytes.digest.sha256, size: bytes.digest.size, data: bytes.blob });
      this.faults?.duringBlobWrite?.();
    }
    this.faults?.beforeRecordWrite?.();
  }

  async put(draft: ArtifactDraft, bytes: ByteSource): Promise<PutResult> {
    let id: string;
    try {
      this.assertOpen();
      id = validateArtifactDraft(draft);
      const known = await this.get(id);
      if (known) {
        await discardByteSource(bytes);
        return { record: this.sameContent(known, draft.contentHash), created: false };
      }
    } catch (e) {
      await discardByteSource(bytes);
      throw e;
    }
    const name = draft.provenance.sourceFileName ?? id;
    const envelope = new ParquetEnvelope();
    const collected = await collectBytes(bytes, envelope, name);
    const problem = envelope.problem(name);
    if (problem) throw problem;
    return this.write(['records', 'blobs'], `${draft.kind} artifact ${id} (${name}, ${collected.digest.size} bytes)`, async (tx) => {
      const records = tx.objectStore('records');
      const again = await records.get(id);
      if (again) return { record: this.sameContent(parseStoredRecord(again, this.where('records', id)), draft.contentHash), created: false };
      const inputs = draft.inputs ?? [];
      const missing: string[] = [];
      for (const input of inputs) if ((await records.getKey(input)) === undefined) missing.push(input);
      if (missing.length > 0) throw new MissingInputError(id, missing);
      const record = buildArtifactRecord(draft, {
        fileHash: collected.digest.sha256,
        storedBytes: collected.digest.size,
        createdAtMs: this.clock.now(),
      });
      await this.putBlob(tx.objectStore('blobs'), collected);
      await records.put(record);
      return { record, created: true };
    });
  }

  private sameContent(record: ArtifactRecord, contentHash: string): ArtifactRecord {
    if (record.contentHash !== contentHash) {
      throw new ArtifactIdCollisionError(`id ${record.id} is taken by contentHash ${record.contentHash}; refusing to store ${contentHash} under it`);
    }
    return record;
  }

  async delete(id: string): Promise<void> {
    await this.write(['records'], `the deletion of ${id}`, async (tx) => {
      const records = tx.objectStore('records');
      if (!isArtifactId(id) || (await records.getKey(id)) === undefined) throw new ArtifactNotFoundError(id);
      const dependents = (await records.index('inputs').getAllKeys(id)).sort();
      if (dependents.length > 0) throw new ArtifactInUseError(id, dependents);
      await records.delete(id);
    });
  }

  async quarantine(draft: QuarantineDraft, bytes: ByteSource): Promise<QuarantineResult> {
    try {
      this.assertOpen();
      validateQuarantineDraft(draft);
    } catch (e) {
      await discardByteSource(bytes);
      throw e;
    }
    const collected = await collectBytes(bytes, undefined, draft.sourceFileName);
    const id = quarantineId(collected.digest.sha256);
    return this.write(['quarantine', 'blobs'], `quarantined file ${draft.sourceFileName} (${collected.digest.size} bytes)`, async (tx) => {
      const quarantine = tx.objectStore('quarantine');
      const known = await quarantine.get(id);
      if (known) return { entry: parseStoredQuarantine(known, this.where('quarantine', id)), created: false };
      const entry = buildQuarantineRecord(draft, { fileHash: collected.digest.sha256, size: collected.digest.size, createdAtMs: this.clock.now() });
      await this.putBlob(tx.objectStore('blobs'), collected);
      await quarantine.put(entry);
      return { entry, created: true };
    });
  }

  async deleteQuarantined(id: string): Promise<void> {
    await this.write(['quarantine'], `the deletion of ${id}`, async (tx) => {
      const quarantine = tx.objectStore('quarantine');
      if (!isQuarantineId(id) || (await quarantine.getKey(id)) === undefined) throw new ArtifactNotFoundError(id);
      await quarantine.delete(id);
    });
  }

  /** fileHashes referenced by records and quarantine entries, and every blob's size, read with key cursors only. */
  private async census(tx: IDBPTransaction<ArtifactDB, ['records', 'quarantine', 'blobs'], IDBTransactionMode>) {
    const referenced = new Set<string>();
    for (let c = await tx.objectStore('records').index('fileHash').openKeyCursor(); c; c = await c.continue()) referenced.add(c.key);
    for (let c = await tx.objectStore('quarantine').index('fileHash').openKeyCursor(); c; c = await c.continue()) referenced.add(c.key);
    const blobs: Array<{ fileHash: string; size: number }> = [];
    for (let c = await tx.objectStore('blobs').index('size').openKeyCursor(); c; c = await c.continue())
      blobs.push({ fileHash: c.primaryKey, size: c.key });
    const artifacts = await tx.objectStore('records').count();
    const quarantined = await tx.objectStore('quarantine').count();
    return { referenced, blobs, artifacts, quarantined };
  }

  async gc(): Promise<GcReport> {
    return this.write(['records', 'quarantine', 'blobs'], 'garbage collection', async (tx) => {
      const { referenced, blobs } = await this.census(tx);
      const removed = blobs.filter((b) => !referenced.has(b.fileHash));
      for (const b of removed) await tx.objectStore('blobs').delete(b.fileHash);
      return { removedBlobs: removed.map((b) => b.fileHash).sort(), freedBytes: removed.reduce((n, b) => n + b.size, 0), removedTemp: 0 };
    });
  }

  async usage(): Promise<StoreUsage> {
    const tx = (await this.db()).transaction(['records', 'quarantine', 'blobs'], 'readonly');
    const { referenced, blobs, artifacts, quarantined } = await this.census(tx);
    await tx.done;
    const loose = blobs.filter((b) => !referenced.has(b.fileHash));
    return {
      artifacts,
      quarantined,
      blobs: blobs.length,
      blobBytes: blobs.reduce((n, b) => n + b.size, 0),
      unreferencedBlobs: loose.length,
      unreferencedBytes: loose.reduce((n, b) => n + b.size, 0),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.connection.close();
  }
}
