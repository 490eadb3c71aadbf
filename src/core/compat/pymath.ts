/**
 * The few Python number semantics the broker depends on, spelled out so that sizes and prices come out
 * bit-identical to backtesting.py's (and so that an AssemblyScript port has one place to copy them from).
 */

/** math.copysign: |x| with the sign of y (signed zeros included). */
export function copysign(x: number, y: number): number {
  const ax = Math.abs(x);
  return y < 0 || (y === 0 && 1 / y < 0) ? -ax : ax;
}

/**
 * Python's float floor division `a // b` (CPython `float_floor_div`): fmod-based, then snapped to the nearest
 * integer, which is not always Math.floor(a / b) when a / b rounds up to an integer.
 */
export function floorDiv(a: number, b: number): number {
  if (b === 0) throw new RangeError('float floor division by zero');
  let mod = a % b; // JavaScript % on doubles is C fmod: exact
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) {
    // eslint-disable-next-line no-useless-assignment -- kept step for step as CPython's float_floor_div and the AssemblyScript twin
    mod += b;
    div -= 1.0;
  }
  if (div !== 0) {
    let floored = Math.floor(div);
    if (div - floored > 0.5) floored += 1.0;
    return floored;
  }
  return copysign(0.0, a / b);
}

/** Python's round(x) to an integer: ties go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Python truthiness of an optional price: None, NaN-as-None and 0 are all "not set" in backtesting.py
 * (`if order.limit:`), so the engine stores "not set" as NaN and treats 0 the same way.
 */
export function isSet(price: number): boolean {
  return price === price && price !== 0;
}

/** Normalise an optional price argument to the engine's "not set" marker (NaN). */
export function priceOrNaN(price: number | null | undefined): number {
  return price === undefined || price === null || price === 0 ? NaN : price;
}
