import { crossSectionalMomentum, type MomentumInput } from '../../features/momentum';
import { EngineConfigError } from '../errors';
import type { LabBarContext, LabInitContext, Strategy } from '../strategy';
import { TargetPositions } from '../target-positions';
import { integerParam, numberParam } from './params';
import { rebalancePeriod } from './rebalance-period';

/** Weighting codes of `xmom` (strategy parameters are numbers). */
export const XmomWeighting = { Equal: 0, InverseVolatility: 1 } as const;

export interface LabXmomParams {
  /** Bars back to the start price (default 252). */
  readonly lookback?: number;
  /** Most recent bars left out (default 21, < lookback). */
  readonly skip?: number;
  /** Rebalance calendar code: 1 monthly (default), 2 weekly, 3 every bar (rebalance-period.ts). */
  readonly rebalance?: number;
  /** Instruments held long: the top-k by momentum (default 3). */
  readonly topK?: number;
  /** Instruments held short: the bottom-k (default 0 = long only). */
  readonly bottomK?: number;
  /** 0 equal weights (default), 1 inverse volatility. */
  readonly weighting?: number;
  /** Returns in the volatility estimate of inverse-volatility weighting (default 63). */
  readonly volWindow?: number;
  /** Gross exposure as a fraction of NAV, split over the legs (default 0.95: room for costs). */
  readonly gross?: number;
  /** Drift trades smaller than this fraction of NAV are skipped (default 0.001; target-positions.ts). */
  readonly minTrade?: number;
}

/**
 * Built-in `xmom` of the lab profile: cross-sectional momentum over a universe. The TypeScript twin of
 * engine-wasm/assembly/lab/strategies/xmom.ts (rules in docs/engine.md and docs/strategies.md).
 *
 * Each instrument keeps its own closes (bars where it has one). At the close of the first bar of each rebalance
 * period, an instrument is eligible when it traded since the previous rebalance, has lookback + 1 closes (and,
 * for inverse volatility, volWindow + 1 closes and a volatility > 0). Momentum is close[n − 1 − skip] /
 * close[n − 1 − lookback] − 1 over its own closes (features/momentum.ts, the "12-1" definition); ranks are
 * descending, ties in universe order. Long the top-k, short the bottom-k (the longs are taken first when the
 * universe is small). The long leg gets gross (long only) or gross / 2 (with shorts), the short leg gross / 2,
 * split equally, or in proportion to 1/σ with σ the sample standard deviation of the last volWindow simple
 * returns. Everything else targets 0. Targets become orders through TargetPositions.
 */
export class LabXmom implements Strategy {
  readonly params: Required<LabXmomParams>;
  private names: readonly string[] = [];
  /** Closes needed per instrument, and each instrument's closes in a sliding buffer of 2 × that. */
  private need = 0;
  private hist = new Float64Array(0);
  private len = new Int32Array(0);
  private lastSeen = new Int32Array(0);
  private vol = new Float64Array(0);
  private targets = new TargetPositions(0);
  private period = NaN;
  private lastRebalance = -1;

  constructor(params: LabXmomParams = {}) {
    const lookback = integerParam('xmom', 'lookback', params.lookback ?? 252, 1);
    const skip = integerParam('xmom', 'skip', params.skip ?? 21, 0);
    if (!(skip < lookback)) throw new EngineConfigError(`xmom: skip (${skip}) must be < lookback (${lookback})`);
    const rebalance = integerParam('xmom', 'rebalance', params.rebalance ?? 1, 1);
    if (rebalance > 3) throw new EngineConfigError(`xmom: rebalance must be 1 (monthly), 2 (weekly) or 3 (every bar), got ${rebalance}`);
    const topK = integerParam('xmom', 'topK', params.topK ?? 3, 1);
    const bottomK = integerParam('xmom', 'bottomK', params.bottomK ?? 0, 0);
    const weighting = integerParam('xmom', 'weighting', params.weighting ?? 0, 0);
    if (weighting > 1) throw new EngineConfigError(`xmom: weighting must be 0 (equal) or 1 (inverse volatility), got ${weighting}`);
    const volWindow = integerParam('xmom', 'volWindow', params.volWindow ?? 63, 2);
    const gross = numberParam('xmom', 'gross', params.gross ?? 0.95, 0, true);
    const minTrade = numberParam('xmom', 'minTrade', params.minTrade ?? 0.001, 0, false);
    if (!(minTrade < 1)) throw new EngineConfigError(`xmom: minTrade must be < 1, got ${minTrade}`);
    this.params = { lookback, skip, rebalance, topK, bottomK, weighting, volWindow, gross, minTrade };
  }

