/**
 * The sample universe as files a user can keep, share or feed to the command line (`quantlab sample universe`):
 * one per member, named `<member id>.csv` or `.parquet`. Each file holds exactly the bars the universe picker
 * stores, so importing it gives the same contentHash — hence the same artifact id — as the browser's
 * `sample-universe` artifact; a run link made on the sample universe reproduces from the folder. Parquet is
 * written with the store's canonical settings (the stored bytes themselves); CSV in the reader's round-trip form.
 */
import { ohlcvContentHash } from '../core/artifacts/content-hash';
import { artifactId } from '../core/artifacts/ids';
import { writeOhlcvCsv } from '../core/csv/write-ohlcv-csv';
import { sampleUniverseMembers, simulateSampleUniverse } from '../core/sample';
import type { CanonicalParquetWriter } from '../ports/canonical-parquet-writer';
import { canonicalOhlcvIpc, CANONICAL_PARQUET_V1 } from './import-canonical-parquet';

export type SampleFileFormat = 'csv' | 'parquet';

export interface SampleUniverseFile {
  /** `<member id>.<format>`: the file stem is the instrument name an import gives it. */
  fileName: string;
  instrument: string;
  /** Display name and sector from the catalogue ("Technology A", "tech"). */
  name: string;
  sector: string;
  rows: number;
  contentHash: string;
  artifactId: string;
  bytes: Uint8Array;
}

/** Every member's file, in catalogue order. */
export async function sampleUniverseFiles(format: SampleFileFormat, parquet: CanonicalParquetWriter): Promise<SampleUniverseFile[]> {
  const bars = new Map(simulateSampleUniverse().members.map((m) => [m.id, m.bars]));
  const encoder = new TextEncoder();
  const files: SampleUniverseFile[] = [];
  for (const member of sampleUniverseMembers()) {
    const table = bars.get(member.id);
    if (!table) throw new Error(`sample universe member "${member.id}" was not generated`);
    const contentHash = await ohlcvContentHash(table);
    const bytes =
      format === 'csv' ? encoder.encode(writeOhlcvCsv(table)) : await parquet.writeParquet(canonicalOhlcvIpc(table), CANONICAL_PARQUET_V1);
    files.push({
      fileName: `${member.id}.${format}`,
      instrument: member.id,
      name: member.name,
      sector: member.sector,
      rows: table.timestamp.length,
      contentHash,
      artifactId: artifactId(contentHash),
      bytes,
    });
  }
  return files;
}
