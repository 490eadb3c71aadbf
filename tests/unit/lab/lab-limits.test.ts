import { describe, expect, it } from 'vitest';
import { MS_PER_DAY, MS_PER_HOUR } from '../../../src/core/domain/time';
import {
  EndReason,
  LabXmom,
  LimitRule,
  OrderStatus,
  Reason,
  runLab,
  type LabConfigInput,
  type LabResult,
  type OrderRequest,
} from '../../../src/core/lab';
import { universe12Timeline } from '../../helpers/universe12-timeline';
import { flat, scripted, timelineOf, type Row } from './lab-fixtures';

// Hand-worked cases of every risk limit (docs/engine.md "Limits"). Fixtures: daily bars with open = high = low =
// close unless said; cash 10 000; orders decided at bar t fill at bar t + 1's open.

/** The limit log as rows [bar, orderId, instrument, side, requested, allowed, rule]. */
function limitRows(r: LabResult): number[][] {
  const l = r.limitOrders;
  return Array.from({ length: l.count }, (_, i) => [l.bar[i], l.orderId[i], l.instrument[i], l.side[i], l.requested[i], l.allowed[i], l.rule[i]]);
}

/** Orders as [quantity, filled, status, endReason]. */
function orderRows(r: LabResult): number[][] {
  const o = r.orders;
  return Array.from({ length: o.count }, (_, i) => [o.quantity[i], o.filled[i], o.status[i], o.endReason[i]]);
}

const buy = (instrument: number, quantity: number): OrderRequest => ({ instrument, side: 'buy', quantity });
const sell = (instrument: number, quantity: number): OrderRequest => ({ instrument, side: 'sell', quantity });
const bars = (closes: readonly number[]): Row[] => closes.map((c) => [c, c, c, c] as const);
const { Filled, Refused, Cancelled } = OrderStatus;

