import { describe, expect, it } from 'vitest';
import {
  EngineConfigError,
  OrderRequestError,
  alignTables,
  resolveLabConfig,
  runLab,
  validateTimeline,
  type LabConfigInput,
  type OrderRequest,
} from '../../../src/core/lab';
import { T0, scripted, timelineOf } from './lab-fixtures';
import { MS_PER_DAY } from '../../../src/core/domain/time';

describe('lab engine: config validation', () => {
  it('fills in the documented defaults', () => {
    const c = resolveLabConfig({}, 2);
    expect(c.cash).toBe(10_000);
    expect(c.marginRatio).toBe(1);
    expect(c.allowShort).toBe(false);
    expect(Array.from(c.lotSize)).toEqual([1, 1]);
    expect(c.seed).toBe(0);
  });

  const bad: [LabConfigInput, RegExp][] = [
    [{ cash: 0 }, /cash must be a finite number in \(0, Infinity\)/],
    [{ commission: { relative: -0.1 } }, /commission.relative/],
    [{ spread: 1 }, /spread/],
    [{ slippage: { model: 'fixed-bps' } }, /slippage.bps is required/],
    [{ slippage: { model: 'volatility', volMultiplier: 1, window: 1 } }, /slippage.window/],
    [{ slippage: { model: 'none', bps: 5 } }, /only used by 'fixed-bps' and 'random'/],
    [{ slippage: { model: 'gaussian' as 'none' } }, /slippage.model must be one of 'none', 'fixed-bps', 'volatility', 'random'/],
    [{ fillTiming: 'open' as 'close' }, /fillTiming must be one of 'next-open', 'close'/],
    [{ volumeShare: 1.5 }, /volumeShare/],
    [{ marginRatio: 0 }, /marginRatio/],
    [{ bracketRule: 'nearest' as 'stop-first' }, /bracketRule/],
    [{ lotSize: [1] }, /lotSize has 1 values, the timeline has 2 instruments/],
    [{ seed: -1 }, /seed/],
    [{ slipage: {} } as LabConfigInput, /unknown option slipage \(did you mean "slippage"\?\)/],
    [{ limits: { maxGros: 1 } as LabConfigInput['limits'] }, /unknown option limits.maxGros \(did you mean "limits.maxGross"\?\)/],
    [{ limits: { maxPositionWeight: 0 } }, /limits.maxPositionWeight must be a finite number in \(0, Infinity\)/],
    [{ limits: { maxVolumeShare: 1.5 } }, /limits.maxVolumeShare must be a finite number in \(0, 1\]/],
    [{ limits: { dailyLossLimit: 1 } }, /limits.dailyLossLimit must be a finite number in \(0, 1\)/],
    [{ limits: { killSwitch: { drawdown: 0.2, action: 'reduce' } } }, /limits.killSwitch.fraction is required by action 'reduce'/],
    [{ limits: { killSwitch: { drawdown: 0.2, action: 'flatten', fraction: 0.5 } } }, /fraction is only used by action 'reduce'/],
    [{ limits: { killSwitch: { drawdown: 0.2, action: 'halt' as 'flatten' } } }, /limits.killSwitch.action must be one of 'flatten', 'reduce'/],
  ];
  for (const [input, message] of bad) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      expect(() => resolveLabConfig(input, 2)).toThrow(EngineConfigError);
      expect(() => resolveLabConfig(input, 2)).toThrow(message);
    });
  }
});

