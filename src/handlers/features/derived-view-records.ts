/**
 * The stored artifacts behind the `labels_…` / `features_…` views a SQL query names (core/experiments/derived-views.ts):
 * each must exist and be of the kind its name says, or the query is refused naming the view.
 */
import type { ArtifactRecord } from '../../core/artifacts/record';
import { derivedViewRefs, type DerivedViewRef } from '../../core/experiments/derived-views';
import { SignalRuleError } from '../../core/experiments/sql-signal';

export type RecordLookup = (id: string) => Promise<ArtifactRecord | null | undefined>;

export async function derivedViewRecords(sql: string, lookup: RecordLookup): Promise<{ ref: DerivedViewRef; record: ArtifactRecord }[]> {
  const out: { ref: DerivedViewRef; record: ArtifactRecord }[] = [];
  for (const ref of derivedViewRefs(sql)) {
    const record = await lookup(ref.artifactId);
    if (!record)
      throw new SignalRuleError('query', `the query reads ${ref.view}, but no artifact ${ref.artifactId} is stored here (publish it first)`);
    if (record.kind !== ref.kind)
      throw new SignalRuleError('query', `${ref.view} names ${ref.artifactId}, a ${record.kind} artifact, not ${ref.kind}`);
    out.push({ ref, record });
  }
  return out;
}
