import type { OhlcvTable } from '../domain/ohlcv-table';
import { EngineConfigError } from './errors';
import type { LabTimeline } from './timeline';

/** One instrument's bars, named. */
export interface NamedOhlcv {
  readonly name: string;
  readonly table: OhlcvTable;
}

/**
 * Aligns several single-instrument tables on the union of their timestamps (see timeline.ts for the layout).
 *
 * - The union timeline holds every timestamp that appears in at least one table, ascending, once.
 * - Instrument k gets its own bar at the timestamps it has and NaN (a missing bar) elsewhere; nothing is
 *   forward-filled, so an instrument never "trades" on a price it did not print.
 * - Each table's timestamps must be finite and strictly increasing (the error names the table and row).
 * Instruments keep the order they are given in.
 */
export function alignTables(inputs: readonly NamedOhlcv[]): LabTimeline {
  if (inputs.length === 0) throw new EngineConfigError('alignTables: at least one table is required');
  let total = 0;
  for (const { name, table } of inputs) {
    const ts = table.timestamp;
    for (const c of ['open', 'high', 'low', 'close', 'volume'] as const) {
      if (table[c].length !== ts.length) {
        throw new EngineConfigError(`alignTables: "${name}": column ${c} has ${table[c].length} values, timestamp has ${ts.length}`);
      }
    }
    for (let i = 0; i < ts.length; i++) {
      if (!Number.isFinite(ts[i])) throw new EngineConfigError(`alignTables: "${name}" row ${i}: timestamp is not finite (${ts[i]})`);
      if (i > 0 && !(ts[i] > ts[i - 1])) {
        throw new EngineConfigError(`alignTables: "${name}" row ${i}: timestamps must be strictly increasing (${ts[i]} after ${ts[i - 1]})`);
      }
    }
    total += ts.length;
  }

  const all = new Float64Array(total);
  let n = 0;
  for (const { table } of inputs) {
    all.set(table.timestamp, n);
    n += table.timestamp.length;
  }
  all.sort();
  let T = 0;
  for (let i = 0; i < all.length; i++) if (T === 0 || all[i] !== all[T - 1]) all[T++] = all[i];
  const time = all.slice(0, T);

  const K = inputs.length;
  const open = new Float64Array(K * T).fill(NaN);
  const high = new Float64Array(K * T).fill(NaN);
  const low = new Float64Array(K * T).fill(NaN);
  const close = new Float64Array(K * T).fill(NaN);
  const volume = new Float64Array(K * T).fill(NaN);
  for (let k = 0; k < K; k++) {
    const table = inputs[k].table;
    let t = 0;
    for (let i = 0; i < table.timestamp.length; i++) {
      while (time[t] < table.timestamp[i]) t++;
      const j = k * T + t;
      open[j] = table.open[i];
      high[j] = table.high[i];
      low[j] = table.low[i];
      close[j] = table.close[i];
      volume[j] = table.volume[i];
    }
  }
  return { instruments: inputs.map((x) => x.name), time, open, high, low, close, volume };
}
