import { isoSeconds } from '../stats/calendar';
import { COMPAT_STATS_KEYS } from '../stats/types';
import { combinationParams } from './plan';
import { SWEEP_STATS_WIDTH, type SweepResults } from './results';

/**
 * The completed runs of a sweep as CSV, one line per combination in index order: `combination`, the parameters,
 * then the statistics under metrics.md's keys. Numbers are written in full (JavaScript's shortest round-trip form,
 * so parsing gives the same doubles back); start/end as ISO dates; undefined values empty.
 */
export function sweepCsv(paramNames: readonly string[], values: Float64Array, results: SweepResults): string {
  const lines = [['combination', ...paramNames, ...COMPAT_STATS_KEYS, ...results.extraKeys].join(',')];
  for (const c of results.completedIndices()) {
    const params = combinationParams(paramNames, values, c);
    const cells: string[] = [String(c), ...paramNames.map((n) => String(params[n]))];
    COMPAT_STATS_KEYS.forEach((key, i) => {
      const v = results.stats[c * SWEEP_STATS_WIDTH + i];
      if (Number.isNaN(v)) cells.push('');
      else if (key === 'start' || key === 'end') cells.push(isoSeconds(v));
      else cells.push(String(v));
    });
    for (const v of Object.values(results.extraOf(c))) cells.push(Number.isNaN(v) ? '' : String(v));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}
