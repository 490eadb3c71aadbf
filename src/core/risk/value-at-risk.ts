/**
 * VaR and ES of a return series by method, at several confidence levels and a horizon of h days. The h-day figures
 * are the 1-day ones × √h (the square-root-of-time rule: i.i.d. returns, no drift scaling), for every method.
 */
import { historicalVar } from './historical-var';
import { cornishFisherVar, gaussianVar } from './parametric-var';

export const VAR_METHODS = ['historical', 'gaussian', 'cornish-fisher'] as const;
export type VarMethod = (typeof VAR_METHODS)[number];

export interface VarReport {
  level: number;
  var: number;
  /** Expected shortfall; null where the method does not define one (Cornish–Fisher). */
  es: number | null;
}

export function valueAtRisk(returns: Float64Array, method: VarMethod, levels: readonly number[], horizonDays = 1): VarReport[] {
  if (!(Number.isInteger(horizonDays) && horizonDays >= 1))
    throw new RangeError(`the horizon must be a whole number of days >= 1, got ${horizonDays}`);
  const scale = Math.sqrt(horizonDays);
  return levels.map((level) => {
    const one =
      method === 'historical'
        ? historicalVar(returns, level)
        : method === 'gaussian'
          ? gaussianVar(returns, level)
          : cornishFisherVar(returns, level);
    return { level, var: one.var * scale, es: one.es === null ? null : one.es * scale };
  });
}