describe('pre-trade limits: an order is cut to the whole lots that fit, or refused, and logged with its rule', () => {
  const tl = timelineOf({ A: flat(100, 5), B: flat(50, 5) });

  it('max-order-value: 40 A at 100 is 4 000; 2 500 allows 25', () => {
    const r = runLab(tl, { limits: { maxOrderValue: 2500 } }, { strategy: scripted({ 0: [buy(0, 40)] }) });
    expect(limitRows(r)).toEqual([[0, 0, 0, 1, 40, 25, LimitRule.MaxOrderValue]]);
    expect(orderRows(r)).toEqual([[25, 25, Filled, EndReason.None]]);
    expect(r.positions[1]).toBe(25);
  });

  it("max-volume-share: 1 % of the deciding bar's 1 000 units is 10; no volume known allows nothing", () => {
    const v = timelineOf({ A: [[100, 100, 100, 100, 1000], [100, 100, 100, 100, NaN], ...flat(100, 3)] });
    const r = runLab(v, { limits: { maxVolumeShare: 0.01 } }, { strategy: scripted({ 0: [buy(0, 40)], 1: [buy(0, 5)] }) });
    expect(limitRows(r)).toEqual([
      [0, 0, 0, 1, 40, 10, LimitRule.MaxVolumeShare],
      [1, 1, 0, 1, 5, 0, LimitRule.MaxVolumeShare],
    ]);
    expect(orderRows(r)).toEqual([
      [10, 10, Filled, EndReason.None],
      [5, 0, Refused, EndReason.Limit],
    ]);
  });

  it('max-position-weight: 30 % of 10 000 at 100 is 30 lots; adding beyond is refused, reducing is never cut', () => {
    const r = runLab(tl, { limits: { maxPositionWeight: 0.3 } }, { strategy: scripted({ 0: [buy(0, 40)], 2: [buy(0, 10), sell(0, 10)] }) });
    expect(limitRows(r)).toEqual([
      [0, 0, 0, 1, 40, 30, LimitRule.MaxPositionWeight],
      [2, 1, 0, 1, 10, 0, LimitRule.MaxPositionWeight],
    ]);
    expect(orderRows(r)).toEqual([
      [30, 30, Filled, EndReason.None],
      [10, 0, Refused, EndReason.Limit],
      [10, 10, Filled, EndReason.None],
    ]);
    expect(r.positions[4]).toBe(20);
  });

  it('max-gross: working orders count as filled, so two orders of one bar cannot pass the cap together', () => {
    // 30 A = 3 000 passes 0.5 × 10 000; then B has 5 000 − 3 000 = 2 000 of room at 50: 40 of the 60 asked.
    const r = runLab(tl, { limits: { maxGross: 0.5 } }, { strategy: scripted({ 0: [buy(0, 30), buy(1, 60)] }) });
    expect(limitRows(r)).toEqual([[0, 1, 1, 1, 60, 40, LimitRule.MaxGross]]);
    expect([r.positions[4], r.positions[5 + 4]]).toEqual([30, 40]);
  });

  it('the tightest rule wins and is the one recorded; a weight-sized order is checked when it is sized', () => {
    const r = runLab(
      tl,
      { limits: { maxOrderValue: 2500, maxPositionWeight: 0.2 } },
      { strategy: scripted({ 0: [buy(0, 40)], 2: [{ instrument: 1, side: 'buy', weight: 0.9 }] }) },
    );
    // Bar 0: order value allows 25, position weight 20 → 20 (max-position-weight). Bar 3: 0.9 × NAV 10 000 at the
    // open 50 sizes 180 B; order value allows 50, position weight 40 → 40, logged at the sizing bar.
    expect(limitRows(r)).toEqual([
      [0, 0, 0, 1, 40, 20, LimitRule.MaxPositionWeight],
      [3, 1, 1, 1, 180, 40, LimitRule.MaxPositionWeight],
    ]);
    expect(orderRows(r)).toEqual([
      [20, 20, Filled, EndReason.None],
      [40, 40, Filled, EndReason.None],
    ]);
  });

  it('no-short: a short fill with shorting off is refused as before and recorded, with or without limits', () => {
    for (const config of [{}, { limits: { maxGross: 1 } }] as LabConfigInput[]) {
      const r = runLab(tl, config, { strategy: scripted({ 0: [sell(0, 5)] }) });
      expect(orderRows(r)).toEqual([[5, 0, Refused, EndReason.ShortNotAllowed]]);
      expect(limitRows(r)).toEqual([[1, 0, 0, -1, 5, 0, LimitRule.NoShort]]);
    }
  });

  it('no limits: nothing is logged, and the config echoes no limits', () => {
    const r = runLab(tl, {}, { strategy: scripted({ 0: [buy(0, 40)] }) });
    expect(r.limitOrders.count).toBe(0);
    expect(r.limitEvents.count).toBe(0);
    expect('limits' in r.meta.config).toBe(false);
    const limited = runLab(tl, { limits: { maxGross: 1, killSwitch: { drawdown: 0.2, action: 'reduce', fraction: 0.5 } } }, {});
    expect(limited.meta.config.limits).toEqual({ maxGross: 1, killSwitch: { drawdown: 0.2, action: 'reduce', fraction: 0.5 } });
  });
});

