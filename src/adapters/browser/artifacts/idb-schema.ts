/**
 * IndexedDB layout of the browser artifact store (database version 2):
 *
 *   records     key id            ArtifactRecord; indexes
 *                                   kind, interval                 exact criteria of `find`
 *                                   instruments, tags (multiEntry) one entry per instrument / tag
 *                                   contentHash (unique), fileHash hash-prefix search (a key range over the hex)
 *                                   startMs, endMs                 the time range (records without one are not in them)
 *                                   inputs (multiEntry)            lineage downstream: input id → consumers
 *                                   created ([createdAt, id])      the listing order, oldest first
 *   blobs       key fileHash      { fileHash, size, data: Blob }; index size (lets gc/usage read sizes without values)
 *   quarantine  key id            QuarantineRecord; indexes fileHash, created ([createdAt, id])
 *
 * Lineage upstream needs no index: a record lists its inputs. Bytes are kept as Blobs (browsers store large Blobs
 * outside the database file). A record and its blob are written in one readwrite transaction, so either both exist
 * or neither.
 *
 * Upgrades only add indexes: IndexedDB fills a new index from the records already stored, inside the version-change
 * transaction, so every record stays exactly as it was written.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { QuarantineRecord } from '../../../core/artifacts/quarantine';
import type { ArtifactRecord } from '../../../core/artifacts/record';

export const DB_VERSION = 2;
export const DEFAULT_DB_NAME = 'quantlab-artifacts';

export interface StoredBlob {
  fileHash: string;
  size: number;
  data: Blob;
}

export interface ArtifactDB extends DBSchema {
  records: {
    key: string;
    value: ArtifactRecord;
    indexes: {
      kind: string;
      contentHash: string;
      fileHash: string;
      instruments: string;
      inputs: string;
      tags: string;
      interval: string;
      startMs: number;
      endMs: number;
      created: [string, string];
    };
  };
  blobs: {
    key: string;
    value: StoredBlob;
    indexes: { size: number };
  };
  quarantine: {
    key: string;
    value: QuarantineRecord;
    indexes: { fileHash: string; created: [string, string] };
  };
}

type UpgradeTx = IDBPTransaction<ArtifactDB, StoreNames<ArtifactDB>[], 'versionchange'>;

/** Version 1: the stores and the indexes of the first release. */
function createV1(db: IDBPDatabase<ArtifactDB>): void {
  const records = db.createObjectStore('records', { keyPath: 'id' });
  records.createIndex('kind', 'kind');
  records.createIndex('contentHash', 'contentHash', { unique: true });
  records.createIndex('fileHash', 'fileHash');
  records.createIndex('instruments', 'instruments', { multiEntry: true });
  records.createIndex('inputs', 'inputs', { multiEntry: true });
  records.createIndex('tags', 'tags', { multiEntry: true });
  const blobs = db.createObjectStore('blobs', { keyPath: 'fileHash' });
  blobs.createIndex('size', 'size');
  const quarantine = db.createObjectStore('quarantine', { keyPath: 'id' });
  quarantine.createIndex('fileHash', 'fileHash');
}

/** Version 2: indexes for every criterion of `find` and for the listing order (stores of thousands of artifacts). */
function addV2Indexes(tx: UpgradeTx): void {
  const records = tx.objectStore('records');
  records.createIndex('interval', 'interval');
  records.createIndex('startMs', 'timeRange.startMs');
  records.createIndex('endMs', 'timeRange.endMs');
  records.createIndex('created', ['createdAt', 'id']);
  tx.objectStore('quarantine').createIndex('created', ['createdAt', 'id']);
}

/**
 * Brings the database from `oldVersion` to `newVersion`, one step at a time (a test opens an older version to check
 * the upgrade from it; the lab always opens DB_VERSION).
 */
export function upgradeArtifactDB(db: IDBPDatabase<ArtifactDB>, oldVersion: number, newVersion: number | null, tx: UpgradeTx): void {
  const target = newVersion ?? DB_VERSION;
  if (oldVersion < 1 && target >= 1) createV1(db);
  if (oldVersion < 2 && target >= 2) addV2Indexes(tx);
}
