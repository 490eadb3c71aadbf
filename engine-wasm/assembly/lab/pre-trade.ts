// The risk limits of a run (src/core/lab/pre-trade.ts, rules there and in docs/engine.md "Limits"): the pre-trade
// check of each order (`limitAllowed`) and the post-trade trips (`limitPostTrade`), expression for expression.
import { KILL_FLATTEN, RULE_DAILY_LOSS, RULE_KILL_SWITCH, RULE_MAX_GROSS, RULE_MAX_ORDER_VALUE, RULE_MAX_POSITION_WEIGHT, RULE_MAX_VOLUME_SHARE, STATUS_WORKING } from "./codes";
import { atLeast } from "./growth";
import { lotSize } from "./inputs";
import { lots, markOf } from "./ledger";
import { limitEvents, limitLog } from "./limit-log";
import { book } from "./order-book";
import { wholeLots } from "./sizing";

export const STOP_ADDS: i32 = 1;
export const STOP_ALL: i32 = 2;
const MS_PER_DAY: f64 = 86400000;

// ---- resolved limits (NaN: not set) ----
export let limitsOn: bool = false;
let maxPositionWeight: f64 = NaN;
let maxGross: f64 = NaN;
let maxOrderValue: f64 = NaN;
let maxVolumeShare: f64 = NaN;
let killDrawdown: f64 = NaN;
export let killAction: i32 = 0;
export let killFraction: f64 = NaN;
let dailyLossLimit: f64 = NaN;

// ---- state ----
/** Rule that cut the last order checked, or −1. */
export let limitRule: i32 = -1;
let stopped: i32 = 0;
let blockedUntil: f64 = -Infinity;
let peak: f64 = 0;
let day: f64 = NaN;
let dayStart: f64 = NaN;
let projected: StaticArray<f64> = new StaticArray<f64>(1);
let instruments: i32 = 0;

export function limitsReset(
  K: i32, cash: f64, positionWeight: f64, gross: f64, orderValue: f64, volumeShare: f64, drawdown: f64, action: i32,
  fraction: f64, dailyLoss: f64,
): void {
  maxPositionWeight = positionWeight;
  maxGross = gross;
  maxOrderValue = orderValue;
  maxVolumeShare = volumeShare;
  killDrawdown = drawdown;
  killAction = action;
  killFraction = fraction;
  dailyLossLimit = dailyLoss;
  limitsOn = positionWeight == positionWeight || gross == gross || orderValue == orderValue || volumeShare == volumeShare ||
    drawdown == drawdown || dailyLoss == dailyLoss;
  limitRule = -1;
  stopped = 0;
  blockedUntil = -Infinity;
  peak = cash;
  day = NaN;
  dayStart = NaN;
  instruments = K;
  projected = atLeast<f64>(projected, K);
  limitLog.reset();
  limitEvents.reset();
}

@inline function capLots(x: f64): f64 {
  return x >= 0 ? wholeLots(x) : 0;
}

/** Lots of the order that pass the limits (the reference's RiskLimits.allowed); sets limitRule. */
export function limitAllowed(self: i32, time: f64, k: i32, side: i32, q: f64, reduceOnly: i32, price: f64, nav: f64, volume: f64): f64 {
  limitRule = -1;
  if (stopped == STOP_ALL) {
    limitRule = RULE_KILL_SWITCH;
    return 0;
  }
  if (time < blockedUntil) {
    limitRule = RULE_DAILY_LOSS;
    return 0;
  }
  if (q != q || reduceOnly == 1) return q;
  const p = projected;
  const K = instruments;
  for (let i = 0; i < K; i++) unchecked((p[i] = unchecked(lots[i])));
  const b = book;
  for (let j = 0; j < b.workingCount; j++) {
    const id = unchecked(b.working[j]);
    const r = unchecked(b.remaining[id]);
    if (id != self && unchecked(b.status[id]) == STATUS_WORKING && r == r) {
      const i = unchecked(b.instrument[id]);
      unchecked((p[i] = unchecked(p[i]) + <f64>unchecked(b.side[id]) * r));
    }
  }
  const h = unchecked(p[k]);
  const held = h < 0 ? -h : h;
  const s = <f64>side;
  const reduces = s * h < 0;
  if (reduces && q <= held) return q;
  if (stopped == STOP_ADDS) {
    limitRule = RULE_KILL_SWITCH;
    return reduces ? held : 0;
  }
  const lot = unchecked(lotSize[k]);
  let allowed = q;
  if (maxOrderValue == maxOrderValue) {
    const a = capLots(maxOrderValue / (price * lot));
    if (a < allowed) {
      allowed = a;
      limitRule = RULE_MAX_ORDER_VALUE;
    }
  }
  if (maxVolumeShare == maxVolumeShare) {
    const a = capLots((maxVolumeShare * volume) / lot);
    if (a < allowed) {
      allowed = a;
      limitRule = RULE_MAX_VOLUME_SHARE;
    }
  }
  if (maxPositionWeight == maxPositionWeight) {
    const a = capLots((maxPositionWeight * nav) / (price * lot)) - s * h;
    if (a < allowed) {
      allowed = a;
      limitRule = RULE_MAX_POSITION_WEIGHT;
    }
  }
  if (maxGross == maxGross) {
    let others: f64 = 0;
    for (let i = 0; i < K; i++) {
      const x = unchecked(p[i]);
      if (i == k || x == 0) continue;
      others += (x < 0 ? -x : x) * unchecked(lotSize[i]) * markOf(i);
    }
    const a = capLots((maxGross * nav - others) / (price * lot)) - s * h;
    if (a < allowed) {
      allowed = a;
      limitRule = RULE_MAX_GROSS;
    }
  }
  return allowed > 0 ? allowed : 0;
}

/** The post-trade limits at bar t's close (the reference's RiskLimits.postTrade): the rule that trips, or −1. */
export function limitPostTrade(t: i32, time: f64, navPrev: f64, nav: f64): i32 {
  const daily = dailyLossLimit == dailyLossLimit;
  let d: f64 = 0;
  if (daily) {
    d = Math.floor(time / MS_PER_DAY);
    if (d != day) {
      day = d;
      dayStart = navPrev;
    }
  }
  if (killDrawdown == killDrawdown && stopped == 0) {
    if (nav > peak) peak = nav;
    if (nav <= peak * (1 - killDrawdown)) {
      stopped = killAction == KILL_FLATTEN ? STOP_ALL : STOP_ADDS;
      limitEvents.add(t, RULE_KILL_SWITCH, nav);
      return RULE_KILL_SWITCH;
    }
  }
  if (daily && stopped != STOP_ALL && !(time < blockedUntil) && nav <= dayStart * (1 - dailyLossLimit)) {
    blockedUntil = (d + 1) * MS_PER_DAY;
    limitEvents.add(t, RULE_DAILY_LOSS, nav);
    return RULE_DAILY_LOSS;
  }
  return -1;
}
