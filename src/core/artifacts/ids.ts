/**
 * Stable identities. An artifact id is derived from its contentHash, so the same data gets the same id on every
 * machine and every run; a quarantine id is derived from the file's bytes (it has no trusted content).
 * 24 hex digits = 96 bits: a random collision needs ~2^48 artifacts. Stores still compare the full hash.
 */
const HEX64 = /^[0-9a-f]{64}$/;
export const ARTIFACT_ID = /^art_[0-9a-f]{24}$/;
export const QUARANTINE_ID = /^q_[0-9a-f]{24}$/;

export function isSha256Hex(value: string): boolean {
  return HEX64.test(value);
}

export function artifactId(contentHash: string): string {
  if (!isSha256Hex(contentHash)) throw new TypeError(`contentHash must be 64 lowercase hex digits, got "${contentHash}"`);
  return `art_${contentHash.slice(0, 24)}`;
}

export function quarantineId(fileHash: string): string {
  if (!isSha256Hex(fileHash)) throw new TypeError(`fileHash must be 64 lowercase hex digits, got "${fileHash}"`);
  return `q_${fileHash.slice(0, 24)}`;
}

export function isArtifactId(value: string): boolean {
  return ARTIFACT_ID.test(value);
}

export function isQuarantineId(value: string): boolean {
  return QUARANTINE_ID.test(value);
}
