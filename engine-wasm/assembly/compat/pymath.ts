// Python number rules the broker depends on: the AssemblyScript twin of src/core/compat/pymath.ts. Each function
// performs the same IEEE operations in the same order as its TypeScript counterpart (`%` on f64 is an exact fmod
// in both), so results agree bit for bit.
import { fail, ERR_FLOOR_DIV_ZERO } from "./errors";

/** math.copysign: |x| with the sign of y (signed zeros included; a NaN y counts as positive, as in the TS twin). */
@inline export function copysign(x: f64, y: f64): f64 {
  const ax = Math.abs(x);
  return y < 0 || (y == 0 && 1.0 / y < 0) ? -ax : ax;
}

/** Python's float floor division `a // b` (CPython float_floor_div). Division by zero records an error. */
export function floorDiv(a: f64, b: f64): f64 {
  if (b == 0) {
    fail(ERR_FLOOR_DIV_ZERO, a, b, NaN);
    return NaN;
  }
  let mod = remainder(a, b);
  let div = (a - mod) / b;
  if (mod != 0 && (b < 0) != (mod < 0)) {
    mod += b;
    div -= 1.0;
  }
  if (div != 0) {
    let floored = Math.floor(div);
    if (div - floored > 0.5) floored += 1.0;
    return floored;
  }
  return copysign(0.0, a / b);
}

/** Veltkamp's splitter for f64: 2^27 + 1. */
const SPLITTER: f64 = 134217729;

/**
 * `a % b` (fmod, exact), computed from the quotient where that is cheaper than the bit-by-bit software fmod: for
 * 0 <= a < 2^50·b, b positive and normal. q = trunc(a / b) is the integer quotient or one more; q·b is taken
 * exactly as p + err (Dekker's product), and a - p (Sterbenz) and then - err are exact because the remainder
 * a - q·b is representable (|a - q·b| < b, in units of b's last place); one more b brings it back into [0, b) when
 * q was one too many. Every other case, and any result outside [0, b), is left to `%`.
 */
export function remainder(a: f64, b: f64): f64 {
  if (!(a >= 0 && b >= 1e-300 && b < Infinity && a < b * 1125899906842624)) return a % b;
  const q = Math.trunc(a / b);
  const p = q * b;
  const qc = SPLITTER * q;
  const qh = qc - (qc - q);
  const ql = q - qh;
  const bc = SPLITTER * b;
  const bh = bc - (bc - b);
  const bl = b - bh;
  const err = ((qh * bh - p) + qh * bl + ql * bh) + ql * bl;
  let r = (a - p) - err;
  if (r < 0) r += b;
  return r >= 0 && r < b ? r : a % b;
}

/** Python's round(x) to an integer: ties go to the even neighbour. */
export function roundHalfEven(x: f64): f64 {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 == 0 ? f : f + 1;
}

/** Python truthiness of an optional price: NaN ("not given") and 0 are both "not set". */
@inline export function isSet(price: f64): bool {
  return price == price && price != 0;
}

/** Normalise an optional price to the "not set" marker (NaN). */
@inline export function priceOrNaN(price: f64): f64 {
  return price == 0 ? NaN : price;
}
