/**
 * ArtifactStore: immutable, content-addressed artifacts with lineage, plus a quarantine for refused files.
 *
 * Guarantees every adapter keeps (the shared suite in tests/shared/artifact-store-suite.ts checks them):
 * - `put` is all or nothing: after a failure (thrown error, quota, crash) there is no record and no reachable bytes;
 *   at worst unreferenced bytes remain, which `gc` removes. A record never points at missing bytes.
 * - Dedup by contentHash: putting content that is already stored returns the stored record (`created: false`) and
 *   writes nothing; the existing record is not changed (records are immutable).
 * - Concurrent writers (tabs, processes, two store objects) lose nothing: writes are serialized per store.
 * - Delete refuses while other artifacts list the artifact as an input (ArtifactInUseError) and removes only the
 *   record; `gc` later removes bytes no record or quarantine entry refers to.
 * - Quarantined files are never returned by `get`/`find`/`lineage` and cannot be inputs.
 *
 * Errors are the named classes of src/core/artifacts/errors.ts.
 */
import type { ArtifactFilter } from '../core/artifacts/filter';
import type { ByteSource } from '../core/artifacts/file-hash';
import type { QuarantineDraft, QuarantineRecord } from '../core/artifacts/quarantine';
import type { ArtifactDraft, ArtifactRecord } from '../core/artifacts/record';

export type { ArtifactDraft, ArtifactFilter, ArtifactRecord, ByteSource, QuarantineDraft, QuarantineRecord };

/** Wall-clock time for createdAt; injected so tests and replays are deterministic. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export interface PutResult {
  record: ArtifactRecord;
  /** false when the contentHash was already stored and nothing was written. */
  created: boolean;
}

export interface QuarantineResult {
  entry: QuarantineRecord;
  /** false when the same bytes were already quarantined. */
  created: boolean;
}

/** up: what an artifact was made from; down: what was made from it. */
export type LineageDirection = 'up' | 'down';

export interface LineageOptions {
  /** Follow the graph to the end (breadth first) instead of one hop. Default false. */
  transitive?: boolean;
}

export interface ReadOptions {
  /** Re-hash the bytes and throw CorruptStoreError if they no longer match the record's fileHash. */
  verify?: boolean;
}

export interface GcReport {
  /** fileHashes of the byte blobs removed. */
  removedBlobs: string[];
  freedBytes: number;
  /** Leftovers of interrupted writes removed (temp files); 0 where the adapter has none. */
  removedTemp: number;
}

export interface StoreUsage {
  artifacts: number;
  quarantined: number;
  blobs: number;
  blobBytes: number;
  /** Blobs no record refers to (what `gc` would remove). */
  unreferencedBlobs: number;
  unreferencedBytes: number;
}

/**
 * Test seam: makes a write fail at a chosen point. Adapters call these synchronously; a hook that throws aborts the
 * write exactly as a storage error there would. Production code never sets them.
 */
export interface StoreFaults {
  /** While the bytes are being written (after the first chunk reached storage, before they are committed). */
  duringBlobWrite?: () => void;
  /** After the bytes are committed, before the record is written. */
  beforeRecordWrite?: () => void;
  /** After the record is written, before a derived index is updated (adapters without one never call it). */
  beforeIndexUpdate?: () => void;
}

export interface ArtifactStore {
  /**
   * Stores Parquet bytes and their record atomically. The store hashes the bytes itself (streaming) for fileHash,
   * checks they are a complete Parquet file (InvalidBytesError), checks every input exists (MissingInputError),
   * and builds the record with its clock. `draft.contentHash` is computed by the caller from the decoded table.
   */
  put(draft: ArtifactDraft, bytes: ByteSource): Promise<PutResult>;
  get(id: string): Promise<ArtifactRecord | undefined>;
  getByContentHash(contentHash: string): Promise<ArtifactRecord | undefined>;
  /** The stored bytes (ArtifactNotFoundError if there is no such artifact). */
  readBytes(id: string, options?: ReadOptions): Promise<Uint8Array>;
  /** Records matching every given criterion, oldest first (ties by id). */
  find(filter?: ArtifactFilter): Promise<ArtifactRecord[]>;
  /**
   * The `limit` most recently created records, newest first (ties by id, last first): what a long list shows while
   * the whole of it is read. Optional: a store without a cheap way to answer it leaves it out.
   */
  newest?(limit: number): Promise<ArtifactRecord[]>;
  /** Records upstream (inputs) or downstream (consumers) of `id`, nearest first. */
  lineage(id: string, direction: LineageDirection, options?: LineageOptions): Promise<ArtifactRecord[]>;
  /** Removes the record (ArtifactInUseError while others depend on it, ArtifactNotFoundError if absent). */
  delete(id: string): Promise<void>;

  /** Keeps a refused file with its reasons, apart from artifacts. Same bytes twice → the existing entry. */
  quarantine(draft: QuarantineDraft, bytes: ByteSource): Promise<QuarantineResult>;
  listQuarantine(): Promise<QuarantineRecord[]>;
  getQuarantined(id: string): Promise<QuarantineRecord | undefined>;
  readQuarantinedBytes(id: string): Promise<Uint8Array>;
  deleteQuarantined(id: string): Promise<void>;

  /** Removes byte blobs that no record and no quarantine entry refers to (and leftovers of interrupted writes). */
  gc(): Promise<GcReport>;
  usage(): Promise<StoreUsage>;
  /** Releases the backing storage; later calls throw StoreClosedError. */
  close(): Promise<void>;
}
