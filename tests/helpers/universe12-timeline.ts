import { readFileSync } from 'node:fs';
import { loadOhlcvCsv } from '../../src/core/csv/load-ohlcv-csv';
import { alignTables, type LabTimeline } from '../../src/core/lab';
import { sharedDataPath } from './shared-data';
import { UNIVERSE12 } from './universe12';

/** The 12 instruments of ../shared/data/universe12 on one lab timeline, in closes.csv order (index = universe order). */
export function universe12Timeline(names: readonly string[] = UNIVERSE12): LabTimeline {
  return alignTables(
    names.map((name) => ({
      name,
      table: loadOhlcvCsv(readFileSync(sharedDataPath(`universe12/${name}.csv`), 'utf8'), { source: `${name}.csv` }).table,
    })),
  );
}
