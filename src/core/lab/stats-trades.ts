import type { StatsTrade } from '../stats/types';
import type { LabResult } from './result';

/**
 * A lab run's closed-trade records in the shape the statistics read: one per closing fill (see closed-trades.ts),
 * with the bars' times looked up on the run's timeline.
 */
export function labStatsTrades(result: LabResult): StatsTrade[] {
  const t = result.trades;
  const out: StatsTrade[] = [];
  for (let i = 0; i < t.count; i++) {
    out.push({
      entryBar: t.entryBar[i],
      exitBar: t.exitBar[i],
      pnl: t.pnl[i],
      returnPct: t.returnPct[i],
      commissions: t.commission[i],
      entryTime: result.time[t.entryBar[i]],
      exitTime: result.time[t.exitBar[i]],
    });
  }
  return out;
}
