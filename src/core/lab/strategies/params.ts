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

export function resolvedWeight(weight: number | undefined, instruments: number): number {
  return weight ?? 1 / instruments;
}
