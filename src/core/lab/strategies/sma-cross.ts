import { EngineConfigError } from '../errors';
import type { LabBarContext, LabInitContext, Strategy } from '../strategy';
import { budgetParam, integerParam, resolvedWeight, weightParam } from './params';

export interface LabSmaCrossParams {
  /** Fast window, in the instrument's own bars (integer ≥ 1, < slow). */
  readonly fast: number;
  /** Slow window (integer > fast). */
  readonly slow: number;
  /** Fraction of NAV per position, > 0; default 1/K (the whole account split evenly over the instruments). */
  readonly weight?: number;
  /** Instead of weight: fraction of NAV for all K instruments, each position gets budget / K. */
  readonly budget?: number;
}

/**
 * Built-in `sma-cross` of the lab profile, long/short on crossovers. The TypeScript twin of
 * engine-wasm/assembly/lab/strategies/sma-cross.ts: both compute the same bits (rules in docs/engine.md).
 *
 * Per instrument, on each bar where it has one: fastSum and slowSum are running sums of its last `fast` and
 * `slow` closes (first the new close is added, then the close leaving the window is subtracted). From the
 * `slow`-th bar on, f = fastSum / fast and s = slowSum / slow. On the bar after that, and every later bar:
 * - f crosses above s (f_prev < s_prev and f > s): close a short (reduce-only market), and if not long, buy
 *   `weight` of NAV at market;
 * - f crosses below s (s_prev < f_prev and s > f): close a long, and if not short, sell `weight` of NAV short.
 * The weight order is sized when it executes (docs/engine.md "Sizes").
 */
export class LabSmaCross implements Strategy {
  readonly params: LabSmaCrossParams;
  private weight = NaN;
  private history = new Float64Array(0);
  private seen = new Int32Array(0);
  private fastSum = new Float64Array(0);
  private slowSum = new Float64Array(0);
  private prevFast = new Float64Array(0);
  private prevSlow = new Float64Array(0);

  constructor(params: LabSmaCrossParams) {
    const fast = integerParam('sma-cross', 'fast', params.fast, 1);
    const slow = integerParam('sma-cross', 'slow', params.slow, 2);
    if (!(fast < slow)) throw new EngineConfigError(`sma-cross: fast (${fast}) must be < slow (${slow})`);
    this.params = {
      fast,
      slow,
      ...(params.weight === undefined ? {} : { weight: weightParam('sma-cross', params.weight) }),
      ...(params.budget === undefined ? {} : { budget: budgetParam('sma-cross', params.weight, params.budget) }),
    };
  }

  /** Parameters as the engine module takes them: fast, slow, weight. */
  engineParams(instruments: number): number[] {
    return [this.params.fast, this.params.slow, resolvedWeight(this.params.weight, instruments, this.params.budget)];
  }

  initialize(ctx: LabInitContext): void {
    const K = ctx.instruments.length;
    this.weight = resolvedWeight(this.params.weight, K, this.params.budget);
    this.history = new Float64Array(K * this.params.slow);
    this.seen = new Int32Array(K);
    this.fastSum = new Float64Array(K);
    this.slowSum = new Float64Array(K);
    this.prevFast = new Float64Array(K).fill(NaN);
    this.prevSlow = new Float64Array(K).fill(NaN);
  }

  onBar(ctx: LabBarContext): void {
    const { fast, slow } = this.params;
    const K = this.seen.length;
    const history = this.history;
    for (let k = 0; k < K; k++) {
      if (!ctx.data.has(k)) continue;
      const c = ctx.data.close(k);
      const n = this.seen[k];
      const base = k * slow;
      let fs = this.fastSum[k] + c;
      if (n >= fast) fs = fs - history[base + ((n - fast) % slow)];
      let ss = this.slowSum[k] + c;
      if (n >= slow) ss = ss - history[base + (n % slow)];
      history[base + (n % slow)] = c;
      this.fastSum[k] = fs;
      this.slowSum[k] = ss;
      this.seen[k] = n + 1;
      if (n + 1 < slow) continue;
      const f = fs / fast;
      const s = ss / slow;
      const pf = this.prevFast[k];
      const ps = this.prevSlow[k];
      this.prevFast[k] = f;
      this.prevSlow[k] = s;
      if (pf !== pf) continue;
      if (pf < ps && f > s) {
        const held = ctx.position(k);
        if (held < 0) ctx.closePosition(k);
        if (held <= 0) ctx.submit({ instrument: k, side: 'buy', weight: this.weight });
      } else if (ps < pf && s > f) {
        const held = ctx.position(k);
        if (held > 0) ctx.closePosition(k);
        if (held >= 0) ctx.submit({ instrument: k, side: 'sell', weight: this.weight });
      }
    }
  }
}
