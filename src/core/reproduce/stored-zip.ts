/**
 * The container of a bundle: a ZIP archive whose entries are *stored* (method 0, no compression — the Parquet
 * files inside are compressed already), written by fflate with fixed header values, so the same content always
 * gives the same archive, byte for byte.
 *
 * Reading is strict: the archive must be exactly what this writer produces. Entries back to back from offset 0,
 * then the central directory, then the end record with no comment; every header field either a fixed value of
 * this format (versions 20, flags 0, time 1980-01-01 00:00, no extra fields, comments or attributes) or equal to
 * its copy (local header ↔ central directory) — and each entry's CRC-32 re-computed. So one byte changed anywhere
 * is caught and named, and nothing is ever decompressed: a zip bomb has nothing to expand (a compressed entry is
 * refused), and sizes are checked against limits before any byte is read.
 */
import { zipSync } from 'fflate';
import { crc32 } from './crc32';
import { BundleError } from './errors';

export interface ZipEntry {
  /** Path inside the archive: printable ASCII, `/` separated, no `..`, no leading `/`. */
  name: string;
  data: Uint8Array;
}

export interface ZipLimits {
  maxArchiveBytes: number;
  maxEntries: number;
  maxEntryBytes: number;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const VERSION = 20;
/** 1980-01-01 00:00:00 as MS-DOS date and time: the earliest a ZIP can say, and the same on every machine. */
const DOS_DATE = (1 << 5) | 1;
const DOS_TIME = 0;
const SAFE_NAME = /^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[\x21-\x7e]+$/;

export function isSafeEntryName(name: string): boolean {
  return name.length <= 255 && SAFE_NAME.test(name) && !name.includes('\\') && !name.includes('//');
}

/** Stored entries in the given order, every header field fixed. */
export function writeStoredZip(entries: readonly ZipEntry[]): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const e of entries) {
    if (!isSafeEntryName(e.name)) throw new TypeError(`zip entry name ${JSON.stringify(e.name)} is not allowed`);
    if (e.name in files) throw new TypeError(`zip entry ${e.name} given twice`);
    files[e.name] = e.data;
  }
  // fflate writes the local-time fields of mtime: a local 1980-01-01 00:00 is 1980-01-01 00:00 in every time zone.
  return zipSync(files, { level: 0, mtime: new Date(1980, 0, 1, 0, 0, 0) });
}

class Cursor {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly view: DataView,
  ) {}
  u16(at: number): number {
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    return this.view.getUint32(at, true);
  }
  has(at: number, n: number): boolean {
    return at >= 0 && at + n <= this.bytes.length;
  }
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

function fail(file: string | null, rule: 'zip' | 'zip-canonical' | 'crc' | 'size', detail: string): never {
  throw new BundleError(file, rule, detail);
}

interface HeaderFields {
  versionNeeded: number;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  nameLength: number;
  extraLength: number;
}

/** Fields every header of this format has fixed values for. */
function checkFixed(h: HeaderFields, name: string, where: string): void {
  if (h.method !== 0) fail(name, 'zip-canonical', `${where}: compression method ${h.method}; bundle entries are stored uncompressed (method 0)`);
  if (h.flags !== 0) fail(name, 'zip-canonical', `${where}: flags ${h.flags}; a bundle sets none (no encryption, no data descriptor)`);
  if (h.versionNeeded !== VERSION) fail(name, 'zip-canonical', `${where}: "version needed" is ${h.versionNeeded}, a bundle writes ${VERSION}`);
  if (h.time !== DOS_TIME || h.date !== DOS_DATE)
    fail(name, 'zip-canonical', `${where}: modification time is not 1980-01-01 00:00 (a bundle's entries carry no clock time)`);
  if (h.extraLength !== 0) fail(name, 'zip-canonical', `${where}: has ${h.extraLength} bytes of extra fields; a bundle writes none`);
  if (h.compressedSize !== h.size) fail(name, 'zip-canonical', `${where}: stored size ${h.compressedSize} differs from its size ${h.size}`);
}

/**
 * The entries of a bundle archive, as views on `bytes` (nothing copied, nothing inflated). BundleError names the
 * entry at fault, or `zip` for the archive's own structure.
 */
