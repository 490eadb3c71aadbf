import { describe, expect, it } from 'vitest';
import { barTicks, tickLabel } from '../../../src/ui/results/bar-axis';
import { MS_PER_DAY, MS_PER_HOUR } from '../../../src/core/domain/time';

function weekdays(start: number, n: number): Float64Array {
  const out = new Float64Array(n);
  let t = start;
  for (let i = 0; i < n; i++) {
    while ([0, 6].includes(new Date(t).getUTCDay())) t += MS_PER_DAY;
    out[i] = t;
    t += MS_PER_DAY;
  }
  return out;
}

describe('barTicks', () => {
  const time = weekdays(Date.UTC(2015, 0, 2), 2610);

  it('puts ticks on the first bar of each year over ten years', () => {
    const t = barTicks(time, 0, time.length, 12);
    expect(t.labels).toEqual(['2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025']);
    for (const i of t.bars) {
      expect(new Date(time[i]).getUTCMonth()).toBe(0);
      expect(new Date(time[i - 1]).getUTCFullYear()).toBe(new Date(time[i]).getUTCFullYear() - 1);
    }
  });

  it('uses finer steps when zoomed in, never more than asked', () => {
    const t = barTicks(time, 100, 230, 8);
    expect(t.bars.length).toBeLessThanOrEqual(8);
    expect(t.bars.length).toBeGreaterThan(2);
    expect(t.labels.some((l) => /^[A-Z][a-z]{2} 2015$/.test(l))).toBe(true);
    const d = barTicks(time, 100, 120, 6);
    expect(d.bars.length).toBeLessThanOrEqual(6);
    expect(d.labels[0]).toMatch(/^2015-\d\d-\d\d$/);
  });

  it('labels hours on intraday bars and handles empty ranges', () => {
    const hourly = Float64Array.from({ length: 48 }, (_, i) => Date.UTC(2023, 0, 2) + i * MS_PER_HOUR);
    const t = barTicks(hourly, 0, 48, 8);
    expect(t.labels).toContain('2023-01-03');
    expect(t.labels.some((l) => l.endsWith(':00') && l.length === 11)).toBe(true);
    expect(barTicks(hourly, 5, 5, 8).bars).toEqual([]);
  });

  it('tickLabel', () => {
    expect(tickLabel(Date.UTC(2020, 0, 1), 'month')).toBe('2020');
    expect(tickLabel(Date.UTC(2020, 3, 1), 'month')).toBe('Apr 2020');
    expect(tickLabel(Date.UTC(2020, 3, 1, 15), 'hour')).toBe('04-01 15:00');
  });
});
