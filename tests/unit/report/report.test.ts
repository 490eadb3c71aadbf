import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EXTENDED_REPORT_KEYS, extendedReport, type ExtendedReport } from '../../../src/core/report';
import { MS_PER_DAY } from '../../../src/core/domain/time';

const START = Date.UTC(2021, 0, 4);

function everyNumber(report: ExtendedReport): number[] {
  const out: number[] = [];
  for (const key of EXTENDED_REPORT_KEYS) {
    const v = report[key];
    if (typeof v === 'number') out.push(v);
  }
  for (const m of report.monthly_returns) out.push(m.year, m.month, m.return_pct);
  return out;
}

const daily = (equity: number[]) => ({
  equity: Float64Array.from(equity),
  time: Float64Array.from(equity.map((_, k) => START + k * MS_PER_DAY)),
});

/** Random curves: positive or ruined equity, bar gaps from minutes to weeks. */
const curves = fc
  .array(fc.tuple(fc.double({ min: -0.3, max: 0.3, noNaN: true }), fc.integer({ min: 0, max: 10 * MS_PER_DAY })), { minLength: 0, maxLength: 120 })
  .map((steps) => {
    const equity = [1000];
    const time = [START];
    for (const [ret, gap] of steps) {
      equity.push(equity[equity.length - 1] * (1 + ret) - (ret < -0.29 ? 800 : 0)); // occasionally ruinous
      time.push(time[time.length - 1] + gap);
    }
    return { equity: Float64Array.from(equity), time: Float64Array.from(time) };
  });

describe('extended report', () => {
  it('has exactly the documented keys, in order', () => {
    expect(Object.keys(extendedReport(daily([100, 101, 99, 102, 98, 103])))).toEqual([...EXTENDED_REPORT_KEYS]);
  });

  it('never emits NaN or ±Infinity, and CVaR ≤ VaR whenever both exist', () => {
    fc.assert(
      fc.property(curves, fc.double({ min: -0.5, max: 0.5, noNaN: true }), (curve, required) => {
        const report = extendedReport(
          {
            ...curve,
            tradeReturns: curve.equity.slice(1).map((e, k) => e / curve.equity[k] - 1),
            trials: { count: 20, sharpeVariance: 0.5, units: 'annualized' },
          },
          { omegaRequiredReturn: required },
        );
        for (const x of everyNumber(report)) expect(Number.isFinite(x)).toBe(true);
        if (report.var_95_daily !== null && report.cvar_95_daily !== null) {
          expect(report.cvar_95_daily).toBeLessThanOrEqual(report.var_95_daily);
        }
        if (report.probabilistic_sharpe_ratio !== null) {
          expect(report.probabilistic_sharpe_ratio).toBeGreaterThanOrEqual(0);
          expect(report.probabilistic_sharpe_ratio).toBeLessThanOrEqual(1);
        }
        if (report.deflated_sharpe_ratio !== null && report.probabilistic_sharpe_ratio !== null) {
          expect(report.deflated_sharpe_ratio).toBeLessThanOrEqual(report.probabilistic_sharpe_ratio);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same input gives the same JSON, bit for bit', () => {
    fc.assert(
      fc.property(curves, (curve) => {
        const a = JSON.stringify(extendedReport({ equity: curve.equity.slice(), time: curve.time.slice() }));
        const b = JSON.stringify(extendedReport(curve));
        expect(a).toBe(b);
      }),
      { numRuns: 50 },
    );
  });

  it('reports null for what an empty or one-bar curve cannot define', () => {
    for (const report of [extendedReport(daily([])), extendedReport(daily([100]))]) {
      expect(report.daily_return_count).toBe(0);
      expect(report.monthly_returns).toEqual([]);
      for (const key of EXTENDED_REPORT_KEYS) {
        if (key !== 'daily_return_count' && key !== 'monthly_returns') expect(report[key], key).toBeNull();
      }
    }
  });

  it('a flat curve: zero risk, but undefined shape, omega and Sharpe significance', () => {
    const report = extendedReport(daily(Array.from({ length: 30 }, () => 100)));
    expect(report).toMatchObject({
      var_95_daily: 0,
      cvar_95_daily: 0,
      tail_ratio: null,
      omega_ratio: null,
      skew: null,
      kurtosis: null,
      sharpe_ratio_daily: null,
      probabilistic_sharpe_ratio: null,
      longest_drawdown_days: 0,
      ulcer_index: 0,
      recovery_factor: null,
      best_day_pct: 0,
      worst_day_pct: 0,
    });
  });

  it('a curve that only rises: no drawdown, omega undefined (no losses) rather than infinite', () => {
    const report = extendedReport(daily([100, 101, 103, 106, 110, 115]));
    expect(report.omega_ratio).toBeNull();
    expect(report.longest_drawdown_days).toBe(0);
    expect(report.ulcer_index).toBe(0);
    expect(report.recovery_factor).toBeNull();
  });

  it('passes trade returns and trials through, and rejects a malformed sweep before computing', () => {
    const base = daily([100, 101, 99, 102, 98, 103, 104]);
    const plain = extendedReport(base);
    expect(plain.max_consecutive_wins).toBeNull();
    expect(plain.deflated_sharpe_ratio).toBeNull();
    expect(plain.expected_max_sharpe_daily).toBeNull();
    const withTrades = extendedReport({ ...base, tradeReturns: Float64Array.from([0.1, -0.05, -0.05, 0.2]) });
    // wins 0.1, 0.2 (mean 0.15); losses -0.05, -0.05 (mean -0.05) → payoff 3
    expect(withTrades).toMatchObject({ max_consecutive_wins: 1, max_consecutive_losses: 2 });
    expect(withTrades.payoff_ratio).toBeCloseTo(3, 14);
    expect(() => extendedReport({ ...base, trials: { count: 0, sharpeVariance: 1, units: 'per_period' } })).toThrow(RangeError);
  });
});
