import { describe, expect, it } from 'vitest';
import { Reason, runLab, stopComesFirst, BracketRule, type LabConfigInput } from '../../../src/core/lab';
import { scripted, timelineOf, type Row } from './lab-fixtures';

/** Long 1 unit at bar 1's open (100) with stop-loss 95 and take-profit 110; `bar2` decides. */
function longBracket(bar2: Row, rule: LabConfigInput['bracketRule']) {
  const rows: Row[] = [[100, 100, 100, 100], [100, 101, 99, 100], bar2];
  return runLab(
    timelineOf({ A: rows }),
    { bracketRule: rule },
    {
      strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', quantity: 1, exits: { stopLoss: 95, takeProfit: 110 } }] }),
    },
  );
}

describe('lab engine: stop-loss vs take-profit in the same bar', () => {
  // Both levels inside the bar. The open is nearer the low (6 vs 11): nearest-to-open assumes the low came first.
  const both: Row = [100, 111, 94, 100];

  it("'stop-first' takes the stop", () => {
    const r = longBracket(both, 'stop-first');
    expect(r.trades.exitPrice[0]).toBe(95);
    expect(r.trades.exitReason[0]).toBe(Reason.StopLoss);
  });

  it("'target-first' takes the target", () => {
    const r = longBracket(both, 'target-first');
    expect(r.trades.exitPrice[0]).toBe(110);
    expect(r.trades.exitReason[0]).toBe(Reason.TakeProfit);
  });

  it("'nearest-to-open' goes open → nearer extreme first", () => {
    expect(longBracket(both, 'nearest-to-open').trades.exitReason[0]).toBe(Reason.StopLoss);
    // Open nearer the high (6 vs 11): the high came first, so the target.
    const upFirst = longBracket([105, 111, 94, 100], 'nearest-to-open');
    expect(upFirst.trades.exitReason[0]).toBe(Reason.TakeProfit);
    expect(upFirst.trades.exitPrice[0]).toBe(110);
    // Equal distances: the stop (pessimistic tie-break).
    expect(longBracket([100, 111, 89, 100], 'nearest-to-open').trades.exitReason[0]).toBe(Reason.StopLoss);
  });

  it("'nearest-to-open' for a short: high first means the stop", () => {
    const rows: Row[] = [
      [100, 100, 100, 100],
      [100, 101, 99, 100],
      [100, 106, 89, 100], // up 6 < down 11: high first → a short's stop (105) first
    ];
    const r = runLab(
      timelineOf({ A: rows }),
      { bracketRule: 'nearest-to-open', allowShort: true },
      {
        strategy: scripted({ 0: [{ instrument: 'A', side: 'sell', quantity: 1, exits: { stopLoss: 105, takeProfit: 90 } }] }),
      },
    );
    expect(r.trades.exitReason[0]).toBe(Reason.StopLoss);
    expect(r.trades.exitPrice[0]).toBe(105);
  });

  it('a gap through either level wins over the rule, at the open', () => {
    const gapUp = longBracket([112, 113, 94, 100], 'stop-first');
    expect(gapUp.trades.exitReason[0]).toBe(Reason.TakeProfit);
    expect(gapUp.trades.exitPrice[0]).toBe(112);
    const gapDown = longBracket([93, 111, 92, 100], 'target-first');
    expect(gapDown.trades.exitReason[0]).toBe(Reason.StopLoss);
    expect(gapDown.trades.exitPrice[0]).toBe(93);
  });

  it('the rule function on its own', () => {
    expect(stopComesFirst(BracketRule.StopFirst, 1, 100, 101, 99)).toBe(true);
    expect(stopComesFirst(BracketRule.TargetFirst, 1, 100, 101, 99)).toBe(false);
    expect(stopComesFirst(BracketRule.NearestToOpen, 1, 100, 101, 95)).toBe(false);
    expect(stopComesFirst(BracketRule.NearestToOpen, -1, 100, 101, 95)).toBe(true);
  });
});

describe('lab engine: when brackets are armed', () => {
  it('an entry at the open is exposed to the rest of its bar', () => {
    const rows: Row[] = [
      [100, 100, 100, 100],
      [100, 101, 94, 96], // entry at 100, then the low 94 reaches the stop 95 in the same bar
      [96, 96, 96, 96],
    ];
    const r = runLab(
      timelineOf({ A: rows }),
      {},
      {
        strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', quantity: 1, exits: { stopLossFraction: 0.05 } }] }),
      },
    );
    expect(r.trades.entryBar[0]).toBe(1);
    expect(r.trades.exitBar[0]).toBe(1);
    expect(r.trades.exitPrice[0]).toBe(100 * (1 - 0.05));
  });

  it('an entry inside the bar (limit) is armed from the next bar', () => {
    const rows: Row[] = [
      [100, 100, 100, 100],
      [100, 101, 90, 96], // limit 98 fills inside the bar; its stop 95 is below the low but not armed yet
      [96, 97, 94, 95], // armed: low 94 reaches 95
    ];
    const r = runLab(
      timelineOf({ A: rows }),
      {},
      {
        strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', type: 'limit', limit: 98, quantity: 1, exits: { stopLoss: 95 } }] }),
      },
    );
    expect(r.trades.entryBar[0]).toBe(1);
    expect(r.trades.entryPrice[0]).toBe(98);
    expect(r.trades.exitBar[0]).toBe(2);
    expect(r.trades.exitPrice[0]).toBe(95);
  });
});
