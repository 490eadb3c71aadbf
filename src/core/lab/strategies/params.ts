import { EngineConfigError } from '../errors';

/** Parameter checks shared by the built-in lab strategies (messages name the strategy and the parameter). */
export function integerParam(strategy: string, name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > 1_000_000) {
    throw new EngineConfigError(`${strategy}: ${name} must be an integer in [${min}, 1000000], got ${String(v)}`);
  }
  return v;
}

export function numberParam(strategy: string, name: string, v: unknown, min: number, minOpen: boolean): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || (minOpen ? !(v > min) : !(v >= min))) {
    throw new EngineConfigError(`${strategy}: ${name} must be a finite number ${minOpen ? '>' : '≥'} ${min}, got ${String(v)}`);
  }
  return v;
}

/** The weight of NAV each position takes: given, or 1/K (the whole account split evenly) when absent. */
export function weightParam(strategy: string, v: unknown): number | undefined {
  return v === undefined ? undefined : numberParam(strategy, 'weight', v, 0, true);
}

/**
 * A budget: the fraction of NAV for all instruments together, split equally (each position gets budget / K), so a
 * strategy run on a universe sizes each instrument the same and never asks for K times its account. A weight
 * and a budget are exclusive.
 */
export function budgetParam(strategy: string, weight: unknown, budget: unknown): number | undefined {
  if (budget === undefined) return undefined;
  if (weight !== undefined) throw new EngineConfigError(`${strategy}: give weight (per position) or budget (split over the instruments), not both`);
  return numberParam(strategy, 'budget', budget, 0, true);
}

/** The weight of each position: given, or the budget split over the instruments (the whole account by default). */
export function resolvedWeight(weight: number | undefined, instruments: number, budget?: number): number {
  return weight ?? (budget ?? 1) / instruments;
}
