// The bar loop of runLab (src/core/lab/run.ts `driveLab`) for numeric sources: scheduled entries, rebalances
// and a built-in strategy, all inside the module. A host with a JavaScript strategy drives the same phases itself
// through the step exports instead (exports.ts).
import { closeAuction, endOfBar, engineReset, finishBar, halted, openPhase, rebalance, submitArrival } from "./engine";
import { K, R, S, T, rebalanceTime, rebalanceWeights, scheduleRows, scheduleTime, time } from "./inputs";
import { FIELD_COUNT, OrderFields } from "./order-fields";
import { strategyInit, strategyOnBar } from "./strategies";

export const ERR_STRATEGY: i32 = 1;
export const ERR_ARGUMENTS: i32 = 2;

let strategy: i32 = 0;
/** Next scheduled entry and next rebalance of the run (the loop may run in several calls). */
let nextEntry: i32 = 0;
let nextRebalance: i32 = 0;
/** Scheduled entries never submitted (their time is after the last bar). */
export let unscheduled: i32 = 0;
const arrival = new OrderFields();

/** Resets the engine for the loaded inputs and sets up built-in strategy `id` (0: none). 0, or −error. */
export function start(id: i32, nParams: i32): i32 {
  unscheduled = 0;
  if (K < 1 || T < 1 || S < 0 || R < 0) return -ERR_ARGUMENTS;
  engineReset();
  if (!strategyInit(id, nParams)) return -ERR_STRATEGY;
  strategy = id;
  nextEntry = 0;
  nextRebalance = 0;
  unscheduled = S;
  return 0;
}

/**
 * Bars [from, to) as runLab's loop; call after start(), over consecutive ranges from 0 to T. (A host runs a long
 * timeline in slices: the engine's state carries over, and an engine compiled lazily gets optimised code after
 * the first slices instead of finishing the whole run in its baseline code.)
 */
export function runBars(from: i32, to: i32): void {
  const id = strategy;
  let s = nextEntry;
  let r = nextRebalance;
  if (to > T) to = T;
  for (let t = from; t < to; t++) {
    const now = unchecked(time[t]);
    while (s < S && unchecked(scheduleTime[s]) <= now) {
      arrival.read(scheduleRows, s * FIELD_COUNT);
      submitArrival(arrival, t);
      s++;
    }
    openPhase(t);
    endOfBar(t);
    if (!halted) {
      if (id != 0) strategyOnBar(id, t);
      let due = -1;
      while (r < R && unchecked(rebalanceTime[r]) <= now) due = r++;
      if (due >= 0) rebalance(rebalanceWeights, due * K, t);
    }
    closeAuction(t);
    finishBar(t);
  }
  nextEntry = s;
  nextRebalance = r;
  unscheduled = S - s;
}
