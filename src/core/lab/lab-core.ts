import type { OrderFields } from './order-book';

/**
 * The seam between the run loop (run.ts `driveLab`, the strategy's `BarContext`) and an implementation of the
 * engine's per-bar phases. `LabEngine` (engine.ts) is the TypeScript reference; the WASM facade
 * (src/engine/lab.ts) implements the same interface over engine-wasm/assembly/lab, so one driver, one
 * context and one strategy run unchanged against either, and their results can be compared byte for byte.
 *
 * Phases, in the order the driver calls them for bar t (docs/engine.md "The bar loop"): `submitArrival` (due
 * scheduled entries), `openPhase`, `endOfBar`, then, unless `halted`, the strategy's decisions (`submitDecision`,
 * `cancel`) and a due `rebalance`, then `closeAuction` and `finishBar`.
 */
export interface LabCore {
  /** True once the account went bankrupt: no further trading. */
  readonly halted: boolean;
  /** NAV at the current bar's close before the close auction (what decisions see). */
  readonly navNow: number;

  submitArrival(f: OrderFields, t: number): number;
  submitDecision(f: OrderFields, t: number): number;
  cancel(id: number, t: number): void;
  /** Target weights `weights[offset + k]` decided at bar t's close. */
  rebalance(weights: Float64Array, offset: number, t: number): void;
  openPhase(t: number): void;
  endOfBar(t: number): void;
  closeAuction(t: number): void;
  finishBar(t: number): void;

  /** Cash now. */
  accountCash(): number;
  /** Signed lots held of instrument k. */
  heldLots(k: number): number;
  /** Instrument k's last known close (NaN before its first bar). */
  markOf(k: number): number;
  /** Open trades of instrument k, or of all instruments when k is −1. */
  openTradeCount(k: number): number;
  /** Working orders of instrument k, or of all instruments when k is −1. */
  workingOrderCount(k: number): number;
}
