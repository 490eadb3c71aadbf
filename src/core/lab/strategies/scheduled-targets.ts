import { EngineConfigError } from '../errors';
import type { LabBarContext, LabInitContext, Strategy } from '../strategy';
import { TargetPositions } from '../target-positions';
import { numberParam } from './params';

/**
 * A target schedule: the weights a portfolio layer decided before the run, and the bars from which each applies.
 * It is how portfolio construction (src/core/portfolio) reaches execution: the optimizer runs outside the hot
 * loop, at the rebalance bars, on data revealed up to them; the engine then trades toward each row at its bar.
 */
export interface LabScheduledTargetsParams {
  /** Timeline bar indices, strictly increasing: row j applies at the close of bars[j]. */
  readonly bars: readonly number[];
  /** Row-major, bars.length × K signed NAV weights; NaN leaves an instrument alone. */
  readonly weights: readonly number[] | Float64Array;
  /**
   * Drift rule: at a bar between scheduled rows, trade back to the current row when any
   * |realised weight − target| exceeds this fraction of NAV (0 = trade only at scheduled bars).
   */
  readonly drift?: number;
  /** Drift trades smaller than this fraction of NAV are skipped (target-positions.ts), default 0. */
  readonly minTrade?: number;
}

/**
 * Built-in `scheduled-targets`: trades toward a precomputed target schedule through TargetPositions, at the
 * scheduled bars and, with a drift threshold, whenever realised weights drift too far from the current row.
 * Realised weight of k = position_k × lastClose_k / NAV at this bar's close (NaN targets are not checked).
 */
export class LabScheduledTargets implements Strategy {
  readonly bars: Int32Array;
  readonly weights: Float64Array;
  readonly drift: number;
  readonly minTrade: number;
  private targets = new TargetPositions(0);
  private next = 0;
  private row = -1;

  constructor(params: LabScheduledTargetsParams) {
    const bars = params.bars;
    for (let j = 0; j < bars.length; j++) {
      const b = bars[j];
      if (!Number.isInteger(b) || b < 0 || (j > 0 && !(b > bars[j - 1]))) {
        throw new EngineConfigError(`scheduled-targets: bars must be strictly increasing bar indices ≥ 0, got ${String(b)} at ${j}`);
      }
    }
    this.bars = Int32Array.from(bars);
    this.weights = Float64Array.from(params.weights);
    this.drift = numberParam('scheduled-targets', 'drift', params.drift ?? 0, 0, false);
    this.minTrade = numberParam('scheduled-targets', 'minTrade', params.minTrade ?? 0, 0, false);
    if (!(this.minTrade < 1)) throw new EngineConfigError(`scheduled-targets: minTrade must be < 1, got ${this.minTrade}`);
  }

  /** Parameters as the engine module takes them: [drift, minTrade, J, bars…, weights…]. */
  engineParams(instruments: number): number[] {
    this.checkShape(instruments);
    return [this.drift, this.minTrade, this.bars.length, ...this.bars, ...this.weights];
  }

  private checkShape(instruments: number): void {
    if (this.weights.length !== this.bars.length * instruments) {
      throw new EngineConfigError(
        `scheduled-targets: weights must hold ${this.bars.length} rows × ${instruments} instruments = ${this.bars.length * instruments} numbers, got ${this.weights.length}`,
      );
    }
  }

  initialize(ctx: LabInitContext): void {
    const K = ctx.instruments.length;
    this.checkShape(K);
    this.targets = new TargetPositions(K, this.minTrade);
    this.next = 0;
    this.row = -1;
  }

  onBar(ctx: LabBarContext): void {
    const K = this.targets.weights.length;
    if (this.next < this.bars.length && this.bars[this.next] === ctx.bar) {
      this.row = this.next++;
      this.targets.weights.set(this.weights.subarray(this.row * K, this.row * K + K));
      this.targets.apply(ctx);
      return;
    }
    if (this.row < 0 || !(this.drift > 0)) return;
    const nav = ctx.nav();
    if (!(nav > 0)) return;
    const w = this.targets.weights;
    for (let k = 0; k < K; k++) {
      const target = w[k];
      if (Number.isNaN(target)) continue;
      const price = ctx.data.lastClose(k);
      if (Number.isNaN(price)) continue;
      const realised = (ctx.position(k) * price) / nav;
      const gap = realised - target;
      if (gap > this.drift || -gap > this.drift) {
        this.targets.apply(ctx);
        return;
      }
    }
  }
}
