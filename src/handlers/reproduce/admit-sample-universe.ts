/**
 * A run made on the lab's sample universe, opened where that universe was never stored: its members are generated
 * here from the seed (the same bits as everywhere) and those whose contentHash the run names are stored — exactly
 * what the universe picker's "Sample universe" stores for them, with the same tag. Members the run does not use
 * are not stored; a run whose inputs only carry members' names (other data under the same names) gets nothing.
 */
import { ohlcvContentHash } from '../../core/artifacts/content-hash';
import type { ArtifactRecord } from '../../core/artifacts/record';
import type { OhlcvTable } from '../../core/domain/ohlcv-table';
import type { RunLink } from '../../core/reproduce/run-link';
import { sampleUniverseMembers, simulateSampleUniverse } from '../../core/sample';
import { SAMPLE_UNIVERSE_TAG } from '../../core/sample/tag';
import { ensureSampleArtifacts } from '../ensure-sample-artifacts';
import type { AdmitInputDeps } from './admit-input';
import { inputName } from './needed-inputs';

export interface SampleMemberAdmission {
  member: string;
  /** The run's input (0-based) this member is. */
  index: number;
  record: ArtifactRecord;
}

const MEMBER_IDS = new Set(sampleUniverseMembers().map((m) => m.id));

/** Whether the run names a sample universe member among its inputs (cheap: names only, no generation). */
export function mentionsSampleUniverse(link: Pick<RunLink, 'inputs'>): boolean {
  return link.inputs.some((i) => MEMBER_IDS.has(inputName(i)) || (i.instrument !== undefined && MEMBER_IDS.has(i.instrument)));
}

/** Stores the members the run uses (by contentHash); returns them in the run's input order. */
export async function admitSampleUniverse(deps: Omit<AdmitInputDeps, 'decode'>, link: Pick<RunLink, 'inputs'>): Promise<SampleMemberAdmission[]> {
  const wanted = new Map(link.inputs.map((input, index) => [input.contentHash, index]));
  const used = new Map<string, { index: number; bars: OhlcvTable }>();
  for (const member of simulateSampleUniverse().members) {
    const index = wanted.get(await ohlcvContentHash(member.bars));
    if (index !== undefined) used.set(member.id, { index, bars: member.bars });
  }
  const members = sampleUniverseMembers().filter((m) => used.has(m.id));
  const stored = await ensureSampleArtifacts({
    ...deps,
    tags: [SAMPLE_UNIVERSE_TAG],
    samples: {
      list: () => members,
      generate: (id) => {
        const bars = used.get(id)?.bars;
        if (!bars) throw new RangeError(`"${id}" is not a member this run uses`);
        return bars;
      },
    },
  });
  const out: SampleMemberAdmission[] = [];
  for (const [member, { index }] of used) {
    const record = stored.get(member);
    if (!record) throw new Error(`sample universe member "${member}" was not stored`);
    out.push({ member, index, record });
  }
  return out.sort((a, b) => a.index - b.index);
}
