/** Which inputs of a run the store holds already (matched by contentHash), and which must be supplied. */
import type { ArtifactRecord } from '../../core/artifacts/record';
import type { RunLink, RunLinkInput } from '../../core/reproduce/run-link';
import type { ArtifactStore } from '../../ports/artifact-store';

export interface NeededInput extends RunLinkInput {
  /** Position in the spec's inputs (0-based). */
  index: number;
  status: 'found' | 'missing';
  /** The stored ohlcv artifact with this contentHash, when found. */
  record: ArtifactRecord | null;
}

export async function neededInputs(store: Pick<ArtifactStore, 'getByContentHash'>, link: RunLink): Promise<NeededInput[]> {
  return Promise.all(
    link.inputs.map(async (input, index) => {
      const record = await store.getByContentHash(input.contentHash);
      const usable = record !== undefined && record.kind === 'ohlcv';
      return { ...input, index, status: usable ? ('found' as const) : ('missing' as const), record: usable ? record : null };
    }),
  );
}

/** How an input is called in messages: its label or instrument, else the start of its contentHash. */
export function inputName(input: RunLinkInput): string {
  return input.label ?? input.instrument ?? `${input.contentHash.slice(0, 12)}…`;
}
