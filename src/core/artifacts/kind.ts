/** What an artifact is, in the lab's words. The kind decides which schema rules apply (see `record.ts`). */
export const ARTIFACT_KINDS = ['ohlcv', 'alerts', 'signals', 'trades', 'equity', 'results', 'table', 'features', 'labels'] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

export function isArtifactKind(value: unknown): value is ArtifactKind {
  return typeof value === 'string' && (ARTIFACT_KINDS as readonly string[]).includes(value);
}
