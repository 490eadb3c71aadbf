import { EngineConfigError } from '../errors';
import type { LabBarContext, LabInitContext, Strategy } from '../strategy';
import { budgetParam, integerParam, numberParam, resolvedWeight, weightParam } from './params';

export interface LabMeanReversionParams {
  /** z-score window, in the instrument's own bars (integer ≥ 2). */
  readonly window: number;
  /** Entry threshold in standard deviations, > 0 (default 2). The registry spells it entry_z. */
  readonly entryZ?: number;
  /** Exit threshold, in [0, entryZ) (default 0.5). The registry spells it exit_z. */
  readonly exitZ?: number;
  /** Fraction of NAV per position, > 0; default 1/K. */
  readonly weight?: number;
  /** Instead of weight: fraction of NAV for all K instruments, each position gets budget / K. */
  readonly budget?: number;
}

/**
 * Built-in `mean-reversion` of the lab profile. The TypeScript twin of
 * engine-wasm/assembly/lab/strategies/mean-reversion.ts (rules in docs/engine.md).
 *
 * Per instrument, on each bar where it has one, once it has `window` closes: mean and sample standard deviation
 * (n − 1) of its last `window` closes, summed oldest to newest (mean first, then squared deviations);
 * z = (close − mean) / sd, no signal when sd is 0.
 * - flat: buy `weight` of NAV when z < −entryZ, sell it short when z > entryZ;
 * - long: close when z > −exitZ; short: close when z < exitZ.
 */
export class LabMeanReversion implements Strategy {
  readonly params: Required<Omit<LabMeanReversionParams, 'weight' | 'budget'>> & Pick<LabMeanReversionParams, 'weight' | 'budget'>;
  private weight = NaN;
  private history = new Float64Array(0);
  private seen = new Int32Array(0);

  constructor(params: LabMeanReversionParams) {
    const window = integerParam('mean-reversion', 'window', params.window, 2);
    const entryZ = params.entryZ === undefined ? 2 : numberParam('mean-reversion', 'entryZ', params.entryZ, 0, true);
    const exitZ = params.exitZ === undefined ? 0.5 : numberParam('mean-reversion', 'exitZ', params.exitZ, 0, false);
    if (!(exitZ < entryZ)) throw new EngineConfigError(`mean-reversion: exitZ (${exitZ}) must be < entryZ (${entryZ})`);
    this.params = {
      window,
      entryZ,
      exitZ,
      ...(params.weight === undefined ? {} : { weight: weightParam('mean-reversion', params.weight) }),
      ...(params.budget === undefined ? {} : { budget: budgetParam('mean-reversion', params.weight, params.budget) }),
    };
  }

  /** Parameters as the engine module takes them: window, entryZ, exitZ, weight. */
  engineParams(instruments: number): number[] {
    const p = this.params;
    return [p.window, p.entryZ, p.exitZ, resolvedWeight(p.weight, instruments, p.budget)];
  }

  initialize(ctx: LabInitContext): void {
    const K = ctx.instruments.length;
    this.weight = resolvedWeight(this.params.weight, K, this.params.budget);
    this.history = new Float64Array(K * this.params.window);
    this.seen = new Int32Array(K);
  }

  onBar(ctx: LabBarContext): void {
    const { window: W, entryZ, exitZ } = this.params;
    const K = this.seen.length;
    const history = this.history;
    for (let k = 0; k < K; k++) {
      if (!ctx.data.has(k)) continue;
      const c = ctx.data.close(k);
      const base = k * W;
      const n = this.seen[k] + 1;
      history[base + ((n - 1) % W)] = c;
      this.seen[k] = n;
      if (n < W) continue;
      // The oldest of the last W closes sits at n % W.
      let sum = 0;
      for (let j = 0; j < W; j++) sum += history[base + ((n + j) % W)];
      const mean = sum / W;
      let ss = 0;
      for (let j = 0; j < W; j++) {
        const d = history[base + ((n + j) % W)] - mean;
        ss += d * d;
      }
      const sd = Math.sqrt(ss / (W - 1));
      if (!(sd > 0)) continue;
      const z = (c - mean) / sd;
      const held = ctx.position(k);
      if (held === 0) {
        if (z < -entryZ) ctx.submit({ instrument: k, side: 'buy', weight: this.weight });
        else if (z > entryZ) ctx.submit({ instrument: k, side: 'sell', weight: this.weight });
      } else if ((held > 0 && z > -exitZ) || (held < 0 && z < exitZ)) {
        ctx.closePosition(k);
      }
    }
  }
}
