/** Where work on a bundle is, for a progress bar: bytes done of the phase's total. */
import { createSHA256 } from 'hash-wasm';

export type BundlePhase = 'reading' | 'hashing' | 'packing' | 'verifying' | 'content' | 'storing';

export interface BundleProgress {
  phase: BundlePhase;
  /** The file being worked on, when there is one. */
  file: string | null;
  done: number;
  total: number;
}

/** May return a promise: a UI awaits a frame there, so a long bundle does not freeze the page. */
export type OnBundleProgress = (progress: BundleProgress) => void | Promise<void>;

const CHUNK = 4 * 1024 * 1024;

/** SHA-256 of `bytes` in chunks, reporting after each. `offset` is where these bytes start in the phase's total. */
export async function sha256Chunked(bytes: Uint8Array, report: (doneInFile: number) => void | Promise<void>): Promise<string> {
  const hasher = await createSHA256();
  hasher.init();
  for (let at = 0; at < bytes.length; at += CHUNK) {
    hasher.update(bytes.subarray(at, at + CHUNK));
    await report(Math.min(bytes.length, at + CHUNK));
  }
  if (bytes.length === 0) await report(0);
  return hasher.digest('hex');
}
