import { describe, expect, it } from 'vitest';
import { COMPAT_STATS_KEYS } from '../../../src/core/stats';
import { EXTENDED_REPORT_KEYS } from '../../../src/core/report';
import {
  compatStatKind,
  formatDate,
  formatDays,
  formatDelta,
  formatMoney,
  formatPercent,
  formatRatio,
  formatStat,
  MISSING,
  reportStatKind,
} from '../../../src/ui/results/format';

const MINUS = '\u2212';

describe('formatStat', () => {
  it('prints undefined values as a dash, whatever the kind', () => {
    for (const kind of ['date', 'days', 'percent', 'fraction', 'money', 'ratio', 'count', 'probability'] as const) {
      expect(formatStat(null, kind)).toBe(MISSING);
      expect(formatStat(undefined, kind)).toBe(MISSING);
      if (kind !== 'date') expect(formatStat(Number.NaN, kind)).toBe(MISSING);
    }
  });

  it('percent: two decimals, grouping, typographic minus', () => {
    expect(formatStat(12.3456, 'percent')).toBe('12.35 %');
    expect(formatStat(-3.2, 'percent')).toBe(`${MINUS}3.20 %`);
    expect(formatStat(1234.5, 'percent')).toBe('1,234.50 %');
    expect(formatStat(0, 'percent')).toBe('0.00 %');
    expect(formatStat(-0.001, 'percent')).toBe('0.00 %');
  });

  it('fraction: shown as a percent', () => {
    expect(formatStat(-0.0213, 'fraction')).toBe(`${MINUS}2.13 %`);
    expect(formatStat(0.5, 'fraction')).toBe('50.00 %');
  });

  it('money: dollar sign, cents, sign before the symbol', () => {
    expect(formatStat(10_234.5, 'money')).toBe('$10,234.50');
    expect(formatStat(-42, 'money')).toBe(`${MINUS}$42.00`);
    expect(formatMoney(1234.567, 0)).toBe('$1,235');
  });

  it('days: integers as they are, fractions of a day with decimals', () => {
    expect(formatStat(3650, 'days')).toBe('3,650 d');
    expect(formatStat(1.20833, 'days')).toBe('1.21 d');
    expect(formatStat(12.75, 'days')).toBe('12.8 d');
    expect(formatStat(150.4, 'days')).toBe('150 d');
    expect(formatDays(0)).toBe('0 d');
  });

  it('ratio: two decimals, three below one, infinities', () => {
    expect(formatStat(1.2345, 'ratio')).toBe('1.23');
    expect(formatStat(0.12345, 'ratio')).toBe('0.123');
    expect(formatStat(-0.5, 'ratio')).toBe(`${MINUS}0.500`);
    expect(formatStat(Infinity, 'ratio')).toBe('∞');
    expect(formatStat(-Infinity, 'ratio')).toBe(`${MINUS}∞`);
    expect(formatRatio(-12.5)).toBe(`${MINUS}12.50`);
  });

  it('count and probability', () => {
    expect(formatStat(1234, 'count')).toBe('1,234');
    expect(formatStat(252, 'count')).toBe('252');
    expect(formatStat(0.93456, 'probability')).toBe('0.935');
  });

  it('date: ISO strings and epoch ms, time of day only when not midnight', () => {
    expect(formatStat('2015-01-02T00:00:00', 'date')).toBe('2015-01-02');
    expect(formatStat('2023-01-01T22:00:00', 'date')).toBe('2023-01-01 22:00');
    expect(formatStat(Date.UTC(2020, 5, 30), 'date')).toBe('2020-06-30');
    expect(formatDate(Date.UTC(2020, 5, 30, 13, 5))).toBe('2020-06-30 13:05');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('formatPercent with custom digits', () => {
    expect(formatPercent(56.789, 1)).toBe('56.8 %');
  });
});

describe('formatDelta', () => {
  it('percentage points for percents and fractions', () => {
    expect(formatDelta(12.5, 10, 'percent')).toBe('+2.50 pp');
    expect(formatDelta(-5, 10, 'percent')).toBe(`${MINUS}15.00 pp`);
    expect(formatDelta(0.02, 0.01, 'fraction')).toBe('+1.00 pp');
  });

  it('cash, days, counts, ratios', () => {
    expect(formatDelta(11_000, 10_000, 'money')).toBe('+$1,000.00');
    expect(formatDelta(10, 12, 'days')).toBe(`${MINUS}2 d`);
    expect(formatDelta(40, 35, 'count')).toBe('+5');
    expect(formatDelta(1.5, 1.25, 'ratio')).toBe('+0.250');
    expect(formatDelta(1, 1, 'ratio')).toBe('0.000');
  });

  it('nothing for dates or undefined sides', () => {
    expect(formatDelta('2020-01-01T00:00:00', '2019-01-01T00:00:00', 'date')).toBe('');
    expect(formatDelta(null, 1, 'ratio')).toBe('');
    expect(formatDelta(1, null, 'ratio')).toBe('');
    expect(formatDelta(Infinity, Infinity, 'ratio')).toBe('');
  });
});

describe('stat kinds', () => {
  it('every compat key has the kind its unit says', () => {
    const kinds = Object.fromEntries(COMPAT_STATS_KEYS.map((k) => [k, compatStatKind(k)]));
    expect(kinds.start).toBe('date');
    expect(kinds.end).toBe('date');
    expect(kinds.duration_days).toBe('days');
    expect(kinds.max_drawdown_duration_days).toBe('days');
    expect(kinds.equity_final).toBe('money');
    expect(kinds.commissions).toBe('money');
    expect(kinds.return_pct).toBe('percent');
    expect(kinds.win_rate_pct).toBe('percent');
    expect(kinds.trades).toBe('count');
    expect(kinds.sharpe_ratio).toBe('ratio');
    expect(kinds.kelly_criterion).toBe('ratio');
    expect(kinds.beta).toBe('ratio');
    for (const k of COMPAT_STATS_KEYS) if (k.endsWith('_pct')) expect(kinds[k]).toBe('percent');
  });

  it('extended report keys', () => {
    expect(reportStatKind('var_95_daily')).toBe('fraction');
    expect(reportStatKind('cvar_95_daily')).toBe('fraction');
    expect(reportStatKind('best_month_pct')).toBe('percent');
    expect(reportStatKind('longest_drawdown_days')).toBe('days');
    expect(reportStatKind('deflated_sharpe_ratio')).toBe('probability');
    expect(reportStatKind('probabilistic_sharpe_ratio')).toBe('probability');
    expect(reportStatKind('max_consecutive_wins')).toBe('count');
    expect(reportStatKind('annualization_factor')).toBe('count');
    expect(reportStatKind('skew')).toBe('ratio');
    for (const k of EXTENDED_REPORT_KEYS) expect(typeof reportStatKind(k)).toBe('string');
  });
});

describe('dense cell and holding-time text', () => {
  it('signedFixed / compactCell use a typographic minus and never print negative zero', async () => {
    const { signedFixed, compactCell } = await import('../../../src/ui/results/number-text');
    expect(signedFixed(-0.04, 1)).toBe('0.0');
    expect(signedFixed(-1.26, 1)).toBe(`${MINUS}1.3`);
    expect(compactCell(-0.004)).toBe('0.00');
    expect(compactCell(0.2236)).toBe('0.22');
    expect(compactCell(-12.34)).toBe(`${MINUS}12.3`);
    expect(compactCell(1234)).toBe('1.2k');
    expect(compactCell(Number.NaN)).toBe('');
  });

  it('formatHolding: hours for short intraday holds, days otherwise', async () => {
    const { formatHolding } = await import('../../../src/ui/results/trade-columns');
    const H = 3_600_000;
    expect(formatHolding(7 * H)).toBe('7 h');
    expect(formatHolding(42 * H)).toBe('42 h');
    expect(formatHolding(24 * H)).toBe('1 d');
    expect(formatHolding(65 * 24 * H)).toBe('65 d');
    expect(formatHolding(6.88 * 24 * H)).toBe('6.9 d');
  });
});
