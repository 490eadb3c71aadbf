/**
 * Cheap, streaming sanity check of Parquet bytes: "PAR1" at both ends and a plausible footer length. It catches the
 * common bad files (empty, cut off mid-download, a CSV renamed .parquet) before anything is stored. Whether the
 * footer and pages decode is checked by the import step that computes the contentHash.
 *
 * Layout checked: "PAR1" | … | footer | u32 LE footer length | "PAR1"  (minimum 12 bytes).
 */
import { InvalidBytesError } from './errors';

const MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

function hexPreview(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

function looksLikeText(bytes: Uint8Array): boolean {
  return bytes.length > 0 && bytes.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f));
}

export class ParquetEnvelope {
  private readonly head = new Uint8Array(4);
  private headLen = 0;
  /** The last (up to) 8 bytes seen: footer length + trailing magic. */
  private readonly tail = new Uint8Array(8);
  private tailLen = 0;
  size = 0;

  push(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length && this.headLen < 4; i++) this.head[this.headLen++] = chunk[i];
    if (chunk.length >= 8) {
      this.tail.set(chunk.subarray(chunk.length - 8));
      this.tailLen = 8;
    } else {
      const keep = Math.min(this.tailLen, 8 - chunk.length);
      this.tail.copyWithin(0, this.tailLen - keep, this.tailLen);
      this.tail.set(chunk, keep);
      this.tailLen = keep + chunk.length;
    }
    this.size += chunk.length;
  }

  /** As soon as 4 bytes were seen: the reason they cannot start a Parquet file (lets a writer stop early). */
  headProblem(fileName = 'file'): InvalidBytesError | undefined {
    if (this.headLen < 4) return undefined;
    const p = this.problem(fileName);
    return p?.code === 'not-parquet' ? p : undefined;
  }

  /** The reason these bytes are not a complete Parquet file, or undefined if the envelope is sound. */
  problem(fileName = 'file'): InvalidBytesError | undefined {
    if (this.size === 0) return new InvalidBytesError('empty', `${fileName} is empty (0 bytes)`);
    const head = this.head.subarray(0, this.headLen);
    if (this.headLen < 4 || !MAGIC.every((m, i) => head[i] === m)) {
      const hint = looksLikeText(head) ? ' — it looks like text (CSV?); convert it to Parquet first' : '';
      return new InvalidBytesError(
        'not-parquet',
        `${fileName} is not a Parquet file: it starts with ${hexPreview(head)}, expected 50 41 52 31 ("PAR1")${hint}`,
      );
    }
    if (this.size < 12) {
      return new InvalidBytesError('truncated', `${fileName} is truncated: ${this.size} bytes, a Parquet file has at least 12`);
    }
    const tail = this.tail.subarray(this.tailLen - 8, this.tailLen);
    if (!MAGIC.every((m, i) => tail[4 + i] === m)) {
      return new InvalidBytesError('truncated', `${fileName} is truncated or damaged: ${this.size} bytes and no "PAR1" footer magic at the end`);
    }
    const footerLength = new DataView(tail.buffer, tail.byteOffset, 8).getUint32(0, true);
    if (footerLength > this.size - 12) {
      return new InvalidBytesError(
        'truncated',
        `${fileName} is truncated or damaged: its footer claims ${footerLength} bytes but the file has ${this.size}`,
      );
    }
    return undefined;
  }
}
