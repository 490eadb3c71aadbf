import { ohlcvContentHash } from '../../core/artifacts/content-hash';
import type { OhlcvTable } from '../../core/domain/ohlcv-table';
import { alignTables } from '../../core/lab/align';
import type { SweepUniverse } from '../../ports/lab-sweep-runner';

export interface UniverseMember {
  artifactId: string;
  contentHash: string;
  name: string;
}

/**
 * A universe sweep's timeline: each member's stored bars, checked against the content hash the plan names (the
 * rows must be those of the experiment that names the same inputs), aligned once as an experiment aligns them.
 * The key names the universe by content and names, so workers keep it across sweeps of the same universe.
 */
export async function loadSweepUniverse(members: readonly UniverseMember[], barsOf: (id: string) => Promise<OhlcvTable>): Promise<SweepUniverse> {
  const named: { name: string; table: OhlcvTable }[] = [];
  for (const m of members) {
    const table = await barsOf(m.artifactId);
    const hash = await ohlcvContentHash(table);
    if (hash !== m.contentHash) throw new Error(`input ${m.name} (${m.artifactId}): its bars hash to ${hash}, not to ${m.contentHash}`);
    named.push({ name: m.name, table });
  }
  return { key: members.map((m) => `${m.contentHash}:${m.name}`).join(','), timeline: alignTables(named) };
}