export function readStoredZip(bytes: Uint8Array, limits: ZipLimits): ZipEntry[] {
  if (bytes.length > limits.maxArchiveBytes) fail(null, 'size', `the archive is ${bytes.length} bytes; the limit is ${limits.maxArchiveBytes}`);
  const c = new Cursor(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const endAt = bytes.length - 22;
  if (endAt < 0 || c.u32(endAt) !== END) {
    fail(
      null,
      'zip',
      `not a complete ZIP archive: no end-of-central-directory record in its last 22 bytes (${bytes.length} bytes in all; truncated, or not a bundle?)`,
    );
  }
  const count = c.u16(endAt + 10);
  const cdSize = c.u32(endAt + 12);
  const cdOffset = c.u32(endAt + 16);
  if (c.u16(endAt + 4) !== 0 || c.u16(endAt + 6) !== 0) fail(null, 'zip-canonical', 'the end record names another disk; a bundle is one file');
  if (c.u16(endAt + 8) !== count) fail(null, 'zip-canonical', 'the end record counts its entries twice, differently');
  if (c.u16(endAt + 20) !== 0) fail(null, 'zip-canonical', 'the archive has a comment; a bundle has none');
  if (count > limits.maxEntries) fail(null, 'size', `${count} entries; the limit is ${limits.maxEntries}`);
  if (cdOffset + cdSize !== endAt)
    fail(
      null,
      'zip',
      `the central directory (${cdSize} bytes at ${cdOffset}) does not end where the end record starts (${endAt}); truncated or altered`,
    );

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let central = cdOffset;
  let local = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < count; i++) {
    if (!c.has(central, 46) || c.u32(central) !== CENTRAL)
      fail(null, 'zip', `central directory entry ${i + 1} is damaged (no signature at ${central})`);
    const h: HeaderFields = {
      versionNeeded: c.u16(central + 6),
      flags: c.u16(central + 8),
      method: c.u16(central + 10),
      time: c.u16(central + 12),
      date: c.u16(central + 14),
      crc: c.u32(central + 16),
      compressedSize: c.u32(central + 20),
      size: c.u32(central + 24),
      nameLength: c.u16(central + 28),
      extraLength: c.u16(central + 30),
    };
    if (!c.has(central + 46, h.nameLength)) fail(null, 'zip', `central directory entry ${i + 1}: its name runs past the directory`);
    let name: string;
    try {
      name = decoder.decode(bytes.subarray(central + 46, central + 46 + h.nameLength));
    } catch {
      fail(null, 'zip', `central directory entry ${i + 1}: the name is not UTF-8`);
    }
    if (!isSafeEntryName(name)) fail(null, 'zip', `entry name ${JSON.stringify(name)} is not allowed (absolute, "..", or not printable ASCII)`);
    if (names.has(name)) fail(name, 'zip', 'the archive holds this name twice');
    names.add(name);
    checkFixed(h, name, 'central directory');
    if (c.u16(central + 4) !== VERSION)
      fail(name, 'zip-canonical', `central directory: "version made by" is ${c.u16(central + 4)}, a bundle writes ${VERSION}`);
    if (c.u16(central + 32) !== 0) fail(name, 'zip-canonical', 'central directory: the entry has a comment; a bundle writes none');
    if (c.u16(central + 34) !== 0 || c.u16(central + 36) !== 0 || c.u32(central + 38) !== 0) {
      fail(name, 'zip-canonical', 'central directory: disk number or file attributes are set; a bundle writes none');
    }
    if (h.size > limits.maxEntryBytes) fail(name, 'size', `declares ${h.size} bytes; the limit per file is ${limits.maxEntryBytes}`);
    const offset = c.u32(central + 42);
    if (offset !== local) fail(name, 'zip', `its local header is said to be at ${offset}; entries sit back to back, so it must be at ${local}`);

    if (!c.has(local, 30) || c.u32(local) !== LOCAL) fail(name, 'zip', `local header damaged (no signature at ${local})`);
    const l: HeaderFields = {
      versionNeeded: c.u16(local + 4),
      flags: c.u16(local + 6),
      method: c.u16(local + 8),
      time: c.u16(local + 10),
      date: c.u16(local + 12),
      crc: c.u32(local + 14),
      compressedSize: c.u32(local + 18),
      size: c.u32(local + 22),
      nameLength: c.u16(local + 26),
      extraLength: c.u16(local + 28),
    };
    checkFixed(l, name, 'local header');
    for (const key of ['crc', 'size', 'nameLength'] as const) {
      if (l[key] !== h[key])
        fail(
          name,
          'zip',
          `local header ${key} ${key === 'crc' ? hex(l[key]) : l[key]} differs from the central directory's ${key === 'crc' ? hex(h[key]) : h[key]}`,
        );
    }
    const nameBytes = bytes.subarray(central + 46, central + 46 + h.nameLength);
    const localName = bytes.subarray(local + 30, local + 30 + l.nameLength);
    if (!c.has(local + 30, l.nameLength) || localName.some((b, k) => b !== nameBytes[k]))
      fail(name, 'zip', 'the local header names another file than the central directory');
    const dataAt = local + 30 + l.nameLength;
    if (!c.has(dataAt, h.size) || dataAt + h.size > cdOffset)
      fail(name, 'zip', `its ${h.size} bytes run past the start of the central directory; truncated or altered`);
    const data = bytes.subarray(dataAt, dataAt + h.size);
    const actual = crc32(data);
    if (actual !== h.crc) fail(name, 'crc', `CRC-32 of its ${h.size} bytes is ${hex(actual)}, the archive says ${hex(h.crc)} (damaged or altered)`);
    entries.push({ name, data });
    local = dataAt + h.size;
    central += 46 + h.nameLength;
  }
  if (local !== cdOffset) fail(null, 'zip', `${cdOffset - local} bytes between the last entry and the central directory belong to no entry`);
  if (central !== endAt) fail(null, 'zip', `the central directory holds ${endAt - central} bytes more than its ${count} entries`);
  return entries;
}
