/**
 * SHA-256 hashers lent out and taken back. Each hash-wasm hasher is a fresh WebAssembly instance (an instantiate
 * and its memory): an import of thousands of small files hashes each several times (source, content, stored bytes),
 * and making a new instance every time was a visible share of such an import. A returned hasher is reset by `init`
 * before its next use, so reuse cannot change a digest.
 */
import { createSHA256, type IHasher } from 'hash-wasm';

const idle: IHasher[] = [];
/** Enough for the hashes one process has in flight at once (concurrent imports); more are made and dropped. */
const KEEP = 32;

export async function takeSha256(): Promise<IHasher> {
  const hasher = idle.pop() ?? (await createSHA256());
  hasher.init();
  return hasher;
}

/** Gives a hasher back once its digest is taken (a hasher dropped on an error is simply not reused). */
export function giveBackSha256(hasher: IHasher): void {
  if (idle.length < KEEP) idle.push(hasher);
}
