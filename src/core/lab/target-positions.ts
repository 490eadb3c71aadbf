import { EngineConfigError } from './errors';
import { rebalanceDeltas } from './sizing';
import type { LabBarContext } from './strategy';

/**
 * Target positions: a strategy states the weight it wants in each instrument (signed fractions of NAV) and this
 * layer turns them into orders at a rebalance, the seeds' `on_data → TargetPositions`. The rules (docs/engine.md
 * "Target positions"), the same in the AssemblyScript twin engine-wasm/assembly/lab/strategies/targets.ts:
 *
 * 1. The layer's own orders still working from its previous rebalance are cancelled: a new target supersedes them.
 * 2. target_k = toward-zero whole lots of (w_k × NAV) / (lastClose_k × lotSize_k) and delta_k = target_k − held_k
 *    (`rebalanceDeltas`, the engine's own rebalance rule: NAV and closes at this bar's close). A NaN weight, or an
 *    instrument without a close yet, is left alone.
 * 3. A drift trade is skipped when it only resizes a position that stays on the same side and its value,
 *    |delta| × lotSize × lastClose, is below `minTrade` × NAV. Opening, closing and flipping always trade, so a
 *    position is never left open by the threshold.
 * 4. Market orders by quantity (whole lots), decided at this bar's close: first those that reduce or flip a position
 *    (they free cash and margin), then those that open or add, each group in instrument order.
 *
 * Nothing is allocated per rebalance. Held lots are read back from `ctx.position` (units) exactly: a position is a
 * whole number of lots, so units / lotSize rounds to it.
 */
export class TargetPositions {
  /** Target weight per instrument; the strategy writes it before `apply` (NaN: leave the instrument alone). */
  readonly weights: Float64Array;
  readonly minTrade: number;
  private readonly prices: Float64Array;
  private readonly lots: Float64Array;
  private readonly held: Float64Array;
  private readonly deltas: Float64Array;
  private readonly working: Int32Array;
  private workingCount = 0;

  constructor(instruments: number, minTrade = 0) {
    if (typeof minTrade !== 'number' || !(minTrade >= 0 && minTrade < 1)) {
      throw new EngineConfigError(`target positions: min_trade must be a fraction of NAV in [0, 1), got ${String(minTrade)}`);
    }
    this.minTrade = minTrade;
    this.weights = new Float64Array(instruments);
    this.prices = new Float64Array(instruments);
    this.lots = new Float64Array(instruments);
    this.held = new Float64Array(instruments);
    this.deltas = new Float64Array(instruments);
    this.working = new Int32Array(instruments);
  }

  /** Trades toward `weights` at this bar's close; returns the number of orders submitted. */
  apply(ctx: LabBarContext): number {
    const K = this.weights.length;
    ctx.targetsStated?.(this.weights);
    for (let i = 0; i < this.workingCount; i++) ctx.cancel(this.working[i]);
    this.workingCount = 0;
    for (let k = 0; k < K; k++) {
      const lot = ctx.lotSize(k);
      this.lots[k] = lot;
      this.prices[k] = ctx.data.lastClose(k);
      this.held[k] = Math.round(ctx.position(k) / lot);
    }
    const nav = ctx.nav();
    rebalanceDeltas(nav, this.weights, 0, this.prices, this.lots, this.held, this.deltas);
    const floor = this.minTrade * nav;
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < K; k++) {
        const d = this.deltas[k];
        if (d === 0) continue;
        const h = this.held[k];
        const reduces = d * h < 0;
        if ((pass === 0) !== reduces) continue;
        const size = d > 0 ? d : -d;
        const target = h + d;
        // A resize that keeps the side (not an open, a close or a flip) below the threshold is skipped.
        if (h * target > 0 && size * this.lots[k] * this.prices[k] < floor) continue;
        this.working[this.workingCount++] = ctx.submit({ instrument: k, side: d > 0 ? 'buy' : 'sell', quantity: size * this.lots[k] });
      }
    }
    return this.workingCount;
  }
}
