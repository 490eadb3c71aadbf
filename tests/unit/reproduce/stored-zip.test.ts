/**
 * The bundle container: stored entries with fixed headers. Written by fflate, read strictly: every single-byte
 * change anywhere in an archive is refused, a truncated archive is refused, and nothing is ever inflated.
 */
import { spawnSync } from 'node:child_process';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../src/core/reproduce/crc32';
import { BundleError } from '../../../src/core/reproduce/errors';
import { readStoredZip, writeStoredZip, type ZipEntry } from '../../../src/core/reproduce/stored-zip';

const LIMITS = { maxArchiveBytes: 1 << 20, maxEntries: 16, maxEntryBytes: 1 << 16 };
const utf8 = new TextEncoder();
const ENTRIES: ZipEntry[] = [
  { name: 'manifest.json', data: utf8.encode('{"a":1}\n') },
  { name: 'summary.txt', data: utf8.encode('hello → bundle\n') },
  { name: 'results/equity.parquet', data: Uint8Array.from({ length: 40 }, (_, i) => (i * 37) & 0xff) },
];

function refusal(bytes: Uint8Array): BundleError {
  try {
    readStoredZip(bytes, LIMITS);
  } catch (e) {
    expect(e).toBeInstanceOf(BundleError);
    return e as BundleError;
  }
  throw new Error('expected the archive to be refused');
}

describe('stored zip', () => {
  it('round-trips entries in order, as views on the archive', () => {
    const zip = writeStoredZip(ENTRIES);
    const back = readStoredZip(zip, LIMITS);
    expect(back.map((e) => e.name)).toEqual(ENTRIES.map((e) => e.name));
    back.forEach((e, i) => expect(Array.from(e.data)).toEqual(Array.from(ENTRIES[i].data)));
  });

  it('is the same archive in every time zone (no clock time in it)', () => {
    const script = `import { writeStoredZip } from './src/core/reproduce/stored-zip.ts'; process.stdout.write(Buffer.from(writeStoredZip([{ name: 'a.txt', data: new Uint8Array([1, 2, 3]) }])).toString('hex'));`;
    const run = (tz: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' })
        .stdout;
    const utc = run('UTC');
    expect(utc.length).toBeGreaterThan(100);
    expect(run('America/Los_Angeles')).toBe(utc);
    expect(run('Asia/Kathmandu')).toBe(utc);
  });

  it("matches zlib's CRC-32", async () => {
    const { crc32: zlibCrc } = await import('node:zlib');
    for (const e of ENTRIES) expect(crc32(e.data)).toBe(zlibCrc(e.data));
  });

  it('refuses every single-byte change anywhere in the archive', () => {
    const zip = writeStoredZip(ENTRIES);
    for (let at = 0; at < zip.length; at++) {
      for (const flip of [0x01, 0x80, 0xff]) {
        const bad = zip.slice();
        bad[at] ^= flip;
        refusal(bad);
      }
    }
  });

  it('names the entry whose bytes changed', () => {
    const zip = writeStoredZip(ENTRIES);
    const at = zip.length - 22 - 3 * 46 - 42 - 5; // inside the last entry's data
    const bad = zip.slice();
    bad[at] ^= 1;
    const e = refusal(bad);
    expect(e.file).toBe('results/equity.parquet');
    expect(e.rule).toBe('crc');
    expect(e.message).toMatch(
      /^results\/equity\.parquet: CRC-32 of its 40 bytes is 0x[0-9a-f]{8}, the archive says 0x[0-9a-f]{8} \(damaged or altered\) \[rule: crc\]$/,
    );
  });

  it('refuses truncated archives, whatever the cut', () => {
    const zip = writeStoredZip(ENTRIES);
    for (let len = 0; len < zip.length; len++) refusal(zip.subarray(0, len));
    expect(refusal(zip.subarray(0, zip.length - 1)).message).toMatch(/not a complete ZIP archive.*truncated/);
  });

  it("refuses compressed entries, comments and other writers' headers without inflating anything", () => {
    const deflated = zipSync({ 'manifest.json': new Uint8Array(1 << 16) }, { level: 9, mtime: new Date(1980, 0, 1) });
    const e = refusal(deflated);
    expect(e.rule).toBe('zip-canonical');
    expect(e.message).toMatch(/compression method 8; bundle entries are stored uncompressed/);
    const now = zipSync({ 'a.txt': new Uint8Array([1]) }, { level: 0 });
    expect(refusal(now).message).toMatch(/modification time is not 1980-01-01/);
  });

  it('checks declared sizes against the limits before reading', () => {
    const zip = writeStoredZip([{ name: 'big.bin', data: new Uint8Array(70_000) }]);
    const e = refusal(zip);
    expect(e).toMatchObject({ file: 'big.bin', rule: 'size' });
    expect(() => readStoredZip(zip, { ...LIMITS, maxArchiveBytes: 1000 })).toThrow(/the archive is \d+ bytes; the limit is 1000/);
    const many = writeStoredZip(Array.from({ length: 17 }, (_, i) => ({ name: `f${i}`, data: new Uint8Array(1) })));
    expect(refusal(many).message).toMatch(/17 entries; the limit is 16/);
  });

  it('refuses unsafe names when writing', () => {
    for (const name of ['/abs', '../up', 'a/../b', 'a\\b', 'sp ace', '', 'a//b', './x']) {
      expect(() => writeStoredZip([{ name, data: new Uint8Array(1) }])).toThrow(/not allowed/);
    }
  });
});
