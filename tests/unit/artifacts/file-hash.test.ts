import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createByteHasher, fileHash } from '../../../src/core/artifacts/file-hash';
import { sharedDataPath } from '../../helpers/shared-data';
import { chunked } from '../../shared/artifact-fixtures';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('streaming fileHash', () => {
  it('equals node:crypto over the whole input, however it is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 5000 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 8 }),
        async (bytes, sizes) => {
          const digest = await fileHash(chunked(bytes, sizes));
          expect(digest).toEqual({ sha256: sha256(bytes), size: bytes.length });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('hashes a file streamed from disk (chunks of 4 KiB) like node:crypto', async () => {
    const path = sharedDataPath('GOOG.csv');
    const stream = createReadStream(path, { highWaterMark: 4096 });
    const whole = createHash('sha256');
    let size = 0;
    for await (const chunk of createReadStream(path)) {
      whole.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    expect(await fileHash(stream as AsyncIterable<Uint8Array>)).toEqual({ sha256: whole.digest('hex'), size });
  });

  it('accepts one buffer, sync iterables, and the empty input', async () => {
    const bytes = randomBytes(1 << 20);
    expect((await fileHash(bytes)).sha256).toBe(sha256(bytes));
    expect((await fileHash([bytes.subarray(0, 10), bytes.subarray(10)])).sha256).toBe(sha256(bytes));
    expect(await fileHash([])).toEqual({ sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', size: 0 });
  });

  it('refuses chunks that are not bytes, and a hasher digested twice', async () => {
    await expect(fileHash(['abc'] as unknown as Iterable<Uint8Array>)).rejects.toThrow(
      'a byte source yielded [object String], expected Uint8Array chunks',
    );
    const h = await createByteHasher();
    h.update(new Uint8Array([1]));
    h.digest();
    expect(() => h.digest()).toThrow('already digested');
  });

  it('keeps hashers independent when used at once', async () => {
    const [a, b] = [randomBytes(3000), randomBytes(3000)];
    const [ha, hb] = await Promise.all([fileHash(chunked(a, [100])), fileHash(chunked(b, [77]))]);
    expect([ha.sha256, hb.sha256]).toEqual([sha256(a), sha256(b)]);
  });
});
