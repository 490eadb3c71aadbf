/**
 * `--publish` of `features` and `labels`: the table is stored as a `features` / `labels` artifact whose lineage points
 * at the bars it came from. Bars given as files are imported first (as `artifacts import` does: the same ids), so
 * the lineage has something to point at; bars given as artifact ids are used as they are.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { decodeBarsFile } from '../../adapters/node/decode-bars-file';
import { NodeParquetCodec } from '../../adapters/node/node-parquet-codec';
import type { ArtifactRecord } from '../../core/artifacts/record';
import { importArtifact } from '../../handlers/import-artifact';
import { publishDerivedTable, type DerivedTable } from '../../handlers/publish-derived-table';
import type { ArtifactStore } from '../../ports/artifact-store';
import { APP_VERSION } from '../artifacts/app-version';
import { processContext, storeDir, withStore, type CliContext } from '../artifacts/store-access';
import { CliError } from '../cli-error';
import type { Instrument } from './universe-data';

export interface PublishedArtifact {
  id: string;
  kind: string;
  created: boolean;
  /** The bars artifacts it was made from. */
  inputs: string[];
  store: string;
}

async function barsRecord(store: ArtifactStore, codec: NodeParquetCodec, instrument: Instrument): Promise<ArtifactRecord> {
  if (instrument.artifactId !== undefined) {
    const record = await store.get(instrument.artifactId);
    if (!record) throw new CliError(`no artifact ${instrument.artifactId} in the store`, 2);
    return record;
  }
  const bytes = await readFile(instrument.source);
  const outcome = await importArtifact(
    { store, decode: decodeBarsFile, parquet: codec, appVersion: APP_VERSION },
    { name: basename(instrument.source), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) },
    { instrument: instrument.name },
  );
  // The file was read and validated a moment ago; a quarantine now means it changed in between.
  if (outcome.status === 'quarantined') throw new CliError(`${instrument.source}: changed while it was read; nothing published`, 2);
  return outcome.record;
}

export async function publishDerived(
  storeFlag: string | undefined,
  instruments: readonly Instrument[],
  derived: Omit<DerivedTable, 'inputs'>,
  ctx: CliContext = processContext(),
): Promise<PublishedArtifact> {
  const dir = storeDir(ctx, storeFlag);
  const codec = new NodeParquetCodec();
  return withStore(dir, ctx, async (store) => {
    const inputs: ArtifactRecord[] = [];
    for (const i of instruments) inputs.push(await barsRecord(store, codec, i));
    const { record, created } = await publishDerivedTable({ store, parquet: codec, appVersion: APP_VERSION }, { ...derived, inputs });
    return { id: record.id, kind: record.kind, created, inputs: record.inputs, store: dir };
  });
}
