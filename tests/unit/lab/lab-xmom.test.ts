/**
 * xmom on universe12 against the worked momentum case of ../shared/guide/portfolio-visible.json
 * (`momentum_12_1_2019-02-25`, pandas 1.5.3: Close[t−21]/Close[t−252] − 1 at bar 300, ranks with method 'first'):
 * the instruments xmom holds after its decision at bar 300 are exactly the case's top 3 and bottom 3, sized to the
 * documented weights.
 */
import { describe, expect, it } from 'vitest';
import { EngineConfigError, LabXmom, rebalancePeriod, runLab, wholeLots } from '../../../src/core/lab';
import { portfolioCase } from '../../helpers/portfolio-oracle';
import { UNIVERSE12 } from '../../helpers/universe12';
import { universe12Timeline } from '../../helpers/universe12-timeline';

interface MomentumCase {
  bar: number;
  top3: string[];
  bottom3: string[];
}

const tl = universe12Timeline();
const T = tl.time.length;

/** Bars at which a strategy submitted orders. */
function decisionBars(r: ReturnType<typeof runLab>): number[] {
  return [...new Set(r.orders.submittedBar)].sort((a, b) => a - b);
}

describe('xmom: cross-sectional momentum on universe12', () => {
  it('holds the worked case top 3 long and bottom 3 short after its decision at 2019-02-25 (bar 300)', () => {
    const want = portfolioCase<MomentumCase>('momentum_12_1_2019-02-25').values;
    // Rebalance every bar, no drift threshold: the positions after bar 301's open are bar 300's targets.
    const xmom = new LabXmom({ lookback: 252, skip: 21, rebalance: 3, topK: 3, bottomK: 3, minTrade: 0 });
    const r = runLab(tl, { cash: 1_000_000, allowShort: true }, { strategy: xmom });
    const held = (name: string): number => r.positions[UNIVERSE12.indexOf(name as (typeof UNIVERSE12)[number]) * T + want.bar + 1];
    const longs = UNIVERSE12.filter((n) => held(n) > 0);
    const shorts = UNIVERSE12.filter((n) => held(n) < 0);
    expect(longs.sort()).toEqual([...want.top3].sort());
    expect(shorts.sort()).toEqual([...want.bottom3].sort());
    // Each leg gets gross / 2 = 0.475 of NAV, split equally: lots = toward-zero (w × NAV) / close at bar 300.
    for (const name of [...want.top3, ...want.bottom3]) {
      const k = UNIVERSE12.indexOf(name as (typeof UNIVERSE12)[number]);
      const lots = wholeLots(((0.475 / 3) * r.nav[want.bar]) / tl.close[k * T + want.bar]);
      expect(held(name), name).toBe(want.top3.includes(name) ? lots : -lots);
    }
  });

  it('ranks nobody before lookback + 1 closes, and rebalances at the first bar of each month (or week)', () => {
    const monthly = runLab(tl, { allowShort: true }, { strategy: new LabXmom({ topK: 3, bottomK: 2 }) });
    const bars = decisionBars(monthly);
    expect(bars[0]).toBeGreaterThanOrEqual(252);
    const monthOf = (t: number): number => rebalancePeriod(1, tl.time[t], t);
    for (const t of bars) expect(monthOf(t), `bar ${t}`).not.toBe(monthOf(t - 1));
    const d = new Date(tl.time[bars[0]]);
    expect(d.getUTCDate()).toBeLessThanOrEqual(3);
    // About one rebalance a month from bar 252 to 1499 (≈ 57 months), each with at least one order.
    expect(bars.length).toBeGreaterThan(50);
    expect(bars.length).toBeLessThanOrEqual(60);

    const weekly = runLab(tl, {}, { strategy: new LabXmom({ lookback: 60, skip: 5, rebalance: 2, topK: 4 }) });
    for (const t of decisionBars(weekly)) expect(new Date(tl.time[t]).getUTCDay(), `bar ${t}`).toBe(1);
  });

  it('weights by inverse volatility: the calmer of the longs gets the larger position value', () => {
    const equal = runLab(tl, { cash: 1_000_000 }, { strategy: new LabXmom({ rebalance: 3, topK: 3, minTrade: 0 }) });
    const inverse = runLab(tl, { cash: 1_000_000 }, { strategy: new LabXmom({ rebalance: 3, topK: 3, minTrade: 0, weighting: 1, volWindow: 63 }) });
    const t = 301;
    const value = (r: typeof equal, k: number): number => r.positions[k * T + t] * tl.close[k * T + t - 1];
    const longs = UNIVERSE12.map((_, k) => k).filter((k) => equal.positions[k * T + t] > 0);
    expect(longs).toEqual(UNIVERSE12.map((_, k) => k).filter((k) => inverse.positions[k * T + t] > 0));
    const values = longs.map((k) => value(equal, k));
    expect(Math.max(...values) - Math.min(...values)).toBeLessThan(Math.max(...longs.map((k) => tl.close[k * T + t - 1])));
    const invValues = longs.map((k) => value(inverse, k));
    expect(Math.max(...invValues) / Math.min(...invValues)).toBeGreaterThan(1.2);
  });

  it('drops an instrument that stopped trading at the next rebalance', () => {
    const cut = universe12Timeline();
    const k = 3; // TEC4, top of the momentum ranks in 2019
    for (let t = 320; t < T; t++) {
      for (const col of [cut.open, cut.high, cut.low, cut.close]) col[k * T + t] = NaN;
    }
    const r = runLab(cut, {}, { strategy: new LabXmom({ topK: 3 }) });
    expect(r.positions[k * T + 310]).toBeGreaterThan(0);
    // Its sell order waits for a bar that never comes; it is never bought again.
    const buys = Array.from({ length: r.orders.count }, (_, i) => i).filter((i) => r.orders.instrument[i] === k && r.orders.side[i] > 0);
    expect(Math.max(...buys.map((i) => r.orders.submittedBar[i]))).toBeLessThan(320);
    const sells = Array.from({ length: r.orders.count }, (_, i) => i).filter((i) => r.orders.instrument[i] === k && r.orders.side[i] < 0);
    expect(sells.some((i) => r.orders.submittedBar[i] > 320)).toBe(true);
  });

  it('validates its parameters', () => {
    expect(() => new LabXmom({ lookback: 21, skip: 21 })).toThrow(/skip \(21\) must be < lookback/);
    expect(() => new LabXmom({ rebalance: 4 })).toThrow(/rebalance must be 1 \(monthly\), 2 \(weekly\) or 3/);
    expect(() => new LabXmom({ weighting: 2 })).toThrow(EngineConfigError);
    expect(() => new LabXmom({ topK: 0 })).toThrow(/topK/);
    expect(() => new LabXmom({ gross: 0 })).toThrow(/gross/);
    expect(() => new LabXmom({ minTrade: 1 })).toThrow(/minTrade/);
  });
});
