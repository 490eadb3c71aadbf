/** The dark theme shared by the result charts (the lab's slate palette), as uPlot options. */
import type uPlot from 'uplot';

export const CHART_COLORS = {
  axis: '#94a3b8',
  grid: '#1e293b',
  tick: '#334155',
  up: '#22c55e',
  down: '#ef4444',
  upVolume: 'rgba(34, 197, 94, 0.28)',
  downVolume: 'rgba(239, 68, 68, 0.28)',
  exit: '#f8fafc',
  outline: '#020617',
  equity: '#38bdf8',
  benchmark: '#64748b',
  drawdown: '#f87171',
  drawdownFill: 'rgba(248, 113, 113, 0.22)',
  highlight: 'rgba(56, 189, 248, 0.10)',
  /** OHLC legend values, the volume series, and the high/low band of the price chart. */
  price: '#cbd5e1',
  volume: '#64748b',
  range: '#1e3a5f',
  run: '#a78bfa',
} as const;

/** Distinct colors for overlaid runs, in order. */
export const RUN_COLORS = ['#38bdf8', '#f59e0b', '#a78bfa', '#34d399', '#f472b6', '#e2e8f0', '#fb923c', '#22d3ee'] as const;

export function runColor(index: number): string {
  return RUN_COLORS[index % RUN_COLORS.length];
}

const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export function axis(overrides: uPlot.Axis = {}): uPlot.Axis {
  return {
    stroke: CHART_COLORS.axis,
    font: FONT,
    grid: { stroke: CHART_COLORS.grid, width: 1 },
    ticks: { stroke: CHART_COLORS.tick, width: 1, size: 4 },
    ...overrides,
  };
}

let nextKey = 0;

/** A cursor-sync key of its own for each pair of charts, so two chart pairs on one page do not drive each other. */
export function uniqueSyncKey(prefix: string): string {
  nextKey += 1;
  return `${prefix}-${nextKey}`;
}

/** Compact axis numbers: 1.2k, 3.4M. */
export function compactNumber(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e9) return `${+(x / 1e9).toFixed(1)}B`;
  if (a >= 1e6) return `${+(x / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${+(x / 1e3).toFixed(1)}k`;
  return x.toLocaleString('en-US', { maximumFractionDigits: a < 10 ? 4 : 2 });
}

/**
 * Axis labels that share one unit and one number of decimals (`$5k, $7.5k, $10k`, not `$5,000, $7.5k, $10k`).
 */
export function axisLabels(splits: readonly number[], prefix = '', suffix = ''): string[] {
  let m = 0;
  for (const s of splits) m = Math.max(m, Math.abs(s));
  const [unit, letter] = m >= 1e9 ? [1e9, 'B'] : m >= 1e6 ? [1e6, 'M'] : m >= 1e4 ? [1e3, 'k'] : [1, ''];
  const step = splits.length > 1 ? Math.abs(splits[1] - splits[0]) / unit : 1;
  // As many decimals as the tick step needs (2.5k steps need one).
  let digits = 0;
  while (digits < 6 && Math.abs(step * 10 ** digits - Math.round(step * 10 ** digits)) > 1e-6) digits++;
  return splits.map((s) => {
    const v = s / unit;
    const text = Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    return `${v < 0 && /[1-9]/.test(text) ? '\u2212' : ''}${prefix}${text}${letter}${suffix}`;
  });
}