describe('lab engine: order validation', () => {
  const tl = timelineOf({
    AAPL: [
      [1, 1, 1, 1],
      [1, 1, 1, 1],
    ],
  });
  const cases: [OrderRequest, RegExp][] = [
    [{ instrument: 'APPL', side: 'buy', quantity: 1 }, /unknown instrument "APPL" \(did you mean "AAPL"\?\)/],
    [{ instrument: 0, side: 'buy' }, /give quantity \(units\) or weight/],
    [{ instrument: 0, side: 'buy', quantity: 1, weight: 0.1 }, /not both/],
    [{ instrument: 0, side: 'buy', type: 'limit', quantity: 1 }, /a limit order needs limit/],
    [{ instrument: 0, side: 'buy', type: 'stop', stop: 1, limit: 2, quantity: 1 }, /limit is not used by a stop order/],
    [{ instrument: 0, side: 'buy', type: 'trailing-stop', quantity: 1 }, /exactly one of trailAmount and trailFraction/],
    [{ instrument: 0, side: 'buy', quantity: 1, exits: { stopLoss: 2, takeProfit: 1 } }, /a long needs stopLoss < takeProfit/],
    [{ instrument: 0, side: 'buy', type: 'limit', limit: 1, quantity: 1, exits: { stopLoss: 1.5 } }, /stopLoss 1.5 must be below the entry level 1/],
    [{ instrument: 0, side: 'buy', quantity: 1, tif: { bars: 0 } }, /tif must be/],
    [
      { instrument: 0, side: 'buy', quantity: 1, exits: { stoploss: 1 } as OrderRequest['exits'] },
      /unknown field "stoploss" \(did you mean "stopLoss"\?\)/,
    ],
  ];
  for (const [order, message] of cases) {
    it(`rejects ${JSON.stringify(order)}`, () => {
      const run = () => runLab(tl, {}, { strategy: scripted({ 0: [order] }) });
      expect(run).toThrow(OrderRequestError);
      expect(run).toThrow(message);
    });
  }

  it('rejects bad scheduled entries and rebalances before the run', () => {
    expect(() => runLab(tl, {}, { scheduled: [{ timestamp: NaN, instrument: 0, side: 'buy', quantity: 1 }] })).toThrow(/timestamp must be a finite/);
    expect(() => runLab(tl, {}, { rebalances: [{ timestamp: T0, weights: { MSFT: 1 } }] })).toThrow(EngineConfigError);
  });
});

describe('lab engine: timeline', () => {
  it('rejects half-missing bars and broken high/low with instrument, index and time', () => {
    const tl = timelineOf({
      A: [
        [1, 1, 1, 1],
        [1, 1, 1, 1],
      ],
    });
    tl.close[1] = NaN;
    expect(() => validateTimeline(tl)).toThrow(/instrument "A" \(k=0\) at index 1 \(2024-01-02T00:00:00.000Z\): a bar is all NaN/);
    const hl = timelineOf({
      A: [
        [1, 1, 1, 1],
        [1, 0.9, 1, 1],
      ],
    });
    expect(() => validateTimeline(hl)).toThrow(/low ≤ min\(open, close\) and high ≥ max\(open, close\)/);
  });

  it('aligns tables on the union of timestamps with NaN for missing bars', () => {
    const col = (xs: number[]) => new Float64Array(xs);
    const a = {
      timestamp: col([T0, T0 + MS_PER_DAY, T0 + 3 * MS_PER_DAY]),
      open: col([1, 2, 4]),
      high: col([1, 2, 4]),
      low: col([1, 2, 4]),
      close: col([1, 2, 4]),
      volume: col([10, 20, 40]),
    };
    const b = {
      timestamp: col([T0 + MS_PER_DAY, T0 + 2 * MS_PER_DAY]),
      open: col([5, 6]),
      high: col([5, 6]),
      low: col([5, 6]),
      close: col([5, 6]),
      volume: col([50, 60]),
    };
    const tl = alignTables([
      { name: 'A', table: a },
      { name: 'B', table: b },
    ]);
    expect(Array.from(tl.time)).toEqual([T0, T0 + MS_PER_DAY, T0 + 2 * MS_PER_DAY, T0 + 3 * MS_PER_DAY]);
    expect(Array.from(tl.close)).toEqual([1, 2, NaN, 4, NaN, 5, 6, NaN]);
    expect(Array.from(tl.volume)).toEqual([10, 20, NaN, 40, NaN, 50, 60, NaN]);
    validateTimeline(tl);
    expect(() => alignTables([{ name: 'A', table: { ...a, timestamp: col([T0, T0, T0 + MS_PER_DAY]) } }])).toThrow(
      /"A" row 1: timestamps must be strictly increasing/,
    );
  });
});
