// What the host hands the engine for one run: the timeline (K×T instrument-major columns, as LabTimeline), the
// resolved configuration, lot sizes, and the numeric order sources. Buffers are allocated by `prepareInputs`,
// grown only when a larger run needs more (the stub runtime never frees), and written by the host in place.
import { FIELD_COUNT } from "./order-fields";

/** Layout of the configuration block (f64 each; codes and flags as numbers). */
export const C_CASH: i32 = 0;
export const C_COMMISSION_FIXED: i32 = 1;
export const C_COMMISSION_RELATIVE: i32 = 2;
export const C_SPREAD: i32 = 3;
export const C_SLIPPAGE_MODEL: i32 = 4;
export const C_SLIPPAGE_BPS: i32 = 5;
export const C_VOL_MULTIPLIER: i32 = 6;
export const C_VOL_WINDOW: i32 = 7;
export const C_FILL_TIMING: i32 = 8;
export const C_VOLUME_SHARE: i32 = 9;
export const C_VOLUME_REMAINDER: i32 = 10;
export const C_MARGIN_RATIO: i32 = 11;
export const C_ALLOW_SHORT: i32 = 12;
export const C_BRACKET_RULE: i32 = 13;
export const C_CLOSE_AT_END: i32 = 14;
export const C_SEED: i32 = 15;
/** Risk limits (NaN: not set): max position weight, max gross, max order value, max volume share, kill-switch
 * drawdown, its action (0 flatten, 1 reduce) and fraction, daily loss limit. */
export const C_MAX_POSITION_WEIGHT: i32 = 16;
export const C_MAX_GROSS: i32 = 17;
export const C_MAX_ORDER_VALUE: i32 = 18;
export const C_MAX_VOLUME_SHARE: i32 = 19;
export const C_KILL_DRAWDOWN: i32 = 20;
export const C_KILL_ACTION: i32 = 21;
export const C_KILL_FRACTION: i32 = 22;
export const C_DAILY_LOSS: i32 = 23;
export const CONFIG_COUNT: i32 = 24;

export const MAX_PARAMS: i32 = 16;

export let K: i32 = 0;
export let T: i32 = 0;
/** Scheduled entries and rebalances loaded for this run. */
export let S: i32 = 0;
export let R: i32 = 0;

export let time: StaticArray<f64> = new StaticArray<f64>(1);
export let open: StaticArray<f64> = new StaticArray<f64>(1);
export let high: StaticArray<f64> = new StaticArray<f64>(1);
export let low: StaticArray<f64> = new StaticArray<f64>(1);
export let close: StaticArray<f64> = new StaticArray<f64>(1);
export let volume: StaticArray<f64> = new StaticArray<f64>(1);
export let lotSize: StaticArray<f64> = new StaticArray<f64>(1);
export const config: StaticArray<f64> = new StaticArray<f64>(CONFIG_COUNT);
/** S timestamps (ascending) and S order rows of FIELD_COUNT f64. */
export let scheduleTime: StaticArray<f64> = new StaticArray<f64>(1);
export let scheduleRows: StaticArray<f64> = new StaticArray<f64>(1);
/** R timestamps (ascending) and R × K weights (NaN: leave the instrument alone). */
export let rebalanceTime: StaticArray<f64> = new StaticArray<f64>(1);
export let rebalanceWeights: StaticArray<f64> = new StaticArray<f64>(1);
/** Parameters of a built-in strategy (at least MAX_PARAMS; a target schedule needs more: prepareParams). */
export let params: StaticArray<f64> = new StaticArray<f64>(MAX_PARAMS);
/** One order row, for orders the host submits one at a time. */
export const fieldsBlock: StaticArray<f64> = new StaticArray<f64>(FIELD_COUNT);
/** K weights, for a rebalance the host submits itself. */
export let weightsBlock: StaticArray<f64> = new StaticArray<f64>(1);

function fit(a: StaticArray<f64>, n: i32): StaticArray<f64> {
  return n <= a.length ? a : new StaticArray<f64>(n);
}

/** Makes room for a run of K instruments × T bars with S scheduled entries and R rebalances. */
export function prepareInputs(k: i32, t: i32, s: i32, r: i32): void {
  K = k;
  T = t;
  S = s;
  R = r;
  const n = k * t;
  time = fit(time, t);
  open = fit(open, n);
  high = fit(high, n);
  low = fit(low, n);
  close = fit(close, n);
  volume = fit(volume, n);
  lotSize = fit(lotSize, k);
  scheduleTime = fit(scheduleTime, s);
  scheduleRows = fit(scheduleRows, s * FIELD_COUNT);
  rebalanceTime = fit(rebalanceTime, r);
  rebalanceWeights = fit(rebalanceWeights, r * k);
  weightsBlock = fit(weightsBlock, k);
}

/** Makes room for `n` strategy parameters (call before writing them; the buffer may move). */
export function prepareParams(n: i32): void {
  params = fit(params, n);
}

/** Input buffer `which` (see exports.ts). */
export function inputPtr(which: i32): usize {
  switch (which) {
    case 0: return changetype<usize>(time);
    case 1: return changetype<usize>(open);
    case 2: return changetype<usize>(high);
    case 3: return changetype<usize>(low);
    case 4: return changetype<usize>(close);
    case 5: return changetype<usize>(volume);
    case 6: return changetype<usize>(lotSize);
    case 7: return changetype<usize>(config);
    case 8: return changetype<usize>(scheduleTime);
    case 9: return changetype<usize>(scheduleRows);
    case 10: return changetype<usize>(rebalanceTime);
    case 11: return changetype<usize>(rebalanceWeights);
    case 12: return changetype<usize>(params);
    case 13: return changetype<usize>(fieldsBlock);
    case 14: return changetype<usize>(weightsBlock);
  }
  return 0;
}
