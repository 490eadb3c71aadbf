/**
 * Two-state Markov switch between a bull and a bear drift regime.
 *
 * A regime with mean duration D bars is left with probability 1/D at every bar (geometric durations), so the
 * chain stays bull with p = 1 − 1/D_bull and bear with q = 1 − 1/D_bear. The first bar's regime is drawn from
 * the stationary distribution, P(bull) = D_bull / (D_bull + D_bear), so a series does not always start in the
 * same state. Every decision uses one uniform from the caller, keeping the random stream position fixed.
 */
import { Regime, type RegimeParams } from './types';

export interface RegimeChain {
  readonly stayBull: number;
  readonly stayBear: number;
  readonly stationaryBull: number;
}

export function regimeChain(bull: RegimeParams, bear: RegimeParams): RegimeChain {
  return {
    stayBull: 1 - 1 / bull.meanDurationBars,
    stayBear: 1 - 1 / bear.meanDurationBars,
    stationaryBull: bull.meanDurationBars / (bull.meanDurationBars + bear.meanDurationBars),
  };
}

/** Regime of the first bar, from a uniform u in [0, 1). */
export function initialRegime(chain: RegimeChain, u: number): Regime {
  return u < chain.stationaryBull ? Regime.Bull : Regime.Bear;
}

/** Regime of the next bar, from the current one and a uniform u in [0, 1). */
export function nextRegime(chain: RegimeChain, current: Regime, u: number): Regime {
  if (current === Regime.Bull) return u < chain.stayBull ? Regime.Bull : Regime.Bear;
  return u < chain.stayBear ? Regime.Bear : Regime.Bull;
}
