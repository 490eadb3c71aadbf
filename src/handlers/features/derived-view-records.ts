/**
 * The stored artifacts behind the `labels_…` / `features_…` views a SQL query names (core/experiments/derived-views.ts):
 * each must exist and be of the kind its name says, or the query is refused naming the view.
 */
import type { ArtifactRecord } from '../../core/artifacts/record';
import { derivedViewRefs, type DerivedViewRef } from '../../core/experiments/derived-views';
import { SignalRuleError } from '../../core/experiments/sql-signal';

export type RecordLookup = (id: string) => Promise<ArtifactRecord | null | undefined>;

/** With `declared` (an experiment's frozen `derived` artifacts) only those may be named; otherwise `lookup` finds them. */
export async function derivedViewRecords(
  sql: string,
  lookup: RecordLookup,
  declared?: readonly ArtifactRecord[],
): Promise<{ ref: DerivedViewRef; record: ArtifactRecord }[]> {
  const out: { ref: DerivedViewRef; record: ArtifactRecord }[] = [];
  for (const ref of derivedViewRefs(sql)) {
    if (declared && !declared.some((r) => r.id === ref.artifactId))
      throw new SignalRuleError(
        'query',
        `the query reads ${ref.view}, which the spec does not declare: add the contentHash of ${ref.artifactId} to derived`,
      );
    const record = declared ? declared.find((r) => r.id === ref.artifactId) : await lookup(ref.artifactId);
    if (!record)
      throw new SignalRuleError('query', `the query reads ${ref.view}, but no artifact ${ref.artifactId} is stored here (publish it first)`);
    if (record.kind !== ref.kind)
      throw new SignalRuleError('query', `${ref.view} names ${ref.artifactId}, a ${record.kind} artifact, not ${ref.kind}`);
    out.push({ ref, record });
  }
  return out;
}
