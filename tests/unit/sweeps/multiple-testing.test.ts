import { beforeAll, describe, expect, it } from 'vitest';
import { compileNodeEngine } from '../../../src/adapters/node/engine-loader';
import { extendedReport } from '../../../src/core/report';
import { trialSharpeVariance } from '../../../src/core/report/deflated-sharpe';
import { combinationParams, deflatedSharpeOfBest, planSweep, SweepResults, sweepTrials, type SweepPlan } from '../../../src/core/sweeps';
import { createEngine, type Engine } from '../../../src/engine/engine-module';
import type { SweepParamsOf } from '../../../src/engine/sweep-engine';
import { loadSharedBars } from '../compat/load-csv';

// The multiple-testing note of a sweep: N trials, the best Sharpe, and the best run's deflated Sharpe ratio
// computed exactly as the extended report computes it for a run selected from N trials.

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
    const sets = Array.from({ length: plan.runs }, (_, c) => combinationParams(plan.paramNames, plan.values, c) as unknown as SweepParamsOf['sma-cross']);
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

  it("equals the extended report's deflated Sharpe of the best run given the sweep as its trials", () => {
    const t = sweepTrials(results);
    const p = combinationParams(plan.paramNames, plan.values, t.bestCombination!);
    const best = engine.compat.run(goog, { name: 'sma-cross', params: { fast: p.fast, slow: p.slow } }, plan.options);
    const curve = { equity: best.equity, time: goog.time };
    const dsr = deflatedSharpeOfBest(curve, t);
    const report = extendedReport({ ...curve, trials: { count: t.trials, sharpeVariance: t.sharpeVariance!, units: 'annualized' } });
    expect(dsr.deflatedSharpe).toBe(report.deflated_sharpe_ratio);
    expect(dsr.periodsPerYear).toBe(252);
    expect(dsr.expectedMaxSharpe).toBeCloseTo(report.expected_max_sharpe_daily! * Math.sqrt(252), 12);
    expect(dsr.deflatedSharpe).toBeGreaterThan(0);
    expect(dsr.deflatedSharpe).toBeLessThan(1);
    // Selection costs evidence: the same run alone (one trial) has a higher probability than as the best of 175.
    const alone = deflatedSharpeOfBest(curve, { ...t, trials: 1, sharpeVariance: null });
    expect(alone.deflatedSharpe).toBe(report.probabilistic_sharpe_ratio);
    expect(alone.deflatedSharpe!).toBeGreaterThan(dsr.deflatedSharpe!);
    expect(alone.expectedMaxSharpe).toBe(0);
  });

  it('is undefined, not NaN, without a Sharpe variance for several trials', () => {
    const curve = { equity: Float64Array.of(100, 101, 102, 101, 103, 104), time: Float64Array.from({ length: 6 }, (_, k) => Date.UTC(2024, 0, 1 + k)) };
    expect(deflatedSharpeOfBest(curve, { trials: 5, bestCombination: 0, bestSharpe: 1, sharpeVariance: null }).deflatedSharpe).toBeNull();
  });
});
