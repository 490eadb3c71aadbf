/**
 * Exponentially weighted mean and variance with pandas' `Series.ewm(...)` arithmetic (pandas 1.5, `ignore_na=False`,
 * `min_periods=0`), so a quant's notebook numbers carry over to the last few bits:
 * - the decay is given as `span` (α = 1 / (1 + (span − 1)/2), computed in that order, as pandas does), `com` or `alpha`;
 * - `adjust: true` (pandas' default) weights observation t−k by (1 − α)^k over all history; `adjust: false` is the
 *   recursion y = (1 − α)·y + α·x seeded with the first value;
 * - the variance is bias-corrected (`bias=False`, pandas' default): the weighted variance times
 *   (Σw)² / ((Σw)² − Σw²), NaN until two observations.
 * Leading NaNs (r[0] of a return series) are skipped; a NaN later on still ages the weights (ignore_na=False).
 */
export type EwmDecay = { span: number } | { com: number } | { alpha: number };

export interface EwmOptions {
  adjust?: boolean;
}

/** pandas' `get_center_of_mass` then `alpha = 1 / (1 + com)`. */
export function ewmAlpha(decay: EwmDecay): number {
  if ('span' in decay) {
    if (!(decay.span >= 1)) throw new RangeError(`span must be >= 1, got ${decay.span}`);
    return 1 / (1 + (decay.span - 1) / 2);
  }
  if ('com' in decay) {
    if (!(decay.com >= 0)) throw new RangeError(`com must be >= 0, got ${decay.com}`);
    return 1 / (1 + decay.com);
  }
  if (!(decay.alpha > 0 && decay.alpha <= 1)) throw new RangeError(`alpha must be in (0, 1], got ${decay.alpha}`);
  // pandas turns alpha into com = 1/alpha − 1 and back; keep that round trip for the same bits.
  return 1 / (1 + (1 / decay.alpha - 1));
}

export function ewmMean(x: Float64Array, decay: EwmDecay, options: EwmOptions = {}): Float64Array {
  const adjust = options.adjust ?? true;
  const alpha = ewmAlpha(decay);
  const oldFactor = 1 - alpha;
  const newWt = adjust ? 1 : alpha;
  const out = new Float64Array(x.length);
  if (x.length === 0) return out;
  let weighted = x[0];
  let oldWt = 1;
  out[0] = weighted;
  for (let i = 1; i < x.length; i++) {
    const cur = x[i];
    const isObs = cur === cur;
    if (weighted === weighted) {
      oldWt *= oldFactor;
      if (isObs) {
        if (weighted !== cur) weighted = (oldWt * weighted + newWt * cur) / (oldWt + newWt);
        oldWt = adjust ? oldWt + newWt : 1;
      }
    } else if (isObs) {
      weighted = cur;
    }
    out[i] = weighted;
  }
  return out;
}

/** Bias-corrected (unless `bias: true`) exponentially weighted variance, pandas' `ewm(...).var()`. */
export function ewmVar(x: Float64Array, decay: EwmDecay, options: EwmOptions & { bias?: boolean } = {}): Float64Array {
  const adjust = options.adjust ?? true;
  const bias = options.bias ?? false;
  const alpha = ewmAlpha(decay);
  const oldFactor = 1 - alpha;
  const newWt = adjust ? 1 : alpha;
  const out = new Float64Array(x.length);
  let mean = NaN;
  let cov = 0;
  let sumWt = 1;
  let sumWt2 = 1;
  let oldWt = 1;
  for (let i = 0; i < x.length; i++) {
    const cur = x[i];
    const isObs = cur === cur;
    if (mean === mean) {
      sumWt *= oldFactor;
      sumWt2 *= oldFactor * oldFactor;
      oldWt *= oldFactor;
      if (isObs) {
        const oldMean = mean;
        if (mean !== cur) mean = (oldWt * oldMean + newWt * cur) / (oldWt + newWt);
        cov = (oldWt * (cov + (oldMean - mean) * (oldMean - mean)) + newWt * ((cur - mean) * (cur - mean))) / (oldWt + newWt);
        sumWt += newWt;
        sumWt2 += newWt * newWt;
        oldWt += newWt;
        if (!adjust) {
          sumWt /= oldWt;
          sumWt2 /= oldWt * oldWt;
          oldWt = 1;
        }
      }
    } else if (isObs) {
      mean = cur;
    }
    if (mean !== mean) out[i] = NaN;
    else if (bias) out[i] = cov;
    else {
      const numerator = sumWt * sumWt;
      const denominator = numerator - sumWt2;
      out[i] = denominator > 0 ? (numerator / denominator) * cov : NaN;
    }
  }
  return out;
}

/** √ of `ewmVar`, a tiny negative variance from rounding read as 0 (pandas' `zsqrt`). */
export function ewmStd(x: Float64Array, decay: EwmDecay, options: EwmOptions & { bias?: boolean } = {}): Float64Array {
  const v = ewmVar(x, decay, options);
  for (let i = 0; i < v.length; i++) v[i] = v[i] < 0 ? 0 : Math.sqrt(v[i]);
  return v;
}
