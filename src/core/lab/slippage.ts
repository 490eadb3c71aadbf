import { Rng } from '../rng';
import { SlippageModel } from './codes';

/**
 * Slippage: an adverse fraction s ≥ 0 of the price, applied to marketable fills only (market orders, stops,
 * triggered stop-limits, limits marketable at the open, trade exits by stop or time); a buy pays
 * price × (1 + s), a sell receives price × (1 − s). Resting limits filled at their own level pay none.
 *
 * - 'none':       s = 0.
 * - 'fixed-bps':  s = bps / 10000.
 * - 'random':     s = (bps / 10000) × u, u = rng.nextFloat() ∈ [0, 1): one draw per marketable fill, in
 *                 execution order, from the run's xoshiro128** stream seeded with `config.seed`. No other
 *                 part of the engine draws from it. Always adverse (s ≥ 0).
 * - 'volatility': s = volMultiplier × σ, σ the sample standard deviation (n − 1) of the instrument's last
 *                 `window` close-to-close simple returns, c_t / c_prev − 1, over its own bars (missing bars
 *                 skipped), observed strictly before the fill's bar (fills at bar t use closes up to t − 1,
 *                 also in the close auction). Fewer than 2 returns: s = 0. The sum runs oldest to newest,
 *                 mean first, then squared deviations; only +, −, ×, / and sqrt, which are correctly rounded
 *                 in JS and WASM alike.
 */
export class Slippage {
  readonly model: number;
  readonly rng: Rng;
  /** RNG draws made so far (part of the run metadata). */
  draws = 0;
  private readonly fixed: number;
  private readonly volMultiplier: number;
  private readonly window: number;
  private readonly ring: Float64Array;
  private readonly head: Int32Array;
  private readonly filled: Int32Array;
  private readonly prevClose: Float64Array;

  constructor(model: number, bps: number, volMultiplier: number, window: number, seed: number, instruments: number) {
    this.model = model;
    this.rng = new Rng(seed);
    this.fixed = bps / 10000;
    this.volMultiplier = volMultiplier;
    this.window = window;
    const w = model === SlippageModel.Volatility ? window : 0;
    this.ring = new Float64Array(instruments * w);
    this.head = new Int32Array(instruments);
    this.filled = new Int32Array(instruments);
    this.prevClose = new Float64Array(instruments).fill(NaN);
  }

  /** The slippage fraction for one marketable fill of instrument k. */
  fraction(k: number): number {
    const m = this.model;
    if (m === SlippageModel.None) return 0;
    if (m === SlippageModel.FixedBps) return this.fixed;
    if (m === SlippageModel.Random) {
      this.draws++;
      return this.fixed * this.rng.nextFloat();
    }
    return this.volMultiplier * this.sigma(k);
  }

  /** Sample std of the ring's returns for instrument k, oldest first. */
  sigma(k: number): number {
    const n = this.filled[k];
    if (n < 2) return 0;
    const w = this.window;
    const base = k * w;
    const start = n < w ? 0 : this.head[k];
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.ring[base + ((start + i) % w)];
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = this.ring[base + ((start + i) % w)] - mean;
      ss += d * d;
    }
    return Math.sqrt(ss / (n - 1));
  }

  /** Records instrument k's close at the end of a bar where it has one. */
  observeClose(k: number, close: number): void {
    if (this.model !== SlippageModel.Volatility) return;
    const prev = this.prevClose[k];
    this.prevClose[k] = close;
    if (prev !== prev) return;
    const w = this.window;
    this.ring[k * w + this.head[k]] = close / prev - 1;
    this.head[k] = (this.head[k] + 1) % w;
    if (this.filled[k] < w) this.filled[k]++;
  }
}
