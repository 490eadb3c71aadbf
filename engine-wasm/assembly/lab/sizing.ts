// Quantities in whole lots (src/core/lab/sizing.ts): rounding toward zero with a 1e-9 lot tolerance.
import { MS_PER_DAY } from "../time";

export const LOT_EPSILON: f64 = 1e-9;

export function wholeLots(x: f64): f64 {
  return Math.floor(x + LOT_EPSILON);
}

export function wholeLotsSigned(x: f64): f64 {
  return x >= 0 ? Math.floor(x + LOT_EPSILON) : -Math.floor(-x + LOT_EPSILON);
}

export function lotsFromUnits(units: f64, lot: f64): f64 {
  return wholeLots(units / lot);
}

/** End of the UTC calendar day containing `ms` (the expiry of a day order). */
export function utcDayEnd(ms: f64): f64 {
  return (Math.floor(ms / MS_PER_DAY) + 1) * MS_PER_DAY;
}
