/**
 * A universe run for the gallery, computed in the page from the sample universe: every 21 bars from bar 273 on,
 * long the 4 best 12-1 momentum names (25 % of NAV each) and short the 4 worst (12.5 % each), 10 bps of costs on
 * traded value, positions drifting between rebalances. Only to feed the universe result views with plausible data;
 * the engine's own xmom is elsewhere.
 */
import { simulateSampleUniverse } from '../../../src/core/sample';
import type { AttributionRow, UniverseResultViews } from '../../../src/ui/universe/result-types';

const CASH = 100_000;
const COST = 0.001;

export function universeDemo(): UniverseResultViews {
  const sim = simulateSampleUniverse();
  const names = sim.members.map((m) => m.id);
  const close = sim.members.map((m) => m.bars.close);
  const time = sim.members[0].bars.timestamp;
  const n = time.length;
  const k = names.length;
  const shares = new Float64Array(k);
  const weights = names.map(() => new Float64Array(n));
  const nav = new Float64Array(n);
  const benchmark = new Float64Array(n);
  const pnl = new Float64Array(k);
  const costs = new Float64Array(k);
  const traded = new Float64Array(k);
  const fills = new Float64Array(k);
  let cash = CASH;
  let navSum = 0;
  for (let t = 0; t < n; t++) {
    if (t > 0) for (let i = 0; i < k; i++) pnl[i] += shares[i] * (close[i][t] - close[i][t - 1]);
    let value = cash;
    for (let i = 0; i < k; i++) value += shares[i] * close[i][t];
    if (t >= 273 && (t - 273) % 21 === 0) {
      const ranked = names.map((_, i) => i).sort((a, b) => momentum(close[b], t) - momentum(close[a], t) || a - b);
      const target = new Float64Array(k);
      for (const i of ranked.slice(0, 4)) target[i] = 0.25;
      for (const i of ranked.slice(-4)) target[i] = -0.125;
      for (let i = 0; i < k; i++) {
        const delta = target[i] * value - shares[i] * close[i][t];
        if (Math.abs(delta) < 1e-9) continue;
        shares[i] += delta / close[i][t];
        cash -= delta + Math.abs(delta) * COST;
        costs[i] += Math.abs(delta) * COST;
        pnl[i] -= Math.abs(delta) * COST;
        traded[i] += Math.abs(delta);
        fills[i] += 1;
      }
      value = cash;
      for (let i = 0; i < k; i++) value += shares[i] * close[i][t];
    }
    nav[t] = value;
    navSum += value;
    for (let i = 0; i < k; i++) weights[i][t] = (shares[i] * close[i][t]) / value;
    let held = 0;
    for (let i = 0; i < k; i++) held += (CASH / k) * (close[i][t] / close[i][0]);
    benchmark[t] = held;
  }
  const average = navSum / n;
  const attribution: AttributionRow[] = names.map((instrument, i) => ({
    instrument,
    pnl: pnl[i],
    contribution: pnl[i] / CASH,
    turnover: traded[i] / average,
    costs: costs[i],
    fills: fills[i],
  }));
  return { weights: { time, instruments: names, weights }, nav: { time, nav, benchmark }, attribution };
}

function momentum(c: Float64Array, t: number): number {
  return Math.log(c[t - 21] / c[t - 273]);
}
