import { didYouMean } from '../csv/did-you-mean';
import { KILL_ACTION_NAMES, KillAction, codeOf } from './codes';
import { EngineConfigError } from './errors';

/**
 * Risk limits of the lab engine, as callers write them (every field optional; absent = no limit). Pre-trade
 * limits check each order when it is submitted and reduce it to the whole lots that fit, or refuse it; every
 * reduced or refused order is recorded with its rule. Post-trade limits act on the account after a bar's fills.
 * The rules, the same in engine-wasm/assembly/lab/pre-trade.ts, are pre-trade.ts's and docs/engine.md's "Limits".
 */
export interface LabLimitsInput {
  /** Largest |position value| / NAV an order may leave (rule `max-position-weight`). */
  maxPositionWeight?: number;
  /** Largest gross exposure Σ|position value| / NAV an order may leave (rule `max-gross`). */
  maxGross?: number;
  /** Largest |quantity| × price of one order, in cash (rule `max-order-value`). */
  maxOrderValue?: number;
  /** Largest |quantity| as a share of the deciding bar's volume (rule `max-volume-share`). */
  maxVolumeShare?: number;
  /**
   * Drawdown kill switch: when NAV falls `drawdown` (a fraction) below its running peak, `flatten` closes every
   * position and stops trading for the rest of the run; `reduce` cuts every position to `fraction` of its size,
   * and from then on only orders that reduce exposure are accepted.
   */
  killSwitch?: { drawdown: number; action: 'flatten' | 'reduce'; fraction?: number };
  /** Daily loss limit: when NAV falls this fraction below the previous day's last NAV, flatten for the rest of the day. */
  dailyLossLimit?: number;
}

/** The resolved limits the engine runs on: NaN = no limit. */
export interface LabLimits {
  readonly maxPositionWeight: number;
  readonly maxGross: number;
  readonly maxOrderValue: number;
  readonly maxVolumeShare: number;
  readonly killDrawdown: number;
  readonly killAction: KillAction;
  readonly killFraction: number;
  readonly dailyLossLimit: number;
}

export const NO_LIMITS: LabLimits = {
  maxPositionWeight: NaN,
  maxGross: NaN,
  maxOrderValue: NaN,
  maxVolumeShare: NaN,
  killDrawdown: NaN,
  killAction: KillAction.Flatten,
  killFraction: NaN,
  dailyLossLimit: NaN,
};

const KEYS = ['maxPositionWeight', 'maxGross', 'maxOrderValue', 'maxVolumeShare', 'killSwitch', 'dailyLossLimit'] as const;
const KILL_KEYS = ['drawdown', 'action', 'fraction'] as const;

function fail(message: string): never {
  throw new EngineConfigError(`engine config: ${message}`);
}

function checkKeys(where: string, obj: object, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    const hint = didYouMean([key.toLowerCase()], allowed);
    fail(`unknown option ${where}${key}${hint === undefined ? '' : ` (did you mean "${where}${hint}"?)`}; known: ${allowed.join(', ')}`);
  }
}

/** A fraction in (0, high) or (0, high]; `undefined` → NaN (no limit). */
function limit(field: string, value: number | undefined, high: number, highOpen: boolean): number {
  if (value === undefined) return NaN;
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0) || (highOpen ? !(value < high) : !(value <= high))) {
    fail(`${field} must be a finite number in (0, ${high}${highOpen ? ')' : ']'}, got ${String(value)}`);
  }
  return value;
}

/** Validates `input.limits` (engine config errors name the field, as for the other options). */
export function resolveLabLimits(input: LabLimitsInput | undefined): LabLimits {
  if (input === undefined) return NO_LIMITS;
  if (typeof input !== 'object' || input === null) fail(`limits must be an object, got ${String(input)}`);
  checkKeys('limits.', input, KEYS);
  let killDrawdown = NaN;
  let killAction: KillAction = KillAction.Flatten;
  let killFraction = NaN;
  const ks = input.killSwitch;
  if (ks !== undefined) {
    if (typeof ks !== 'object' || ks === null) fail(`limits.killSwitch must be an object, got ${String(ks)}`);
    checkKeys('limits.killSwitch.', ks, KILL_KEYS);
    if (ks.drawdown === undefined) fail('limits.killSwitch.drawdown is required (a fraction of the peak NAV in (0, 1))');
    killDrawdown = limit('limits.killSwitch.drawdown', ks.drawdown, 1, true);
    const code = codeOf(KILL_ACTION_NAMES, ks.action);
    if (code < 0) fail(`limits.killSwitch.action must be one of 'flatten', 'reduce', got ${JSON.stringify(ks.action)}`);
    killAction = code as KillAction;
    if (killAction === KillAction.Reduce) {
      if (ks.fraction === undefined) fail("limits.killSwitch.fraction is required by action 'reduce' (the share of each position kept, in [0, 1))");
      if (typeof ks.fraction !== 'number' || !(ks.fraction >= 0 && ks.fraction < 1)) {
        fail(`limits.killSwitch.fraction must be a finite number in [0, 1), got ${String(ks.fraction)}`);
      }
      killFraction = ks.fraction;
    } else if (ks.fraction !== undefined) fail("limits.killSwitch.fraction is only used by action 'reduce'");
  }
  return {
    maxPositionWeight: limit('limits.maxPositionWeight', input.maxPositionWeight, Infinity, true),
    maxGross: limit('limits.maxGross', input.maxGross, Infinity, true),
    maxOrderValue: limit('limits.maxOrderValue', input.maxOrderValue, Infinity, true),
    maxVolumeShare: limit('limits.maxVolumeShare', input.maxVolumeShare, 1, false),
    killDrawdown,
    killAction,
    killFraction,
    dailyLossLimit: limit('limits.dailyLossLimit', input.dailyLossLimit, 1, true),
  };
}

/** True when any limit is set. */
export function hasLimits(l: LabLimits): boolean {
  return (
    l.maxPositionWeight === l.maxPositionWeight ||
    l.maxGross === l.maxGross ||
    l.maxOrderValue === l.maxOrderValue ||
    l.maxVolumeShare === l.maxVolumeShare ||
    l.killDrawdown === l.killDrawdown ||
    l.dailyLossLimit === l.dailyLossLimit
  );
}

/** The limits in input spelling, only those set (results echo them only when any is set). */
export function describeLabLimits(l: LabLimits): LabLimitsInput {
  const out: LabLimitsInput = {};
  if (l.maxPositionWeight === l.maxPositionWeight) out.maxPositionWeight = l.maxPositionWeight;
  if (l.maxGross === l.maxGross) out.maxGross = l.maxGross;
  if (l.maxOrderValue === l.maxOrderValue) out.maxOrderValue = l.maxOrderValue;
  if (l.maxVolumeShare === l.maxVolumeShare) out.maxVolumeShare = l.maxVolumeShare;
  if (l.killDrawdown === l.killDrawdown) {
    out.killSwitch = { drawdown: l.killDrawdown, action: KILL_ACTION_NAMES[l.killAction] };
    if (l.killAction === KillAction.Reduce) out.killSwitch.fraction = l.killFraction;
  }
  if (l.dailyLossLimit === l.dailyLossLimit) out.dailyLossLimit = l.dailyLossLimit;
  return out;
}
