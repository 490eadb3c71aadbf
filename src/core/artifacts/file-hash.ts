/**
 * Streaming SHA-256 of file bytes (the artifact's `fileHash`). Built on hash-wasm's incremental hasher because
 * `crypto.subtle.digest` needs the whole file in one buffer; here only one chunk is in memory at a time.
 */
import { giveBackSha256, takeSha256 } from './sha256-pool';

/** Anything bytes can come from: one buffer, or chunks (a file stream, a Node read stream, a generator). */
export type ByteSource = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

export interface FileDigest {
  /** Lowercase hex SHA-256. */
  sha256: string;
  /** Total bytes hashed. */
  size: number;
}

/** An incremental SHA-256 for callers that consume the bytes themselves (e.g. while writing them to disk). */
export interface ByteHasher {
  update(chunk: Uint8Array): void;
  digest(): FileDigest;
}

export async function createByteHasher(): Promise<ByteHasher> {
  const hasher = await takeSha256();
  let size = 0;
  let done = false;
  return {
    update(chunk) {
      if (done) throw new Error('hasher already digested');
      hasher.update(chunk);
      size += chunk.length;
    },
    digest() {
      if (done) throw new Error('hasher already digested');
      done = true;
      const sha256 = hasher.digest('hex');
      giveBackSha256(hasher);
      return { sha256, size };
    },
  };
}

/** Iterates a ByteSource as chunks (a single buffer is one chunk). Rejects anything that is not a Uint8Array. */
export async function* byteChunks(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    yield source;
    return;
  }
  for await (const chunk of source) {
    if (!(chunk instanceof Uint8Array))
      throw new TypeError(`a byte source yielded ${Object.prototype.toString.call(chunk)}, expected Uint8Array chunks`);
    yield chunk;
  }
}

/** SHA-256 and size of all bytes of `source`, consuming it chunk by chunk. */
export async function fileHash(source: ByteSource): Promise<FileDigest> {
  const hasher = await createByteHasher();
  for await (const chunk of byteChunks(source)) hasher.update(chunk);
  return hasher.digest();
}

/**
 * Closes a source the store decided not to read (the content was already stored, or the draft was refused), so a
 * file stream handed in does not stay open. A single buffer needs nothing.
 */
export async function discardByteSource(source: ByteSource): Promise<void> {
  if (source instanceof Uint8Array) return;
  if (Symbol.asyncIterator in source) await source[Symbol.asyncIterator]().return?.();
  else source[Symbol.iterator]().return?.();
}
