/**
 * `backtest --data X`: X is a file path, or an artifact id / hash prefix in the CLI's store. A path that exists
 * always wins, so a file named like a hash is still read as a file.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { readBarsFile } from '../../adapters/node/read-bars-file';
import type { OhlcvTable } from '../../core/domain/ohlcv-table';
import { readArtifactBars } from './artifact-bars';
import { resolveArtifact, looksLikeArtifactRef } from './resolve-ref';
import { noStoreError, processContext, storeDir, withExistingStore, type CliContext } from './store-access';

export interface BacktestData {
  table: OhlcvTable;
  /** What the output calls the data: the file name, or the artifact id. */
  label: string;
}

async function isPath(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function loadBacktestData(data: string, storeFlag: string | undefined, ctx: CliContext = processContext()): Promise<BacktestData> {
  if (!looksLikeArtifactRef(data) || (await isPath(data))) return { table: await readBarsFile(data), label: basename(data) };
  const dir = storeDir(ctx, storeFlag);
  return withExistingStore(dir, ctx, async (store) => {
    if (!store) throw noStoreError(dir);
    const record = await resolveArtifact(store, data);
    return { table: await readArtifactBars(store, record), label: record.id };
  });
}
