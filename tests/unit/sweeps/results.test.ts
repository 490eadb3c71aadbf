import { describe, expect, it } from 'vitest';
import { COMPAT_STATS_KEYS } from '../../../src/core/stats';
import { metricGoal, SWEEP_STATS_WIDTH, SweepResults, sweepCsv } from '../../../src/core/sweeps';

const col = (key: (typeof COMPAT_STATS_KEYS)[number]): number => COMPAT_STATS_KEYS.indexOf(key);

/** Rows whose statistics are all `base + c` except the ones set. */
function rowsFrom(from: number, n: number, set: (c: number, row: Float64Array) => void = () => {}): Float64Array {
  const out = new Float64Array(n * SWEEP_STATS_WIDTH);
  for (let k = 0; k < n; k++) {
    const row = out.subarray(k * SWEEP_STATS_WIDTH, (k + 1) * SWEEP_STATS_WIDTH);
    row.fill(from + k);
    row[col('start')] = Date.UTC(2020, 0, 1);
    row[col('end')] = Date.UTC(2021, 0, 1);
    set(from + k, row);
  }
  return out;
}

describe('sweep results', () => {
  it('keeps rows at their combination index whatever the order they arrive in', () => {
    const r = new SweepResults(6);
    r.write(4, rowsFrom(4, 2));
    r.write(0, rowsFrom(0, 2));
    expect(r.completed).toBe(4);
    expect(r.processed).toBe(4);
    expect(r.completedIndices()).toEqual([0, 1, 4, 5]);
    expect(r.value(5, 'sharpe_ratio')).toBe(5);
    expect(Number.isNaN(r.value(2, 'sharpe_ratio'))).toBe(true);
    expect(() => r.write(1, rowsFrom(1, 1))).toThrow('combination 1 was already written');
    expect(() => r.write(5, rowsFrom(5, 2))).toThrow(RangeError);
  });

  it('records failed combinations with their message and never counts them as trials', () => {
    const r = new SweepResults(5);
    r.write(0, rowsFrom(0, 3), [{ combination: 1, message: 'margin call' }]);
    r.fail(3, 5, 'worker stopped');
    expect(r.completed).toBe(2);
    expect(r.processed).toBe(5);
    expect(r.sortedFailures()).toEqual([
      { combination: 1, message: 'margin call' },
      { combination: 3, message: 'worker stopped' },
      { combination: 4, message: 'worker stopped' },
    ]);
    expect(r.completedIndices()).toEqual([0, 2]);
    expect(r.best('sharpe_ratio')).toEqual({ metric: 'sharpe_ratio', combination: 2, value: 2 });
  });

  it('finds the best run per metric by its goal: max, min for costs, volatility and durations, none for descriptive ones', () => {
    const r = new SweepResults(4);
    r.write(
      0,
      rowsFrom(0, 4, (c, row) => {
        row[col('sharpe_ratio')] = [0.5, Number.NaN, 1.2, 1.2][c];
        row[col('volatility_ann_pct')] = [30, 12, 25, 40][c];
        row[col('max_drawdown_pct')] = [-40, -12, -25, -30][c];
        row[col('commissions')] = [500, 800, 100, 900][c];
      }),
    );
    expect(r.best('sharpe_ratio')).toEqual({ metric: 'sharpe_ratio', combination: 2, value: 1.2 });
    expect(r.best('volatility_ann_pct')?.combination).toBe(1);
    expect(r.best('max_drawdown_pct')?.combination).toBe(1);
    expect(r.best('commissions')?.combination).toBe(2);
    expect(r.best('trades')).toBeNull();
    expect(r.bestPerMetric(['sharpe_ratio', 'beta', 'commissions']).map((b) => b.metric)).toEqual(['sharpe_ratio', 'commissions']);
    expect(Array.from(r.column('sharpe_ratio'))).toEqual([0.5, Number.NaN, 1.2, 1.2]);
  });

  it('gives the keyed table of a row: dates as ISO, undefined values as null', () => {
    const r = new SweepResults(1);
    r.write(
      0,
      rowsFrom(0, 1, (_, row) => (row[col('profit_factor')] = Number.NaN)),
    );
    const s = r.statsOf(0);
    expect(s.start).toBe('2020-01-01T00:00:00');
    expect(s.end).toBe('2021-01-01T00:00:00');
    expect(s.profit_factor).toBeNull();
    expect(s.trades).toBe(0);
  });

  it('knows which way is better: drawdowns (negative percents) are best closest to zero, descriptive values have no best', () => {
    expect(metricGoal('sharpe_ratio')).toBe('max');
    expect(metricGoal('max_drawdown_pct')).toBe('max');
    expect(metricGoal('volatility_ann_pct')).toBe('min');
    expect(metricGoal('max_drawdown_duration_days')).toBe('min');
    expect(metricGoal('trades')).toBeNull();
    expect(metricGoal('exposure_time_pct')).toBeNull();
  });

  it('exports completed rows as CSV whose numbers parse back to the same doubles', () => {
    const r = new SweepResults(3);
    const third = 1 / 3;
    r.write(
      1,
      rowsFrom(1, 2, (c, row) => (row[col('sharpe_ratio')] = c === 1 ? third : Number.NaN)),
    );
    const values = Float64Array.of(5, 10, 5, 20, 10, 20);
    const lines = sweepCsv(['fast', 'slow'], values, r).trim().split('\n');
    expect(lines).toHaveLength(3);
    const header = lines[0].split(',');
    expect(header.slice(0, 5)).toEqual(['combination', 'fast', 'slow', 'start', 'end']);
    expect(header).toHaveLength(3 + COMPAT_STATS_KEYS.length);
    const first = lines[1].split(',');
    expect(first.slice(0, 5)).toEqual(['1', '5', '20', '2020-01-01T00:00:00', '2021-01-01T00:00:00']);
    expect(Number(first[header.indexOf('sharpe_ratio')])).toBe(third);
    expect(lines[2].split(',')[header.indexOf('sharpe_ratio')]).toBe('');
  });
});
