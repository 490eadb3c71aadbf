/** Exact powers of ten: every 10^k with k ≤ 22 is representable in a double. */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * Parses the decimal number in `text[start, end)`, ignoring surrounding spaces and tabs. Returns NaN when the
 * text is not a plain decimal (`[+-]digits[.digits][e[+-]digits]`, at least one digit; `.5` and `5.` allowed).
 * Words such as `NaN`, `Infinity`, hex and thousands separators are rejected.
 *
 * Correct rounding, matching DuckDB's (and JavaScript's) correctly rounded conversion: when the digits form
 * an integer m < 10^15 and there are at most 22 fraction digits, m / 10^k divides two exactly representable
 * doubles, and IEEE division rounds that exact quotient once (Clinger's fast path). Anything else — long
 * mantissas, exponents — is checked here and handed to Number(), which is correctly rounded.
 * No slicing or regular expression on the fast path, which is what keeps a million rows a second.
 */
export function parseDecimal(text: string, start: number, end: number): number {
  let c: number;
  while (start < end && ((c = text.charCodeAt(start)) === 32 || c === 9)) start++;
  while (end > start && ((c = text.charCodeAt(end - 1)) === 32 || c === 9)) end--;
  if (start === end) return NaN;

  let i = start;
  let negative = false;
  c = text.charCodeAt(i);
  if (c === 45 /* - */) {
    negative = true;
    i++;
  } else if (c === 43 /* + */) {
    i++;
  }

  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  while (i < end) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
    digits++;
    i++;
  }
  if (i < end && text.charCodeAt(i) === 46 /* . */) {
    i++;
    while (i < end) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      digits++;
      fractionDigits++;
      i++;
    }
  }
  if (digits === 0) return NaN;

  if (i < end) {
    c = text.charCodeAt(i);
    if (c !== 101 /* e */ && c !== 69 /* E */) return NaN;
    i++;
    if (i < end && ((c = text.charCodeAt(i)) === 43 || c === 45)) i++;
    const exponentStart = i;
    while (i < end) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      i++;
    }
    if (i === exponentStart || i !== end) return NaN;
    return Number(text.slice(start, end));
  }

  // 15 digits keep the mantissa below 2^53, so it was accumulated exactly.
  if (digits <= 15 && fractionDigits <= 22) {
    const value = fractionDigits === 0 ? mantissa : mantissa / POW10[fractionDigits];
    return negative ? -value : value;
  }
  return Number(text.slice(start, end));
}
