/**
 * IndexedDB layout of the browser artifact store (database version 1):
 *
 *   records     key id            ArtifactRecord; indexes kind, contentHash (unique), fileHash,
 *                                 instruments (multiEntry), inputs (multiEntry: input id → consumers), tags (multiEntry)
 *   blobs       key fileHash      { fileHash, size, data: Blob }; index size (lets gc/usage read sizes without values)
 *   quarantine  key id            QuarantineRecord; index fileHash
 *
 * Bytes are kept as Blobs (browsers store large Blobs outside the database file). A record and its blob are written
 * in one readwrite transaction, so either both exist or neither.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import type { QuarantineRecord } from '../../../core/artifacts/quarantine';
import type { ArtifactRecord } from '../../../core/artifacts/record';

export const DB_VERSION = 1;
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
    indexes: { kind: string; contentHash: string; fileHash: string; instruments: string; inputs: string; tags: string };
  };
  blobs: {
    key: string;
    value: StoredBlob;
    indexes: { size: number };
  };
  quarantine: {
    key: string;
    value: QuarantineRecord;
    indexes: { fileHash: string };
  };
}

export function upgradeArtifactDB(db: IDBPDatabase<ArtifactDB>, oldVersion: number): void {
  if (oldVersion < 1) {
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
}
