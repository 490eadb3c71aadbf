import { isRangeStep, SWEEP_LIMITS, type ParamRange } from './spec';

/** Digits after the decimal point of a number as JavaScript prints it (1e-7 has 7, 2.5e-8 has 9). */
function decimalsOf(x: number): number {
  const text = String(Math.abs(x));
  const exp = /e-(\d+)$/.exec(text);
  if (exp) {
    const mantissa = text.slice(0, text.indexOf('e'));
    const dot = mantissa.indexOf('.');
    return Number(exp[1]) + (dot < 0 ? 0 : mantissa.length - dot - 1);
  }
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * The values of one parameter, in the order given (a list) or ascending (a range), or the reason there are none.
 *
 * A range yields from, from + step, … up to `to` (included when it falls on the step within 1e-9 of a step).
 * Each value is rounded to the decimals of `from` and `step`, so 0.1 steps give 0.3, never 0.30000000000000004:
 * the parameter a run records is the number the user typed.
 */
export function rangeValues(range: ParamRange): { values: number[] } | { problem: string } {
  if (!isRangeStep(range)) {
    if (range.length === 0) return { problem: 'no values' };
    const seen = new Set<number>();
    for (const v of range) {
      if (!Number.isFinite(v)) return { problem: `${v} is not a finite number` };
      if (seen.has(v)) return { problem: `${v} is listed twice` };
      seen.add(v);
    }
    if (range.length > SWEEP_LIMITS.valuesPerParam)
      return { problem: `${range.length} values; at most ${SWEEP_LIMITS.valuesPerParam.toLocaleString('en-US')}` };
    return { values: [...range] };
  }
  const { from, to, step } = range;
  for (const [name, v] of [
    ['from', from],
    ['to', to],
    ['step', step],
  ] as const) {
    if (!Number.isFinite(v)) return { problem: `${name} must be a finite number, got ${v}` };
  }
  if (!(step > 0)) return { problem: `step must be > 0, got ${step}` };
  if (to < from) return { problem: `to (${to}) is below from (${from})` };
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > SWEEP_LIMITS.valuesPerParam) {
    return { problem: `${count.toLocaleString('en-US')} values; at most ${SWEEP_LIMITS.valuesPerParam.toLocaleString('en-US')}` };
  }
  const digits = Math.min(15, Math.max(decimalsOf(from), decimalsOf(step)));
  const values: number[] = [];
  for (let k = 0; k < count; k++) values.push(Number((from + k * step).toFixed(digits)));
  return { values };
}

/**
 * A list typed as text ("5, 10, 20" or "5 10 20") as numbers, or the first token that is not a number.
 */
export function parseValueList(text: string): { values: number[] } | { problem: string } {
  const tokens = text.split(/[\s,;]+/).filter((t) => t.length > 0);
  const values: number[] = [];
  for (const t of tokens) {
    const v = Number(t);
    if (!Number.isFinite(v)) return { problem: `"${t}" is not a number` };
    values.push(v);
  }
  return { values };
}
