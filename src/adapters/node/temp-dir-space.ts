/**
 * TempSpace in a fresh directory under the system temp directory: one file per spool, appended to as an import
 * goes and read back as a stream. `release()` removes the directory, also after a failure.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenTempSpace, TempSpace, TempSpool } from '../../ports/temp-spool';

class FileSpool implements TempSpool {
  size = 0;

  constructor(
    private readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  async append(chunk: Uint8Array): Promise<void> {
    let off = 0;
    while (off < chunk.length) off += (await this.handle.write(chunk, off, chunk.length - off)).bytesWritten;
    this.size += chunk.length;
  }

  async *read(): AsyncIterable<Uint8Array> {
    if (this.size === 0) return;
    for await (const chunk of createReadStream(this.path, { highWaterMark: 1 << 20, end: this.size - 1 })) yield chunk as Uint8Array;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

export function tempDirSpace(parent: string = tmpdir()): OpenTempSpace {
  return async (): Promise<TempSpace> => {
    const dir = await mkdtemp(join(parent, 'quantlab-import-'));
    const spools: FileSpool[] = [];
    let made = 0;
    return {
      async spool() {
        const path = join(dir, `spool-${made++}`);
        const spool = new FileSpool(path, await open(path, 'wx+'));
        spools.push(spool);
        return spool;
      },
      async release() {
        await Promise.allSettled(spools.map((s) => s.close()));
        await rm(dir, { recursive: true, force: true });
      },
    };
  };
}
