/**
 * TempSpace in Blobs: appended bytes are gathered into Blobs of a few MiB, which live outside the worker's JS heap
 * (Chromium keeps large blob data in the browser process and pages it to disk), and are read back with
 * Blob.stream(). Nothing is persisted: `release()` — or the worker being terminated on Cancel — drops them all.
 */
import type { OpenTempSpace, TempSpace, TempSpool } from '../../ports/temp-spool';

const PART_BYTES = 4 << 20;

class BlobSpool implements TempSpool {
  size = 0;
  private parts: Blob[] = [];
  private pending: Uint8Array<ArrayBuffer>[] = [];
  private pendingBytes = 0;

  async append(chunk: Uint8Array): Promise<void> {
    this.pending.push(chunk.slice());
    this.pendingBytes += chunk.length;
    this.size += chunk.length;
    if (this.pendingBytes >= PART_BYTES) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.parts.push(new Blob(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
  }

  async *read(): AsyncIterable<Uint8Array> {
    this.flush();
    yield* fileChunks(new Blob(this.parts));
  }

  drop(): void {
    this.parts = [];
    this.pending = [];
  }
}

export const blobTempSpace: OpenTempSpace = async (): Promise<TempSpace> => {
  const spools: BlobSpool[] = [];
  return {
    async spool() {
      const spool = new BlobSpool();
      spools.push(spool);
      return spool;
    },
    async release() {
      for (const s of spools) s.drop();
    },
  };
};

/** A File as a ByteSource that can be read again (File.stream() starts over each time). */
export async function* fileChunks(file: Blob): AsyncGenerator<Uint8Array> {
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
