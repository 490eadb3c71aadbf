import { describe, expect, it } from 'vitest';
import { LabScheduledTargets, OrderStatus, runLab } from '../../../src/core/lab';
import { timelineOf, type Row } from './lab-fixtures';

/** Orders of a run as [bar, instrument, signed quantity, status]. */
function orderRows(r: ReturnType<typeof runLab>): number[][] {
  const o = r.orders;
  return Array.from({ length: o.count }, (_, i) => [o.submittedBar[i], o.instrument[i], o.side[i] * o.quantity[i], o.status[i]]);
}

const { Filled } = OrderStatus;

/** Bars with open = high = low = close. */
const bars = (closes: readonly number[]): Row[] => closes.map((c) => [c, c, c, c] as const);

describe('scheduled targets: a precomputed schedule becomes orders at its bars, and on drift', () => {
  // A doubles from 100 to 200 at bar 2 while B stays at 50; cash 10 000, fills at the next open (= the close here).
  const tl = timelineOf({ A: bars([100, 100, 200, 200, 200, 200]), B: bars([50, 50, 50, 50, 50, 50]) });

  it('trades each row at its bar only when there is no drift rule', () => {
    const s = new LabScheduledTargets({ bars: [0, 4], weights: [0.5, 0.5, 0.25, 0.25] });
    const r = runLab(tl, {}, { strategy: s });
    // Bar 0: 50 A, 100 B. Bar 4: NAV 15 000 → 18 A (toward zero of 18.75), 75 B.
    expect(orderRows(r)).toEqual([
      [0, 0, 50, Filled],
      [0, 1, 100, Filled],
      [4, 0, -32, Filled],
      [4, 1, -25, Filled],
    ]);
  });

  it('trades back to the current row when a realised weight drifts past the threshold', () => {
    const s = new LabScheduledTargets({ bars: [0], weights: [0.5, 0.5], drift: 0.1 });
    const r = runLab(tl, {}, { strategy: s });
    // Bar 2: A is 10 000 of 15 000 (0.667 > 0.5 + 0.1) → back to 37 A and 150 B.
    expect(orderRows(r)).toEqual([
      [0, 0, 50, Filled],
      [0, 1, 100, Filled],
      [2, 0, -13, Filled],
      [2, 1, 50, Filled],
    ]);
  });

  it('refuses a schedule whose shape does not match the universe, or whose bars go back', () => {
    expect(() => runLab(tl, {}, { strategy: new LabScheduledTargets({ bars: [0], weights: [1] }) })).toThrow(
      /weights must hold 1 rows × 2 instruments = 2 numbers, got 1/,
    );
    expect(() => new LabScheduledTargets({ bars: [3, 3], weights: [] })).toThrow(/strictly increasing/);
  });
});
