import { describe, expect, it } from 'vitest';
import { runLab, type LabConfigInput, type LabResult } from '../../../src/core/lab';
import { actionStrategy, randomMarket, sameBytes, type Action } from './lab-fixtures';

const T = 120;
const actions: Action[] = Array.from({ length: 200 }, (_, i) => ({
  bar: (i * 7) % T,
  instrument: i % 3,
  side: i % 3 === 1 ? 'sell' : 'buy',
  type: (['market', 'limit', 'stop', 'stop-limit', 'trailing-stop', 'close'] as const)[i % 6],
  quantity: 1 + (i % 13),
  offset: ((i * 37) % 100) / 1000,
  ...(i % 2 === 0 ? { stopLossFraction: 0.03, takeProfitFraction: 0.05 } : {}),
  ...(i % 5 === 0 ? { trailFraction: 0.04 } : {}),
  ...(i % 7 === 0 ? { timeStopBars: 5 } : {}),
}));

const config: LabConfigInput = {
  cash: 50_000,
  commission: { fixed: 1, relative: 0.0005 },
  spread: 0.001,
  slippage: { model: 'random', bps: 15 },
  volumeShare: 0.1,
  marginRatio: 0.5,
  allowShort: true,
  bracketRule: 'nearest-to-open',
  seed: 20240101,
};

function once(seed = config.seed!): LabResult {
  return runLab(
    randomMarket(99, 3, T, 0.1),
    { ...config, seed },
    { strategy: actionStrategy(actions, T), rebalances: [{ timestamp: randomMarket(99, 3, T, 0.1).time[60], weights: { I0: 0.2, I1: -0.1 } }] },
  );
}

function columns(r: LabResult): ArrayBufferView[] {
  return [
    r.nav,
    r.cash,
    r.positions,
    ...Object.values(r.fills).filter((v): v is Float64Array | Int32Array => ArrayBuffer.isView(v)),
    ...Object.values(r.trades).filter((v): v is Float64Array | Int32Array => ArrayBuffer.isView(v)),
    ...Object.values(r.orders).filter((v): v is Float64Array | Int32Array => ArrayBuffer.isView(v)),
  ];
}

describe('lab engine: determinism', () => {
  it('same inputs and seed give identical bytes in every output column', () => {
    const a = once(),
      b = once();
    expect(a.fills.count).toBeGreaterThan(20);
    expect(a.trades.count).toBeGreaterThan(5);
    const ca = columns(a),
      cb = columns(b);
    expect(ca.length).toBe(cb.length);
    for (let i = 0; i < ca.length; i++) expect(sameBytes(ca[i], cb[i])).toBe(true);
    expect(a.meta).toEqual(b.meta);
  });

  it('another seed changes the random slippage, hence the bits', () => {
    expect(sameBytes(once().nav, once(1).nav)).toBe(false);
  });

  it('echoes the seed and the resolved config in the run metadata', () => {
    const r = once();
    expect(r.meta.seed).toBe(20240101);
    expect(r.meta.config.slippage).toEqual({ model: 'random', bps: 15 });
    expect(r.meta.config.bracketRule).toBe('nearest-to-open');
    expect(r.meta.config.lotSize).toEqual([1, 1, 1]);
    expect(r.meta.rngDraws).toBeGreaterThan(0);
  });
});
