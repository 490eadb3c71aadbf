import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Reason, runLab, type LabConfigInput, type LabResult, type LabTimeline } from '../../../src/core/lab';
import { actionStrategy, randomMarket, type Action } from './lab-fixtures';

const actionArb = (K: number, T: number): fc.Arbitrary<Action> =>
  fc.record(
    {
      bar: fc.integer({ min: 0, max: T - 1 }),
      instrument: fc.integer({ min: 0, max: K - 1 }),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      type: fc.constantFrom('market' as const, 'limit' as const, 'stop' as const, 'stop-limit' as const, 'trailing-stop' as const, 'close' as const),
      quantity: fc.integer({ min: 1, max: 60 }),
      offset: fc.double({ min: 0, max: 0.1, noNaN: true }),
      stopLossFraction: fc.double({ min: 0.005, max: 0.3, noNaN: true }),
      takeProfitFraction: fc.double({ min: 0.005, max: 0.3, noNaN: true }),
      trailFraction: fc.double({ min: 0.005, max: 0.3, noNaN: true }),
      timeStopBars: fc.integer({ min: 1, max: 8 }),
    },
    { requiredKeys: ['bar', 'instrument', 'side', 'type', 'quantity', 'offset'] },
  );

const scenarioArb = (costs: boolean) =>
  fc
    .record({
      seed: fc.integer({ min: 0, max: 0xffffffff }),
      K: fc.integer({ min: 1, max: 3 }),
      T: fc.integer({ min: 2, max: 30 }),
      missing: fc.constantFrom(0, 0.2),
    })
    .chain((m) =>
      fc.record({
        market: fc.constant(m),
        actions: fc.array(actionArb(m.K, m.T), { maxLength: 25 }),
        config: fc.record({
          cash: fc.constantFrom(2_000, 10_000),
          marginRatio: fc.constantFrom(1, 0.5, 0.2),
          allowShort: fc.boolean(),
          fillTiming: fc.constantFrom('next-open' as const, 'close' as const),
          bracketRule: fc.constantFrom('stop-first' as const, 'target-first' as const, 'nearest-to-open' as const),
          volumeShare: fc.constantFrom(0, 0.05),
          volumeRemainder: fc.constantFrom('keep' as const, 'cancel' as const),
          closeAtEnd: costs ? fc.boolean() : fc.constant(true),
          seed: fc.integer({ min: 0, max: 0xffffffff }),
          ...(costs
            ? {
                spread: fc.constantFrom(0, 0.002),
                commission: fc.record({ fixed: fc.constantFrom(0, 1), relative: fc.constantFrom(0, 0.001) }),
                slippage: fc.constantFrom<LabConfigInput['slippage']>(
                  { model: 'none' },
                  { model: 'fixed-bps', bps: 5 },
                  { model: 'random', bps: 20 },
                  { model: 'volatility', volMultiplier: 0.5, window: 5 },
                ),
              }
            : {}),
        }),
      }),
    );

/** Last known close of instrument k at bar t (NaN before its first bar). */
function markAt(tl: LabTimeline, k: number, t: number): number {
  const T = tl.time.length;
  for (let s = t; s >= 0; s--) {
    const c = tl.close[k * T + s];
    if (c === c) return c;
  }
  return NaN;
}

function run(
  market: { seed: number; K: number; T: number; missing: number },
  actions: readonly Action[],
  config: LabConfigInput,
): { tl: LabTimeline; r: LabResult } {
  const tl = randomMarket(market.seed, market.K, market.T, market.missing);
  return { tl, r: runLab(tl, config, { strategy: actionStrategy(actions, market.T) }) };
}

describe('lab engine: properties', () => {
  it('conservation: NAV = cash + Σ position × last close at every bar (exactly, in instrument order)', () => {
    fc.assert(
      fc.property(scenarioArb(true), ({ market, actions, config }) => {
        const { tl, r } = run(market, actions, config);
        const K = market.K,
          T = market.T;
        for (let t = 0; t < T; t++) {
          let v = r.cash[t];
          for (let k = 0; k < K; k++) {
            const q = r.positions[k * T + t];
            if (q !== 0) v += q * markAt(tl, k, t);
          }
          expect(r.nav[t]).toBe(v);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('with zero costs and closeAtEnd: Σ closed-trade pnl = final NAV − initial cash', () => {
    fc.assert(
      fc.property(scenarioArb(false), ({ market, actions, config }) => {
        const { r } = run(market, actions, config);
        const T = market.T;
        let pnl = 0,
          gross = 0;
        for (let i = 0; i < r.trades.count; i++) {
          pnl += r.trades.pnl[i];
          gross += r.trades.quantity[i] * (r.trades.entryPrice[i] + r.trades.exitPrice[i]);
        }
        expect(r.openTrades.count).toBe(0);
        for (let k = 0; k < market.K; k++) expect(r.positions[k * T + T - 1]).toBe(0);
        expect(r.nav[T - 1]).toBe(r.cash[T - 1]);
        expect(Math.abs(pnl - (r.nav[T - 1] - config.cash))).toBeLessThanOrEqual(1e-9 * (config.cash + gross));
      }),
      { numRuns: 300 },
    );
  });

  it('causality, no shorts when disallowed, volume cap, missing bars never fill', () => {
    fc.assert(
      fc.property(scenarioArb(true), ({ market, actions, config }) => {
        const { tl, r } = run(market, actions, config);
        const T = market.T;
        const used = new Float64Array(market.K * T);
        for (let i = 0; i < r.fills.count; i++) {
          const bar = r.fills.bar[i];
          const k = r.fills.instrument[i];
          const reason = r.fills.reason[i];
          const system = reason === Reason.EndOfData || reason === Reason.Bankrupt;
          if (!system) {
            expect(Number.isNaN(tl.open[k * T + bar])).toBe(false);
            used[k * T + bar] += r.fills.quantity[i];
          }
          const id = r.fills.orderId[i];
          if (id >= 0) {
            // Strategy orders are decided at a close: they fill later, or at that close in the close auction.
            const earliest = r.orders.submittedBar[id] + (config.fillTiming === 'close' && r.orders.type[id] === 0 ? 0 : 1);
            expect(bar).toBeGreaterThanOrEqual(earliest);
          }
        }
        if (config.volumeShare > 0) {
          for (let j = 0; j < used.length; j++) {
            const v = tl.volume[j];
            if (used[j] > 0) expect(used[j]).toBeLessThanOrEqual(Math.floor(config.volumeShare * v + 1e-9));
          }
        }
        if (!config.allowShort) for (let j = 0; j < r.positions.length; j++) expect(r.positions[j]).toBeGreaterThanOrEqual(0);
        // Positions are the sum of signed fills.
        const pos = new Float64Array(market.K);
        let f = 0;
        for (let t = 0; t < T; t++) {
          while (f < r.fills.count && r.fills.bar[f] === t) {
            pos[r.fills.instrument[f]] += r.fills.side[f] * r.fills.quantity[f];
            f++;
          }
          for (let k = 0; k < market.K; k++) expect(r.positions[k * T + t]).toBe(pos[k]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
