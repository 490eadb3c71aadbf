/**
 * Combinations a sweep skips: each value is valid on its own, but together they are not a distinct strategy.
 * Skipped combinations are counted (the count shown before a run is of the combinations that do run) and never
 * sent to the engine.
 *
 * - sma-cross, `fast < slow`: with fast = slow the averages never cross (no trade, a wasted run); with
 *   fast > slow the signals are those of the swapped pair with long and short exchanged, which is not the
 *   strategy the parameters name.
 * - mean-reversion, `exit_z < entry_z`: the strategy refuses exit_z ≥ entry_z (it would exit the moment it enters).
 * - xmom (lab profile), `skip < lookback`: the momentum window would be empty.
 * - pairs (lab profile), `y ≠ x`, `exit_z < entry_z` and `stop_z = 0 or stop_z > entry_z`: the strategy refuses
 *   the rest (a pair of one instrument, an exit beyond the entry, a stop inside it).
 *
 * A rule reads a parameter the sweep does not set at its registry default.
 */
export interface CombinationRule {
  /** As shown to the user, e.g. "fast < slow". */
  text: string;
  params: readonly string[];
  holds(value: (name: string) => number | undefined): boolean;
}

const RULES: Readonly<Record<string, readonly CombinationRule[]>> = {
  'sma-cross': [{ text: 'fast < slow', params: ['fast', 'slow'], holds: (v) => v('fast')! < v('slow')! }],
  'mean-reversion': [{ text: 'exit_z < entry_z', params: ['exit_z', 'entry_z'], holds: (v) => v('exit_z')! < v('entry_z')! }],
  xmom: [{ text: 'skip < lookback', params: ['skip', 'lookback'], holds: (v) => v('skip')! < v('lookback')! }],
  pairs: [
    { text: 'y ≠ x', params: ['y', 'x'], holds: (v) => v('y') !== v('x') },
    { text: 'exit_z < entry_z', params: ['exit_z', 'entry_z'], holds: (v) => v('exit_z')! < v('entry_z')! },
    { text: 'stop_z = 0 or stop_z > entry_z', params: ['stop_z', 'entry_z'], holds: (v) => v('stop_z') === 0 || v('stop_z')! > v('entry_z')! },
  ],
};

export function combinationRules(strategy: string): readonly CombinationRule[] {
  return Object.hasOwn(RULES, strategy) ? RULES[strategy] : [];
}
