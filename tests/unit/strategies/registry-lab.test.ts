import { describe, expect, it } from 'vitest';
import { EndReason, labBuiltinOf, labStrategy, runLab } from '../../../src/core/lab';
import { compatStrategy, findStrategy, strategyIds, validateStrategyParams } from '../../../src/core/strategies/registry';
import { universe12Timeline } from '../../helpers/universe12-timeline';

const labSpec = (id: string, given: Record<string, number> = {}) => {
  const entry = findStrategy(id);
  return entry.lab.spec(validateStrategyParams(entry, given, 'lab'));
};

describe('strategy registry: the lab profile', () => {
  it('lists xmom and pairs for the lab profile only; the backtesting.py list is unchanged', () => {
    expect(strategyIds()).toEqual(['sma-cross', 'momentum', 'mean-reversion']);
    expect(strategyIds('lab')).toEqual(['sma-cross', 'momentum', 'mean-reversion', 'xmom', 'pairs']);
  });

  it('fills the documented defaults and checks ranges, codes included', () => {
    expect(validateStrategyParams(findStrategy('xmom'), {}, 'lab')).toEqual({
      lookback: 252,
      skip: 21,
      rebalance: 1,
      top_k: 3,
      bottom_k: 0,
      weighting: 0,
      vol_window: 63,
      gross: 0.95,
      min_trade: 0.001,
    });
    expect(validateStrategyParams(findStrategy('pairs'), { y: 5, x: 7 }, 'lab')).toEqual({
      y: 5,
      x: 7,
      window: 60,
      log: 0,
      entry_z: 2,
      exit_z: 0.5,
      stop_z: 4,
      weight: 0.45,
    });
    expect(() => validateStrategyParams(findStrategy('xmom'), { rebalance: 4 }, 'lab')).toThrow(/rebalance must be ≤ 3, got 4/);
    expect(() => validateStrategyParams(findStrategy('xmom'), { topk: 4 }, 'lab')).toThrow(/did you mean "top_k"/);
    expect(() => validateStrategyParams(findStrategy('pairs'), { log: 2 }, 'lab')).toThrow(/log must be ≤ 1/);
  });

  it('the backtesting.py profile refuses xmom and pairs, naming the lab profile', () => {
    for (const id of ['xmom', 'pairs']) {
      const entry = findStrategy(id);
      expect(() => validateStrategyParams(entry, {})).toThrow(`strategy ${id} runs only in the lab profile`);
      expect(() => compatStrategy(entry, {})).toThrow(/the backtesting.py profile runs sma-cross, momentum, mean-reversion/);
    }
    expect(() => findStrategy('xmon')).toThrow(/did you mean "xmom"/);
  });

  it('registry specs become the engine built-ins with their parameters', () => {
    expect(labBuiltinOf(labStrategy(labSpec('xmom', { top_k: 4, bottom_k: 2, rebalance: 2 })), 12)).toEqual({
      id: 4,
      params: [252, 21, 2, 4, 2, 0, 63, 0.95, 0.001],
    });
    expect(labBuiltinOf(labStrategy(labSpec('pairs', { y: 5, x: 7, window: 120 })), 12)).toEqual({
      id: 5,
      params: [5, 7, 120, 0, 2, 0.5, 4, 0.45],
    });
  });

  it('per-instrument built-ins split weight over the universe: on one instrument the weight itself (same bits as before)', () => {
    const spec = labSpec('sma-cross', { fast: 10, slow: 30 });
    expect(labBuiltinOf(labStrategy(spec), 1)?.params).toEqual([10, 30, 0.95]);
    expect(labBuiltinOf(labStrategy(spec), 12)?.params).toEqual([10, 30, 0.95 / 12]);
    expect(labBuiltinOf(labStrategy(labSpec('momentum', { lookback: 20 })), 4)?.params).toEqual([20, 0, 0.95 / 4]);
    expect(labBuiltinOf(labStrategy(labSpec('mean-reversion', { window: 20 })), 2)?.params).toEqual([20, 2, 0.5, 0.95 / 2]);
  });

  it('on universe12 every instrument trades, and entries are rarely refused for margin (0.95 per position: most are)', () => {
    const tl = universe12Timeline();
    /** Instruments traded and the share of orders refused for margin. */
    const run = (params: Record<string, number>): [number, number] => {
      const r = runLab(tl, { allowShort: true }, { strategy: labStrategy({ name: 'momentum', params: { lookback: 20, ...params } }) });
      const margin = Array.from(r.orders.endReason).filter((e) => e === EndReason.Margin).length;
      return [new Set(r.fills.instrument).size, margin / r.orders.count];
    };
    const [traded, split] = run(labSpec('momentum', { lookback: 20 }).params as Record<string, number>);
    const [tradedWhole, whole] = run({ weight: 0.95 });
    expect(traded).toBe(12);
    expect(tradedWhole).toBeLessThan(12);
    // Split: only when held positions have drifted up (they are sized at entry, not rebalanced) is an entry refused.
    expect(split).toBeLessThan(0.05);
    expect(whole).toBeGreaterThan(0.5);
  });
});
