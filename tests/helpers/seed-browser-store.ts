/**
 * A browser artifact store the size of a research lake, written fast: manifest records (built and validated by the
 * lab's own record builder) and tiny byte blobs go straight into the page's IndexedDB in one transaction, in the
 * store's layout, instead of through thousands of imports. The records describe monthly OHLCV slices of many
 * instruments; their blobs are minimal Parquet envelopes (what the store checks), not bars to chart.
 * Used by the 5,000-artifact e2e test and the Artifacts view bench.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { OHLCV_SCHEMA } from '../../src/core/artifacts/ohlcv-content';
import { buildQuarantineRecord, type QuarantineRecord } from '../../src/core/artifacts/quarantine';
import { buildArtifactRecord, type ArtifactRecord } from '../../src/core/artifacts/record';
import { MS_PER_DAY } from '../../src/core/domain/time';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface SeededStore {
  /** Oldest first (record i was created i seconds after 2026-01-01). */
  records: ArtifactRecord[];
  quarantine: QuarantineRecord[];
  /** fileHash → bytes, for records and quarantine entries. */
  blobs: Map<string, Uint8Array>;
}

/** The instrument of seeded artifact i: `INS0000` … one per `instruments`, cycling. */
export const seededInstrument = (i: number, instruments: number) => `INS${String(i % instruments).padStart(4, '0')}`;

/** Minimal Parquet envelope around a label ("PAR1" payload, footer length, "PAR1"). */
function envelope(label: string): Uint8Array {
  const payload = new TextEncoder().encode(label);
  const out = new Uint8Array(4 + payload.length + 8);
  out.set([0x50, 0x41, 0x52, 0x31], 0);
  out.set(payload, 4);
  new DataView(out.buffer).setUint32(out.length - 8, 1, true);
  out.set([0x50, 0x41, 0x52, 0x31], out.length - 4);
  return out;
}

export function seededStore(count: number, instruments: number, quarantined = 0): SeededStore {
  const records: ArtifactRecord[] = [];
  const quarantine: QuarantineRecord[] = [];
  const blobs = new Map<string, Uint8Array>();
  const t0 = Date.UTC(2026, 0, 1);
  for (let i = 0; i < count; i++) {
    const instrument = seededInstrument(i, instruments);
    const slice = Math.floor(i / instruments);
    const startMs = Date.UTC(2015, 0, 1) + slice * 30 * MS_PER_DAY;
    const bytes = envelope(`seeded artifact ${i}`);
    const fileHash = sha256(bytes);
    blobs.set(fileHash, bytes);
    const month = new Date(startMs).toISOString().slice(0, 7);
    records.push(
      buildArtifactRecord(
        {
          kind: 'ohlcv',
          contentHash: sha256(new TextEncoder().encode(`seeded content ${i}`)),
          schema: OHLCV_SCHEMA,
          rowCount: 21,
          instruments: [instrument],
          timeRange: { startMs, endMs: startMs + 28 * MS_PER_DAY },
          interval: i % 7 === 0 ? '1h' : '1d',
          provenance: { sourceFileName: `${instrument}-${month}.csv`, sourceFileHash: null, appVersion: '0.1.0-seed' },
          sourceBytes: 900,
          tags: ['slice'],
        },
        { fileHash, storedBytes: bytes.length, createdAtMs: t0 + i * 1000 },
      ),
    );
  }
  for (let i = 0; i < quarantined; i++) {
    const bytes = new TextEncoder().encode(`date,open\nnot a date ${i},x\n`);
    const fileHash = sha256(bytes);
    blobs.set(fileHash, bytes);
    const file = `refused-${String(i).padStart(4, '0')}.csv`;
    const reasons = Array.from({ length: 1 + (i % 4) }, (_, k) => ({
      code: 'timestamp',
      message: `${file}: row ${k + 1}, column "date": not a date`,
      row: k + 1,
      column: 'date',
    }));
    quarantine.push(
      buildQuarantineRecord(
        { sourceFileName: file, reasons, appVersion: '0.1.0-seed' },
        { fileHash, size: bytes.length, createdAtMs: t0 + i * 1000 },
      ),
    );
  }
  return { records, quarantine, blobs };
}

/**
 * Writes the seeded store into the page's artifact database (already created by the lab at its current version),
 * beside what is there. Reload the page afterwards: the lab reads the store at start.
 */
export async function writeSeededStore(page: Page, seeded: SeededStore): Promise<void> {
  const blobs = [...seeded.blobs].map(([fileHash, bytes]) => ({ fileHash, bytes: Array.from(bytes) }));
  await page.evaluate(
    async ({ records, quarantine, blobs }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('quantlab-artifacts');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('could not open quantlab-artifacts'));
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['records', 'blobs', 'quarantine'], 'readwrite');
        for (const b of blobs) tx.objectStore('blobs').put({ fileHash: b.fileHash, size: b.bytes.length, data: new Blob([new Uint8Array(b.bytes)]) });
        for (const r of records) tx.objectStore('records').put(r);
        for (const q of quarantine) tx.objectStore('quarantine').put(q);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('the seeding transaction failed'));
        tx.onabort = () => reject(tx.error ?? new Error('the seeding transaction was aborted'));
      });
      db.close();
    },
    { records: seeded.records, quarantine: seeded.quarantine, blobs },
  );
}
