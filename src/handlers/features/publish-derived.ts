/**
 * Use cases of the "Features & labels" panel: compute triple-barrier labels or a feature set of one stored OHLCV
 * artifact and publish it as a `labels` / `features` artifact whose lineage is those bars. Idempotent: the same bars
 * and parameters give the same table, so the same content hash, stored once.
 */
import type { ArtifactRecord } from '../../core/artifacts/record';
import type { OhlcvTable } from '../../core/domain/ohlcv-table';
import { publishDerivedTable, type PublishDerivedDeps, type PublishedDerived } from '../publish-derived-table';
import { featuresTable, type FeatureChoice, type FeaturesComputation } from './features-table';
import { tripleBarrierTable, type LabelsComputation, type TripleBarrierParams } from './triple-barrier-table';

export interface DerivedDeps extends PublishDerivedDeps {
  /** The bars of a stored ohlcv artifact (the browser reads them from its projection). */
  bars(record: ArtifactRecord): Promise<OhlcvTable>;
}

function assertBars(record: ArtifactRecord): void {
  if (record.kind !== 'ohlcv') throw new TypeError(`${record.id} is a ${record.kind} artifact; labels and features are computed from ohlcv bars`);
}

export async function publishLabels(
  deps: DerivedDeps,
  barsRecord: ArtifactRecord,
  params: TripleBarrierParams,
): Promise<PublishedDerived & { labels: LabelsComputation }> {
  assertBars(barsRecord);
  const bars = await deps.bars(barsRecord);
  const labels = tripleBarrierTable(bars.timestamp, bars.close, params);
  return { ...(await publishDerivedTable(deps, { ...labels.derived, inputs: [barsRecord] })), labels };
}

export async function publishFeatures(
  deps: DerivedDeps,
  barsRecord: ArtifactRecord,
  choices: readonly FeatureChoice[],
): Promise<PublishedDerived & { features: FeaturesComputation }> {
  assertBars(barsRecord);
  const bars = await deps.bars(barsRecord);
  const features = featuresTable(bars.timestamp, bars.close, choices);
  return { ...(await publishDerivedTable(deps, { ...features.derived, inputs: [barsRecord] })), features };
}
