import { beforeAll, describe, expect, it } from 'vitest';
import { compileNodeEngine } from '../../../src/adapters/node/engine-loader';
import { excessKurtosis, expectedMaxSharpe, probabilisticSharpeRatio, skewness, trialSharpeVariance } from '../../../src/core/report';
import { geometricMean, periodReturns, variance } from '../../../src/core/stats';
import {
  combinationParams,
  deflateSelection,
  deflatedSharpeOfBest,
  planSweep,
  SweepResults,
  sweepTrials,
  type SweepPlan,
} from '../../../src/core/sweeps';
import { createEngine, type Engine } from '../../../src/engine/engine-module';
import type { SweepParamsOf } from '../../../src/engine/sweep-engine';
import { loadSharedBars } from '../compat/load-csv';

// The multiple-testing note of a sweep: N trials, the best Sharpe, the Sharpe expected by luck and the best run's
// deflated Sharpe ratio, all in one Sharpe definition (the table's annualized Sharpe ratio).

describe('deflated Sharpe ratio of a sweep', () => {
  const goog = loadSharedBars('GOOG.csv');
  let engine: Engine;
  let plan: SweepPlan;
  let results: SweepResults;

  beforeAll(async () => {
    engine = await createEngine(await compileNodeEngine());
    const outcome = planSweep({
      strategy: 'sma-cross',
      params: { fast: { from: 5, to: 50, step: 5 }, slow: { from: 10, to: 200, step: 10 } },
      search: { mode: 'grid' },
      options: { commission: 0.002, exclusiveOrders: true },
    });
    plan = outcome.plan!;
    engine.sweep.prepare(goog);
    const sets = Array.from(
      { length: plan.runs },
      (_, c) => combinationParams(plan.paramNames, plan.values, c) as unknown as SweepParamsOf['sma-cross'],
    );
    results = new SweepResults(plan.runs);
    results.write(0, engine.sweep.run('sma-cross', sets, plan.options).stats);
  });

  it('counts the completed runs as trials and takes the variance of their Sharpe ratios in index order', () => {
    const t = sweepTrials(results);
    expect(t.trials).toBe(175);
    const sharpes = Array.from({ length: 175 }, (_, c) => results.value(c, 'sharpe_ratio'));
    expect(t.bestSharpe).toBe(Math.max(...sharpes.filter(Number.isFinite)));
    expect(t.bestCombination).toBe(sharpes.indexOf(t.bestSharpe!));
    expect(t.sharpeVariance).toBe(trialSharpeVariance(Float64Array.from(sharpes)));
  });

  it('uses one Sharpe definition: the DSR tests the best Sharpe shown against the expected maximum shown, per period', () => {
    const t = sweepTrials(results);
    const p = combinationParams(plan.paramNames, plan.values, t.bestCombination!);
    const best = engine.compat.run(goog, { name: 'sma-cross', params: { fast: p.fast, slow: p.slow } }, plan.options);
    const curve = { equity: best.equity, time: goog.time };
    const dsr = deflatedSharpeOfBest(curve, t);
    expect(dsr.periodsPerYear).toBe(252);
    // The expected maximum is that of N trials whose variance is the table's Sharpe variance, in the table's units.
    expect(dsr.expectedMaxSharpe).toBe(expectedMaxSharpe(t.trials, t.sharpeVariance!));
    // The Sharpe the PSR tests is the table's best Sharpe per period, measured on the period returns whose moments it
    // uses; the benchmark is the expected maximum shown, per period. Recomputing the table's Sharpe from those
    // returns (backtesting.py: annualized geometric return / annualized volatility, ddof = 1) gives the best Sharpe.
    const returns = periodReturns(curve.equity, curve.time, 'day');
    const g = geometricMean(returns);
    const sharpe = (Math.pow(1 + g, 252) - 1) / Math.sqrt(Math.pow(variance(returns, 1) + (1 + g) ** 2, 252) - Math.pow(1 + g, 2 * 252));
    expect(sharpe).toBeCloseTo(t.bestSharpe!, 12);
    const root = Math.sqrt(252);
    const evidence = { sharpe: t.bestSharpe! / root, count: returns.length, skew: skewness(returns)!, excessKurtosis: excessKurtosis(returns)! };
    expect(dsr.deflatedSharpe).toBe(probabilisticSharpeRatio(evidence, dsr.expectedMaxSharpe! / root));
    expect(dsr.deflatedSharpe).toBeGreaterThan(0);
    expect(dsr.deflatedSharpe).toBeLessThan(1);
    // Selection costs evidence: the same run alone (one trial) has a higher probability than as the best of 175.
    const alone = deflatedSharpeOfBest(curve, { ...t, trials: 1, sharpeVariance: null });
    expect(alone.deflatedSharpe).toBe(probabilisticSharpeRatio(evidence, 0));
    expect(alone.deflatedSharpe!).toBeGreaterThan(dsr.deflatedSharpe!);
    expect(alone.expectedMaxSharpe).toBe(0);
  });

  it("reproduces Bailey & López de Prado's (2014) worked example in the table's annualized units", () => {
    // "The Deflated Sharpe Ratio" (J. Portfolio Management, 2014), numerical example: annualized SR 2.5 over
    // T = 1250 daily returns (A = 250), skew -3, kurtosis 10 (excess 7), N = 100 trials with annualized Sharpe
    // variance 1/2: SR₀ ≈ 0.1132 per day, DSR ≈ 0.9004. Full-precision values from python3-scipy 1.10
    // (scipy.stats.norm.ppf / norm.cdf, Debian 12): SR₀ annualized = √0.5·((1-γ)·ppf(0.99) + γ·ppf(1-1/(100e)))
    // = 1.7894064662732079; DSR = cdf((2.5 - SR₀)/√250 · √1249 / √(1 + 3·SR + 9/4·SR²)), SR = 2.5/√250,
    // = 0.9003968344493903.
    const out = deflateSelection({
      bestSharpe: 2.5,
      trials: 100,
      sharpeVariance: 0.5,
      periodsPerYear: 250,
      returns: { count: 1250, skew: -3, excessKurtosis: 7 },
    });
    expect(out.expectedMaxSharpe).toBeCloseTo(1.7894064662732079, 12);
    expect(out.expectedMaxSharpe! / Math.sqrt(250)).toBeCloseTo(0.1132, 4);
    expect(out.deflatedSharpe).toBeCloseTo(0.9003968344493903, 10);
  });

  it('is undefined, not NaN, without a Sharpe variance for several trials', () => {
    const curve = {
      equity: Float64Array.of(100, 101, 102, 101, 103, 104),
      time: Float64Array.from({ length: 6 }, (_, k) => Date.UTC(2024, 0, 1 + k)),
    };
    expect(deflatedSharpeOfBest(curve, { trials: 5, bestCombination: 0, bestSharpe: 1, sharpeVariance: null }).deflatedSharpe).toBeNull();
  });
});
