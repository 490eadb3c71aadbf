// AssemblyScript has no exceptions the host can catch, so a run that the TypeScript reference would abort with a
// throw records the first error here (a code and up to three numbers for the message) and unwinds by checks.
// runCompat returns the negated code; src/engine/compat.ts turns it into the reference's exact error.

export const ERR_BAD_ARGUMENTS: i32 = 1;
export const ERR_UNKNOWN_STRATEGY: i32 = 2;
export const ERR_BAD_PARAMS: i32 = 3;
/** `long orders require SL (a) < LIMIT (b) < TP (c)` */
export const ERR_LONG_BOUNDS: i32 = 10;
/** `short orders require TP (a) < LIMIT (b) < SL (c)` */
export const ERR_SHORT_BOUNDS: i32 = 11;
/** `order size must be non-zero, got a` */
export const ERR_ORDER_SIZE: i32 = 12;
/** `bracket price must be in (0, inf), got a` */
export const ERR_BRACKET_PRICE: i32 = 13;
/** `portion must be in (0, 1], got a` */
export const ERR_PORTION: i32 = 14;
/** `float floor division by zero` */
export const ERR_FLOOR_DIV_ZERO: i32 = 15;
/** `size must be a fraction in (0, 1) or a whole number of units >= 1, got a` */
export const ERR_ORDER_REQUEST_SIZE: i32 = 16;
/** Internal invariants (the reference throws plain Errors): `order is not pending`, `trade is not open`. */
export const ERR_ORDER_NOT_PENDING: i32 = 20;
export const ERR_TRADE_NOT_OPEN: i32 = 21;

export let errorCode: i32 = 0;
export let errorA: f64 = NaN;
export let errorB: f64 = NaN;
export let errorC: f64 = NaN;

export function clearError(): void {
  errorCode = 0;
  errorA = NaN;
  errorB = NaN;
  errorC = NaN;
}

/** Record an error; the first one wins, as a throw would. */
export function fail(code: i32, a: f64 = NaN, b: f64 = NaN, c: f64 = NaN): void {
  if (errorCode != 0) return;
  errorCode = code;
  errorA = a;
  errorB = b;
  errorC = c;
}

@inline export function failed(): bool {
  return errorCode != 0;
}
