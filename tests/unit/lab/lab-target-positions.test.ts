import { describe, expect, it } from 'vitest';
import { LabXmom, LookAheadError, OrderStatus, TargetPositions, runLab, type LabBarContext, type Strategy } from '../../../src/core/lab';
import { universe12Timeline } from '../../helpers/universe12-timeline';
import { flat, timelineOf, type Row } from './lab-fixtures';

/** A strategy that sets the given target weights at the given bars through the target-positions layer. */
function targeting(plan: Readonly<Record<number, readonly number[]>>, minTrade = 0): Strategy {
  let targets = new TargetPositions(0);
  return {
    initialize(ctx) {
      targets = new TargetPositions(ctx.instruments.length, minTrade);
    },
    onBar(ctx) {
      const w = plan[ctx.bar];
      if (w === undefined) return;
      targets.weights.set(w);
      targets.apply(ctx);
    },
  };
}

/** Orders of a run as [bar, instrument, signed quantity, status]. */
function orderRows(r: ReturnType<typeof runLab>): number[][] {
  const o = r.orders;
  return Array.from({ length: o.count }, (_, i) => [o.submittedBar[i], o.instrument[i], o.side[i] * o.quantity[i], o.status[i]]);
}

// Two instruments at constant prices (100 and 50) and cash 10 000: NAV stays 10 000, so every target is exact.
const tl = timelineOf({ A: flat(100, 8), B: flat(50, 8) });
const { Filled, Cancelled, Working } = OrderStatus;

describe('target positions: weights become whole-lot orders at a rebalance', () => {
  it('orders the deltas, reducing or flipping first, then opening or adding, each group in instrument order', () => {
    const r = runLab(tl, { allowShort: true }, { strategy: targeting({ 0: [0.5, 0.3], 1: [0.6, 0.1], 3: [-0.1, 0.1] }) });
    expect(orderRows(r)).toEqual([
      [0, 0, 50, Filled],
      [0, 1, 60, Filled],
      // B shrinks 60 → 20 (a reduce) before A grows 50 → 60.
      [1, 1, -40, Filled],
      [1, 0, 10, Filled],
      // A flips 60 → −10 in one order.
      [3, 0, -70, Filled],
    ]);
    expect(r.positions[0 * 8 + 7]).toBe(-10);
    expect(r.positions[1 * 8 + 7]).toBe(20);
  });

  it('skips same-side resizes below min_trade × NAV, never an open, a close or a flip', () => {
    // min_trade 0.5: 5 000 of NAV. A: 50 → 55 lots (500) is skipped; B's close (1 000), A's flip and B's open trade.
    const plan = { 0: [0.5, 0.1], 2: [0.55, 0], 4: [-0.05, 0.01] };
    const r = runLab(tl, { allowShort: true }, { strategy: targeting(plan, 0.5) });
    expect(orderRows(r)).toEqual([
      [0, 0, 50, Filled],
      [0, 1, 20, Filled],
      [2, 1, -20, Filled],
      [4, 0, -55, Filled],
      [4, 1, 2, Filled],
    ]);
    expect(() => new TargetPositions(2, 1)).toThrow(/min_trade must be a fraction of NAV in \[0, 1\)/);
  });

  it("a new rebalance cancels the layer's orders still working (here: cut by the volume cap)", () => {
    const thin: Row[] = Array.from({ length: 4 }, () => [100, 100, 100, 100, 10] as const);
    const r = runLab(timelineOf({ A: thin }), { volumeShare: 1 }, { strategy: targeting({ 0: [0.5], 1: [0.5] }) });
    // Bar 1 fills 10 of 50; the rebalance at bar 1's close cancels the remainder and asks for the 40 still missing,
    // of which bars 2 and 3 fill 10 each (without the cancel, 40 + 40 would be working).
    expect(orderRows(r)).toEqual([
      [0, 0, 50, Cancelled],
      [1, 0, 40, Working],
    ]);
    expect(Array.from(r.orders.filled)).toEqual([10, 20]);
    expect(r.positions[3]).toBe(30);
  });

  it('leaves NaN weights and instruments without a close alone, and trades whole lots of the configured size', () => {
    const late = timelineOf({ A: flat(100, 4), B: [null, null, [50, 50, 50, 50], [50, 50, 50, 50]] });
    const r = runLab(late, { lotSize: [3, 1] }, { strategy: targeting({ 0: [0.5, 0.4], 2: [NaN, 0.4] }) });
    // A: 50 units → 16 lots of 3 = 48 units; B has no close at bar 0, then is bought at bar 2; A is left alone at bar 2.
    expect(orderRows(r)).toEqual([
      [0, 0, 48, Filled],
      [2, 1, 80, Filled],
    ]);
  });
});

describe('target positions: look-ahead is impossible on the target-weight path', () => {
  it('a target-weight strategy that reads bar t + 1 to choose its weights throws LookAheadError', () => {
    const peek: Strategy = {
      onBar(ctx: LabBarContext) {
        const targets = new TargetPositions(ctx.instruments.length);
        const tomorrow = ctx.data.at('close', 0, ctx.bar + 1);
        targets.weights[0] = tomorrow > ctx.data.close(0) ? 1 : 0;
        targets.apply(ctx);
      },
    };
    expect(() => runLab(tl, {}, { strategy: peek })).toThrow(LookAheadError);
  });

  it('so does xmom taught to peek at the next close before it ranks (a subclass runs in JavaScript)', () => {
    class PeekingXmom extends LabXmom {
      override onBar(ctx: LabBarContext): void {
        if (ctx.bar > 260) ctx.data.close(0, -1);
        super.onBar(ctx);
      }
    }
    expect(() => runLab(universe12Timeline(), {}, { strategy: new PeekingXmom({}) })).toThrow(LookAheadError);
  });
});
