import type { LabBarContext, LabInitContext, Strategy } from '../strategy';
import { budgetParam, integerParam, numberParam, resolvedWeight, weightParam } from './params';

export interface LabMomentumParams {
  /** Rate-of-change lookback, in the instrument's own bars (integer ≥ 1). */
  readonly lookback: number;
  /** Dead band around zero, ≥ 0 (default 0). */
  readonly threshold?: number;
  /** Fraction of NAV per position, > 0; default 1/K. */
  readonly weight?: number;
  /** Instead of weight: fraction of NAV for all K instruments, each position gets budget / K. */
  readonly budget?: number;
}

/**
 * Built-in `momentum` of the lab profile. The TypeScript twin of engine-wasm/assembly/lab/strategies/momentum.ts
 * (rules in docs/engine.md).
 *
 * Per instrument, on each bar where it has one: r = close / close(`lookback` of its bars earlier) − 1.
 * - r > threshold and not long: close a short, then buy `weight` of NAV;
 * - r < −threshold and not short: close a long, then sell `weight` of NAV short;
 * - otherwise hold.
 */
export class LabMomentum implements Strategy {
  readonly params: Required<Omit<LabMomentumParams, 'weight' | 'budget'>> & Pick<LabMomentumParams, 'weight' | 'budget'>;
  private weight = NaN;
  private history = new Float64Array(0);
  private seen = new Int32Array(0);

  constructor(params: LabMomentumParams) {
    const lookback = integerParam('momentum', 'lookback', params.lookback, 1);
    const threshold = params.threshold === undefined ? 0 : numberParam('momentum', 'threshold', params.threshold, 0, false);
    this.params = {
      lookback,
      threshold,
      ...(params.weight === undefined ? {} : { weight: weightParam('momentum', params.weight) }),
      ...(params.budget === undefined ? {} : { budget: budgetParam('momentum', params.weight, params.budget) }),
    };
  }

  /** Parameters as the engine module takes them: lookback, threshold, weight. */
  engineParams(instruments: number): number[] {
    return [this.params.lookback, this.params.threshold, resolvedWeight(this.params.weight, instruments, this.params.budget)];
  }

  initialize(ctx: LabInitContext): void {
    const K = ctx.instruments.length;
    this.weight = resolvedWeight(this.params.weight, K, this.params.budget);
    this.history = new Float64Array(K * this.params.lookback);
    this.seen = new Int32Array(K);
  }

  onBar(ctx: LabBarContext): void {
    const L = this.params.lookback;
    const threshold = this.params.threshold;
    const K = this.seen.length;
    for (let k = 0; k < K; k++) {
      if (!ctx.data.has(k)) continue;
      const c = ctx.data.close(k);
      const n = this.seen[k];
      const slot = k * L + (n % L);
      const r = n >= L ? c / this.history[slot] - 1 : NaN;
      this.history[slot] = c;
      this.seen[k] = n + 1;
      if (r !== r) continue;
      const held = ctx.position(k);
      if (r > threshold && held <= 0) {
        if (held < 0) ctx.closePosition(k);
        ctx.submit({ instrument: k, side: 'buy', weight: this.weight });
      } else if (r < -threshold && held >= 0) {
        if (held > 0) ctx.closePosition(k);
        ctx.submit({ instrument: k, side: 'sell', weight: this.weight });
      }
    }
  }
}
