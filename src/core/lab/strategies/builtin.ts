import type { Strategy } from '../strategy';
import { LabMeanReversion, type LabMeanReversionParams } from './mean-reversion';
import { LabMomentum, type LabMomentumParams } from './momentum';
import { LabPairs, type LabPairsParams } from './pairs';
import { LabScheduledTargets, type LabScheduledTargetsParams } from './scheduled-targets';
import { LabSmaCross, type LabSmaCrossParams } from './sma-cross';
import { LabXmom, type LabXmomParams } from './xmom';

/** A built-in lab strategy by name, as specs and UIs write it. */
export type LabBuiltinSpec =
  | { readonly name: 'sma-cross'; readonly params: LabSmaCrossParams }
  | { readonly name: 'momentum'; readonly params: LabMomentumParams }
  | { readonly name: 'mean-reversion'; readonly params: LabMeanReversionParams }
  | { readonly name: 'xmom'; readonly params: LabXmomParams }
  | { readonly name: 'pairs'; readonly params: LabPairsParams }
  | { readonly name: 'scheduled-targets'; readonly params: LabScheduledTargetsParams };

type LabBuiltin = LabSmaCross | LabMomentum | LabMeanReversion | LabXmom | LabPairs | LabScheduledTargets;

/** Ids of the built-ins in the engine module (engine-wasm/assembly/lab/strategies/index.ts). */
export const LabBuiltinId = { SmaCross: 1, Momentum: 2, MeanReversion: 3, Xmom: 4, Pairs: 5, ScheduledTargets: 6 } as const;

/** The TypeScript strategy object of a built-in (runs in the reference; the WASM engine runs its twin). */
export function labStrategy(spec: LabBuiltinSpec): LabBuiltin {
  switch (spec.name) {
    case 'sma-cross':
      return new LabSmaCross(spec.params);
    case 'momentum':
      return new LabMomentum(spec.params);
    case 'mean-reversion':
      return new LabMeanReversion(spec.params);
    case 'xmom':
      return new LabXmom(spec.params);
    case 'pairs':
      return new LabPairs(spec.params);
    case 'scheduled-targets':
      return new LabScheduledTargets(spec.params);
    default:
      throw new RangeError(
        `unknown lab strategy ${JSON.stringify((spec as { name: unknown }).name)}; expected sma-cross, momentum, mean-reversion, xmom, pairs, scheduled-targets`,
      );
  }
}

/** True when `s` is exactly an instance of `cls` with its own methods (not a subclass or a patched object). */
function exactly(s: Strategy, cls: abstract new (...args: never[]) => LabBuiltin): boolean {
  const proto = cls.prototype as Strategy;
  return Object.getPrototypeOf(s) === proto && s.onBar === proto.onBar && s.initialize === proto.initialize;
}

/**
 * The engine-module form of a built-in strategy object — its id and f64 parameters for a timeline of
 * `instruments` instruments — or undefined for any other strategy (which then runs in JavaScript).
 */
export function labBuiltinOf(s: Strategy, instruments: number): { id: number; params: number[] } | undefined {
  if (s instanceof LabSmaCross && exactly(s, LabSmaCross)) return { id: LabBuiltinId.SmaCross, params: s.engineParams(instruments) };
  if (s instanceof LabMomentum && exactly(s, LabMomentum)) return { id: LabBuiltinId.Momentum, params: s.engineParams(instruments) };
  if (s instanceof LabMeanReversion && exactly(s, LabMeanReversion)) return { id: LabBuiltinId.MeanReversion, params: s.engineParams(instruments) };
  if (s instanceof LabXmom && exactly(s, LabXmom)) return { id: LabBuiltinId.Xmom, params: s.engineParams() };
  if (s instanceof LabPairs && exactly(s, LabPairs)) return { id: LabBuiltinId.Pairs, params: s.engineParams(instruments) };
  if (s instanceof LabScheduledTargets && exactly(s, LabScheduledTargets)) {
    return { id: LabBuiltinId.ScheduledTargets, params: s.engineParams(instruments) };
  }
  return undefined;
}