  /** Parameters as the engine module takes them, in the order of the fields above. */
  engineParams(): number[] {
    const p = this.params;
    return [p.lookback, p.skip, p.rebalance, p.topK, p.bottomK, p.weighting, p.volWindow, p.gross, p.minTrade];
  }

  initialize(ctx: LabInitContext): void {
    const K = ctx.instruments.length;
    const p = this.params;
    this.names = ctx.instruments;
    this.need = (p.weighting === XmomWeighting.InverseVolatility && p.volWindow > p.lookback ? p.volWindow : p.lookback) + 1;
    this.hist = new Float64Array(K * 2 * this.need);
    this.len = new Int32Array(K);
    this.lastSeen = new Int32Array(K).fill(-1);
    this.vol = new Float64Array(K);
    this.targets = new TargetPositions(K, p.minTrade);
    this.period = NaN;
    this.lastRebalance = -1;
  }

  onBar(ctx: LabBarContext): void {
    const K = this.len.length;
    const W = this.need;
    const t = ctx.bar;
    for (let k = 0; k < K; k++) {
      if (!ctx.data.has(k)) continue;
      const base = k * 2 * W;
      let n = this.len[k];
      // Full: keep the newest W − 1 closes at the front (amortised O(1) per bar).
      if (n === 2 * W) {
        this.hist.copyWithin(base, base + n - (W - 1), base + n);
        n = W - 1;
      }
      this.hist[base + n] = ctx.data.close(k);
      this.len[k] = n + 1;
      this.lastSeen[k] = t;
    }
    const period = rebalancePeriod(this.params.rebalance, ctx.time, t);
    if (period === this.period) return;
    this.period = period;
    this.rebalance(ctx);
    this.lastRebalance = t;
  }

  /** Sample standard deviation of the last `v` simple returns of instrument k's closes (two passes, oldest first). */
  private volatility(k: number, v: number): number {
    const end = k * 2 * this.need + this.len[k];
    const h = this.hist;
    let sum = 0;
    for (let i = end - v; i < end; i++) sum += h[i] / h[i - 1] - 1;
    const mean = sum / v;
    let ss = 0;
    for (let i = end - v; i < end; i++) {
      const d = h[i] / h[i - 1] - 1 - mean;
      ss += d * d;
    }
    return Math.sqrt(ss / (v - 1));
  }

  private rebalance(ctx: LabBarContext): void {
    const { lookback, skip, topK, bottomK, weighting, volWindow, gross } = this.params;
    const K = this.len.length;
    const inverseVol = weighting === XmomWeighting.InverseVolatility;
    const inputs: MomentumInput[] = [];
    const index: number[] = [];
    for (let k = 0; k < K; k++) {
      const n = this.len[k];
      if (!(this.lastSeen[k] > this.lastRebalance) || n < lookback + 1) continue;
      if (inverseVol) {
        if (n < volWindow + 1) continue;
        const sd = this.volatility(k, volWindow);
        if (!(sd > 0)) continue;
        this.vol[k] = sd;
      }
      const base = k * 2 * this.need;
      inputs.push({ name: this.names[k], close: this.hist.subarray(base, base + n), at: n - 1 });
      index.push(k);
    }
    // Ranked order: order[r − 1] is the instrument of rank r.
    const order: number[] = [];
    crossSectionalMomentum(inputs, lookback, skip).forEach((e, i) => {
      if (e.rank !== null) order[e.rank - 1] = index[i];
    });
    const ranked = order.length;
    const longs = topK < ranked ? topK : ranked;
    const shorts = bottomK < ranked - longs ? bottomK : ranked - longs;
    const longBook = bottomK > 0 ? gross / 2 : gross;
    const shortBook = gross / 2;
    const w = this.targets.weights;
    w.fill(0);
    if (inverseVol) {
      let sumLong = 0;
      for (let r = 0; r < longs; r++) sumLong += 1 / this.vol[order[r]];
      for (let r = 0; r < longs; r++) w[order[r]] = (longBook * (1 / this.vol[order[r]])) / sumLong;
      let sumShort = 0;
      for (let j = 0; j < shorts; j++) sumShort += 1 / this.vol[order[ranked - 1 - j]];
      for (let j = 0; j < shorts; j++) w[order[ranked - 1 - j]] = -((shortBook * (1 / this.vol[order[ranked - 1 - j]])) / sumShort);
    } else {
      for (let r = 0; r < longs; r++) w[order[r]] = longBook / longs;
      for (let j = 0; j < shorts; j++) w[order[ranked - 1 - j]] = -(shortBook / shorts);
    }
    this.targets.apply(ctx);
  }
}
