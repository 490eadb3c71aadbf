/**
 * A bad parameter of a features or labels computation, naming the field the user typed it into (`span`, `k-upper`,
 * `families.sma.window`, …) so a form can show the message beside it.
 */
export class FeatureParamError extends Error {
  override name = 'FeatureParamError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** An integer ≥ min, or FeatureParamError naming the field. */
export function intParam(field: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new FeatureParamError(field, `expected an integer >= ${min}, got ${String(value)}`);
  return value;
}

/** A finite number ≥ min (> min with `strict`), or FeatureParamError naming the field. */
export function numberParam(field: string, value: number, min: number, strict = false): number {
  const ok = Number.isFinite(value) && (strict ? value > min : value >= min);
  if (!ok) throw new FeatureParamError(field, `expected a number ${strict ? '>' : '>='} ${min}, got ${String(value)}`);
  return value;
}
