/**
 * The sample universe as ohlcv artifacts tagged `sample-universe`, stored in one batch when someone asks for it
 * (the universe picker's "Sample universe"), never at start: 24 more instruments would cost the first start
 * their generation and Parquet writes. Stored once: a later call finds every content hash and writes nothing.
 */
import type { ArtifactRecord } from '../core/artifacts/record';
import { sampleUniverseMembers, simulateSampleUniverse } from '../core/sample';
import { SAMPLE_UNIVERSE_TAG } from '../core/sample/tag';
import { ensureSampleArtifacts, type EnsureSamplesDeps } from './ensure-sample-artifacts';

/** The members' records in catalogue order, storing those that are missing. */
export async function ensureSampleUniverse(deps: Omit<EnsureSamplesDeps, 'samples' | 'tags'>): Promise<ArtifactRecord[]> {
  const members = sampleUniverseMembers();
  // One pass generates every member (they share the market and sector factors).
  const bars = new Map(simulateSampleUniverse().members.map((m) => [m.id, m.bars]));
  const stored = await ensureSampleArtifacts({
    ...deps,
    tags: [SAMPLE_UNIVERSE_TAG],
    samples: {
      list: () => members,
      generate: (id) => {
        const table = bars.get(id);
        if (!table) throw new RangeError(`unknown sample universe member "${id}"`);
        return table;
      },
    },
  });
  return members.map((m) => {
    const record = stored.get(m.id);
    if (!record) throw new Error(`sample universe member "${m.id}" was not stored`);
    return record;
  });
}
