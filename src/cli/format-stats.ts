import { COMPAT_STATS_LABELS } from '../core/stats/labels';
import { COMPAT_STATS_KEYS, type CompatStats } from '../core/stats/types';

function show(v: string | number | null): string {
  if (v === null) return 'n/a';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : v < 0 ? '-inf' : 'n/a';
  return Number.isInteger(v) ? String(v) : v.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

/** The statistics as an aligned two-column text table, in the metrics guide's order. */
export function formatStatsTable(stats: CompatStats): string {
  const width = Math.max(...COMPAT_STATS_KEYS.map((k) => COMPAT_STATS_LABELS[k].length));
  return COMPAT_STATS_KEYS.map((k) => `${COMPAT_STATS_LABELS[k].padEnd(width)}  ${show(stats[k])}`).join('\n') + '\n';
}