describe('post-trade limits', () => {
  // A falls from 100 to 80 at bar 2: 100 A bought at bar 1's open lose 2 000 of 10 000, a 20 % drawdown.
  const tl = timelineOf({ A: bars([100, 100, 80, 80, 80, 80]) });

  it('kill switch flatten: trips at the close of the bar where NAV ≤ peak × 0.8, closes everything there, refuses the rest', () => {
    const r = runLab(
      tl,
      { limits: { killSwitch: { drawdown: 0.2, action: 'flatten' } } },
      { strategy: scripted({ 0: [buy(0, 100)], 3: [buy(0, 10)], 4: [sell(0, 1)] }) },
    );
    expect(Array.from(r.limitEvents.bar)).toEqual([2]);
    expect(Array.from(r.limitEvents.rule)).toEqual([LimitRule.KillSwitch]);
    expect(Array.from(r.limitEvents.nav)).toEqual([8000]);
    expect(Array.from(r.positions)).toEqual([0, 100, 0, 0, 0, 0]);
    expect(r.trades.count).toBe(1);
    expect([r.trades.exitBar[0], r.trades.exitPrice[0], r.trades.exitReason[0]]).toEqual([2, 80, Reason.KillSwitch]);
    expect(limitRows(r)).toEqual([
      [3, 1, 0, 1, 10, 0, LimitRule.KillSwitch],
      [4, 2, 0, -1, 1, 0, LimitRule.KillSwitch],
    ]);
    expect(r.nav[5]).toBe(8000);
  });

  it('kill switch reduce: positions cut to the fraction (toward zero), then only orders that reduce are accepted', () => {
    const r = runLab(
      tl,
      { limits: { killSwitch: { drawdown: 0.2, action: 'reduce', fraction: 0.55 } } },
      { strategy: scripted({ 0: [buy(0, 100)], 3: [buy(0, 10), sell(0, 70)] }) },
    );
    // 100 × 0.55 = 55 kept; at bar 3 the buy adds (refused) and the sell of 70 is cut to the 55 held.
    expect(Array.from(r.positions)).toEqual([0, 100, 55, 55, 0, 0]);
    expect(limitRows(r)).toEqual([
      [3, 1, 0, 1, 10, 0, LimitRule.KillSwitch],
      [3, 2, 0, -1, 70, 55, LimitRule.KillSwitch],
    ]);
    expect(r.fills.reason[1]).toBe(Reason.KillSwitch);
    expect(r.fills.quantity[1]).toBe(45);
  });

  it('a working order is cancelled when the kill switch trips, and logged', () => {
    const r = runLab(
      tl,
      { limits: { killSwitch: { drawdown: 0.2, action: 'flatten' } } },
      { strategy: scripted({ 0: [buy(0, 100)], 1: [{ instrument: 0, side: 'buy', quantity: 3, type: 'limit', limit: 1 }] }) },
    );
    expect(orderRows(r)[1]).toEqual([3, 0, Cancelled, EndReason.Limit]);
    expect(limitRows(r)).toEqual([[2, 1, 0, 1, 3, 0, LimitRule.KillSwitch]]);
  });

  it('daily loss limit: flat for the rest of that UTC day, trading again the next day', () => {
    // Six-hour bars, four a day: A drops 10 % at bar 2 (day 1); the 5 % limit trips there.
    const six = timelineOf({ A: bars([100, 100, 90, 90, 90, 90, 90, 90]) });
    for (let t = 0; t < 8; t++) six.time[t] = six.time[0] + t * 6 * MS_PER_HOUR;
    const r = runLab(six, { limits: { dailyLossLimit: 0.05 } }, { strategy: scripted({ 0: [buy(0, 100)], 3: [buy(0, 10)], 4: [buy(0, 10)] }) });
    expect(Array.from(r.limitEvents.bar)).toEqual([2]);
    expect(Array.from(r.limitEvents.rule)).toEqual([LimitRule.DailyLoss]);
    expect(Array.from(r.limitEvents.nav)).toEqual([9000]);
    expect(r.trades.exitReason[0]).toBe(Reason.DailyLoss);
    expect(limitRows(r)).toEqual([[3, 1, 0, 1, 10, 0, LimitRule.DailyLoss]]);
    expect(Array.from(r.positions)).toEqual([0, 100, 0, 0, 0, 10, 10, 10]);
    expect(six.time[4] - six.time[0]).toBe(MS_PER_DAY);
  });
});

describe('universe12: xmom with a 20 % drawdown kill switch', () => {
  it('trips once, flattens the book at the trip bar, and stays flat', () => {
    const tl = universe12Timeline();
    const config: LabConfigInput = { cash: 1_000_000, allowShort: true, commission: { relative: 0.0005 } };
    const free = runLab(tl, config, { strategy: new LabXmom({}) });
    const r = runLab(tl, { ...config, limits: { killSwitch: { drawdown: 0.2, action: 'flatten' } } }, { strategy: new LabXmom({}) });
    expect(r.limitEvents.count).toBe(1);
    const trip = r.limitEvents.bar[0];
    // The first bar whose NAV is 20 % below the running peak, in the run without the switch.
    let peak = 1_000_000;
    let first = -1;
    for (let t = 0; t < free.nav.length && first < 0; t++) {
      if (free.nav[t] > peak) peak = free.nav[t];
      if (free.nav[t] <= peak * 0.8) first = t;
    }
    expect(trip).toBe(first);
    expect(r.limitEvents.nav[0]).toBe(free.nav[trip]);
    const T = tl.time.length;
    const held = (t: number) => tl.instruments.some((_, k) => r.positions[k * T + t] !== 0);
    expect(held(trip - 1)).toBe(true);
    for (let t = trip; t < T; t++) expect(held(t)).toBe(false);
    for (let t = trip + 1; t < T; t++) expect(r.nav[t]).toBe(r.nav[trip]);
    // Every later rebalance order is refused with the rule.
    expect(r.limitOrders.count).toBeGreaterThan(0);
    expect(new Set(r.limitOrders.rule)).toEqual(new Set([LimitRule.KillSwitch]));
    expect(Math.min(...r.limitOrders.bar)).toBeGreaterThanOrEqual(trip);
  });
});
