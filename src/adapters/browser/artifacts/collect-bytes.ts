/**
 * Reads a ByteSource once, hashing it and checking the Parquet envelope as it goes, into a Blob. All of this runs
 * before the IndexedDB transaction opens (no non-IDB await may happen inside one).
 */
import { byteChunks, createByteHasher, type ByteSource, type FileDigest } from '../../../core/artifacts/file-hash';
import type { ParquetEnvelope } from '../../../core/artifacts/parquet-envelope';

const PART_BYTES = 4 << 20;

export interface CollectedBytes {
  blob: Blob;
  digest: FileDigest;
}

export async function collectBytes(source: ByteSource, envelope: ParquetEnvelope | undefined, fileName: string): Promise<CollectedBytes> {
  const hasher = await createByteHasher();
  // Chunks are gathered into Blobs of a few MiB as they come, so a large file (a streamed import's Parquet, a
  // quarantined CSV) does not sit in the worker's JS heap: Blob data lives outside it.
  const blobs: Blob[] = [];
  let parts: Uint8Array<ArrayBuffer>[] = [];
  let partBytes = 0;
  const owned = source instanceof Uint8Array;
  for await (const chunk of byteChunks(source)) {
    hasher.update(chunk);
    if (envelope) {
      envelope.push(chunk);
      const problem = envelope.headProblem(fileName);
      if (problem) throw problem;
    }
    // A stream may reuse its buffer for the next chunk: keep a copy. A single buffer handed over is used as it is.
    parts.push(owned && chunk.buffer instanceof ArrayBuffer ? (chunk as Uint8Array<ArrayBuffer>) : chunk.slice());
    partBytes += chunk.length;
    if (partBytes >= PART_BYTES) {
      blobs.push(new Blob(parts));
      parts = [];
      partBytes = 0;
    }
  }
  if (parts.length > 0) blobs.push(new Blob(parts));
  return { blob: new Blob(blobs), digest: hasher.digest() };
}
