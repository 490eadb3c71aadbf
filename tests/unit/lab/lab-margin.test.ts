import { describe, expect, it } from 'vitest';
import { EndReason, OrderStatus, runLab } from '../../../src/core/lab';
import { scripted, timelineOf, type Row } from './lab-fixtures';

const rows: Row[] = [
  [100, 100, 100, 100],
  [100, 101, 99, 100],
  [95, 96, 89, 90],
  [90, 91, 89, 90],
];

describe('lab engine: shorts, margin and leverage', () => {
  it('a short credits cash, is marked at the close and pays back at the exit', () => {
    // Margin 0.5: gross exposure may reach 2 × NAV. Short 150 × 100 = 15 000 gross, 7 500 required ≤ 10 000.
    const r = runLab(
      timelineOf({ A: rows }),
      { allowShort: true, marginRatio: 0.5 },
      {
        strategy: scripted({ 0: [{ instrument: 'A', side: 'sell', quantity: 150 }], 2: [{ instrument: 'A', side: 'buy', quantity: 150 }] }),
      },
    );
    expect(r.orders.status[0]).toBe(OrderStatus.Filled);
    expect(r.cash[1]).toBe(25_000);
    expect(r.positions[1]).toBe(-150);
    expect(r.nav[1]).toBe(25_000 - 150 * 100);
    expect(r.nav[2]).toBe(25_000 - 150 * 90);
    expect(r.trades.side[0]).toBe(-1);
    expect(r.trades.pnl[0]).toBe(150 * 10);
    expect(r.nav[3]).toBe(11_500);
    expect(r.positions[3]).toBe(0);
  });

  it('refuses an order whose fill would break the margin requirement', () => {
    const tl = timelineOf({ A: rows });
    // 250 × 100 = 25 000 gross × 0.5 = 12 500 > NAV 10 000: refused. 200 units need exactly 10 000: accepted.
    const refused = runLab(tl, { marginRatio: 0.5 }, { strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', quantity: 250 }] }) });
    expect(refused.fills.count).toBe(0);
    expect(refused.orders.status[0]).toBe(OrderStatus.Refused);
    expect(refused.orders.endReason[0]).toBe(EndReason.Margin);
    expect(refused.orders.endBar[0]).toBe(1);
    const accepted = runLab(tl, { marginRatio: 0.5 }, { strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', quantity: 200 }] }) });
    expect(accepted.fills.quantity[0]).toBe(200);
    expect(accepted.cash[1]).toBe(-10_000);
  });

  it('without leverage (margin 1) a buy may not spend more than the cash', () => {
    const tl = timelineOf({ A: rows });
    const r = runLab(tl, { commission: { fixed: 1 } }, { strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', quantity: 100 }] }) });
    expect(r.orders.endReason[0]).toBe(EndReason.Margin);
  });

  it('refuses a short when allowShort is false, but never a reduction', () => {
    const tl = timelineOf({ A: rows });
    const short = runLab(tl, {}, { strategy: scripted({ 0: [{ instrument: 'A', side: 'sell', quantity: 1 }] }) });
    expect(short.orders.status[0]).toBe(OrderStatus.Refused);
    expect(short.orders.endReason[0]).toBe(EndReason.ShortNotAllowed);
    const flip = runLab(
      tl,
      {},
      {
        strategy: scripted({
          0: [{ instrument: 'A', side: 'buy', quantity: 10 }],
          1: [
            { instrument: 'A', side: 'sell', quantity: 15 },
            { instrument: 'A', side: 'sell', quantity: 10 },
          ],
        }),
      },
    );
    expect(flip.orders.endReason[1]).toBe(EndReason.ShortNotAllowed);
    expect(flip.orders.status[2]).toBe(OrderStatus.Filled);
  });

  it('a reduction is accepted even when the account is under water on margin', () => {
    // Long 190 at 100 with margin 0.5 (19 000 gross, 9 500 required); the price falls to 90: NAV 8 100 vs
    // 17 100 × 0.5 = 8 550 required. Selling 10 only reduces exposure, so it goes through.
    const r = runLab(
      timelineOf({ A: rows }),
      { marginRatio: 0.5 },
      {
        strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', quantity: 190 }], 2: [{ instrument: 'A', side: 'sell', quantity: 10 }] }),
      },
    );
    expect(r.orders.status[1]).toBe(OrderStatus.Filled);
  });

  it('a reduce-only close never opens the other side', () => {
    const r = runLab(
      timelineOf({ A: rows }),
      { allowShort: true },
      {
        strategy: {
          onBar(ctx) {
            if (ctx.bar === 0) ctx.submit({ instrument: 'A', side: 'buy', quantity: 10 });
            if (ctx.bar === 1) {
              ctx.closePosition('A');
              ctx.closePosition('A');
            }
          },
        },
      },
    );
    expect(Array.from(r.positions)).toEqual([0, 10, 0, 0]);
    expect(r.orders.status[2]).toBe(OrderStatus.Cancelled);
    expect(r.orders.endReason[2]).toBe(EndReason.NothingToReduce);
  });

  it('goes bankrupt when NAV reaches zero: liquidates at the close and stops trading', () => {
    const crash: Row[] = [
      [100, 100, 100, 100],
      [100, 101, 99, 100],
      [150, 210, 150, 210], // short 200 at 100 on 10 000: NAV 30 000 − 42 000 < 0
      [100, 100, 100, 100],
    ];
    const r = runLab(
      timelineOf({ A: crash }),
      { allowShort: true, marginRatio: 0.5 },
      {
        strategy: scripted({ 0: [{ instrument: 'A', side: 'sell', quantity: 200 }], 2: [{ instrument: 'A', side: 'sell', quantity: 1 }] }),
      },
    );
    expect(r.meta.bankruptBar).toBe(2);
    expect(r.positions[2]).toBe(0);
    expect(r.nav[2]).toBe(30_000 - 200 * 210);
    expect(r.nav[3]).toBe(r.nav[2]);
    expect(r.orders.endReason[1]).toBe(EndReason.Bankrupt);
  });
});
