// Built-in strategies of the lab profile, by id (the ids of src/core/lab/strategies/builtin.ts). A strategy is
// an init that validates its f64 parameters (params block of inputs.ts) and sets up per-instrument state, and an
// onBar(t) that runs at bar t's close, after the fills and before a due rebalance, exactly where runLab calls a
// strategy's onBar.
import { meanReversionInit, meanReversionOnBar } from "./mean-reversion";
import { momentumInit, momentumOnBar } from "./momentum";
import { pairsInit, pairsOnBar } from "./pairs";
import { scheduledTargetsInit, scheduledTargetsOnBar } from "./scheduled-targets";
import { smaCrossInit, smaCrossOnBar } from "./sma-cross";
import { xmomInit, xmomOnBar } from "./xmom";

export const LAB_NO_STRATEGY: i32 = 0;
export const LAB_SMA_CROSS: i32 = 1;
export const LAB_MOMENTUM: i32 = 2;
export const LAB_MEAN_REVERSION: i32 = 3;
export const LAB_XMOM: i32 = 4;
export const LAB_PAIRS: i32 = 5;
export const LAB_SCHEDULED_TARGETS: i32 = 6;

/** False when the id is unknown or the parameters are invalid. */
export function strategyInit(id: i32, nParams: i32): bool {
  switch (id) {
    case LAB_NO_STRATEGY: return true;
    case LAB_SMA_CROSS: return smaCrossInit(nParams);
    case LAB_MOMENTUM: return momentumInit(nParams);
    case LAB_MEAN_REVERSION: return meanReversionInit(nParams);
    case LAB_XMOM: return xmomInit(nParams);
    case LAB_PAIRS: return pairsInit(nParams);
    case LAB_SCHEDULED_TARGETS: return scheduledTargetsInit(nParams);
  }
  return false;
}

export function strategyOnBar(id: i32, t: i32): void {
  switch (id) {
    case LAB_SMA_CROSS: smaCrossOnBar(t); break;
    case LAB_MOMENTUM: momentumOnBar(t); break;
    case LAB_MEAN_REVERSION: meanReversionOnBar(t); break;
    case LAB_XMOM: xmomOnBar(t); break;
    case LAB_PAIRS: pairsOnBar(t); break;
    case LAB_SCHEDULED_TARGETS: scheduledTargetsOnBar(t); break;
  }
}
