/** Reads an ohlcv artifact's stored Parquet back as bars (verified against its fileHash) and measures coverage. */
import { readBarsBytes } from '../../adapters/node/read-bars-file';
import { ohlcvCoverage, type CoverageReport } from '../../core/coverage/ohlcv-coverage';
import { tryParseInterval } from '../../core/domain/interval';
import type { OhlcvTable } from '../../core/domain/ohlcv-table';
import type { ArtifactRecord, ArtifactStore } from '../../ports/artifact-store';
import { CliError } from '../cli-error';

export async function readArtifactBars(store: ArtifactStore, record: ArtifactRecord): Promise<OhlcvTable> {
  if (record.kind !== 'ohlcv') throw new CliError(`${record.id} is a ${record.kind} artifact, not ohlcv bars`, 1);
  const bytes = await store.readBytes(record.id, { verify: true });
  return readBarsBytes(`${record.id}.parquet`, bytes);
}

/** Coverage is derived data (the v1 record has no place for it): recomputed from the stored bars. */
export async function artifactCoverage(store: ArtifactStore, record: ArtifactRecord): Promise<CoverageReport> {
  const bars = await readArtifactBars(store, record);
  const interval = record.interval === null ? undefined : tryParseInterval(record.interval);
  return ohlcvCoverage(bars, interval, { instrument: record.instruments[0] ?? '' });
}
