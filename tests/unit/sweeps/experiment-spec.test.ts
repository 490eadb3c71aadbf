/**
 * A sweep's row opened as its own experiment ("Open as experiment"): combination c of a plan written as the spec
 * that runs it alone. On one instrument it is a version-1 spec — metrics.md's row (GOOG, sma-cross 10/20,
 * commission 0.002, exclusive orders) is the pinned GOOG experiment, whatever the sweep's other rows; on a universe a
 * version-2 spec with the sweep's whole lab configuration.
 */
import { describe, expect, it } from 'vitest';
import { identifySpec } from '../../../src/core/experiments/identity';
import { parseSpec } from '../../../src/core/experiments/spec-problems';
import { combinationParams, compatExperimentSpec, labExperimentSpec, planLabSweep, planSweep } from '../../../src/core/sweeps';
import { GOOG_HASH } from '../../helpers/goog-experiment';

const PINNED_ID = 'exp_99c61648f98d6fec74bccb88';

describe('the experiment of a sweep combination', () => {
  it('one instrument: the fast=10 slow=20 row of a GOOG grid is the pinned GOOG experiment', async () => {
    const outcome = planSweep({
      strategy: 'sma-cross',
      params: { fast: { from: 5, to: 15, step: 5 }, slow: [20, 40] },
      search: { mode: 'grid' },
      options: { cash: 10_000, commission: 0.002, exclusiveOrders: true },
    });
    const plan = outcome.plan!;
    const c = Array.from({ length: plan.runs }, (_, k) => k).find((k) => {
      const p = combinationParams(plan.paramNames, plan.values, k);
      return p.fast === 10 && p.slow === 20;
    })!;
    const spec = compatExperimentSpec(plan, c, { contentHash: GOOG_HASH, label: 'GOOG' });
    expect(spec).toMatchObject({ specVersion: 1, params: { fast: 10, slow: 20 }, inputs: [{ contentHash: GOOG_HASH, label: 'GOOG' }] });
    expect((await identifySpec(parseSpec(spec))).id).toBe(PINNED_ID);
    // Another row, another experiment.
    expect((await identifySpec(parseSpec(compatExperimentSpec(plan, (c + 1) % plan.runs, { contentHash: GOOG_HASH })))).id).not.toBe(PINNED_ID);
  });

  it('a universe: the version-2 spec carries the whole configuration the sweep ran with', () => {
    const inputs = ['a', 'b', 'c'].map((name, k) => ({ contentHash: String(k + 1).repeat(64), name }));
    const config = { cash: 50_000, slippage: { model: 'random', bps: 3 }, fillTiming: 'close', closeAtEnd: true, seed: 7, lotSize: 10 };
    const plan = planLabSweep({ strategy: 'xmom', params: { top_k: [1, 2] }, search: { mode: 'grid' }, inputs, config }).plan!;
    const spec = labExperimentSpec(plan, 1);
    expect(spec.params.top_k).toBe(2);
    expect(spec.config).toMatchObject({
      cash: 50_000,
      slippage: { model: 'random', bps: 3 },
      fillTiming: 'close',
      closeAtEnd: true,
      seed: 7,
      lotSize: 10,
    });
    expect(parseSpec(spec)).toMatchObject({ specVersion: 2, config: spec.config });
  });
});
