/**
 * The "universe (lab)" half of the experiment form: a lab strategy with the parameters its registry entry lists
 * (types, ranges, defaults), the lab engine's configuration as a user sets it, and the universe picker's selection
 * as the inputs. It turns them into version-2 spec JSON, which the spec's own schema checks like any other spec —
 * the form never has a format of its own. Instrument parameters (pairs' y and x) are chosen by name here and
 * written as the universe indices the spec takes.
 */
import { INSTRUMENT_PARAMS, type LabSpec } from '../../core/experiments/lab-spec';
import { findStrategy, labStrategyIds } from '../../core/strategies/registry';
import { defined, LabConfigState, numeric } from './lab-config-state.svelte';

/** An instrument of the universe as the picker selected it. */
export interface FormUniverseInput {
  readonly contentHash: string;
  readonly name: string;
}

/** Parameters that name an instrument of the universe (by index in the spec, by name in the form). */
export { INSTRUMENT_PARAMS };
export { numeric, defined } from './lab-config-state.svelte';

function startingParams(): Record<string, Record<string, string>> {
  return Object.fromEntries(
    labStrategyIds().map((id) => [
      id,
      Object.fromEntries(
        findStrategy(id)
          .lab.params.filter((p) => !(INSTRUMENT_PARAMS[id] ?? []).includes(p.name))
          .map((p) => [p.name, p.default === undefined ? '' : String(p.default)]),
      ),
    ]),
  );
}

/** The form's strategy, parameters and legs; the configuration fields are LabConfigState's. */
export class LabFormFields extends LabConfigState {
  strategy = $state('xmom');
  /** Numeric parameters as typed, per lab strategy. */
  params = $state<Record<string, Record<string, string>>>(startingParams());
  /** Instrument parameters by name, per strategy ('' = the default: the universe's first, second, … instrument). */
  legs = $state<Record<string, Record<string, string>>>({});
  readonly strategies = labStrategyIds();

  /** The instrument an instrument parameter names: the one picked, else the k-th of the universe. */
  legName(universe: readonly FormUniverseInput[], name: string): string {
    const picked = this.legs[this.strategy]?.[name] ?? '';
    if (picked !== '') return picked;
    const k = (INSTRUMENT_PARAMS[this.strategy] ?? []).indexOf(name);
    return universe[k]?.name ?? '';
  }

  setLeg(name: string, instrument: string): void {
    this.legs[this.strategy] = { ...this.legs[this.strategy], [name]: instrument };
  }

  /** Takes a version-2 spec's strategy, parameters (instruments by their names) and configuration. */
  load(spec: LabSpec): void {
    const legs = INSTRUMENT_PARAMS[spec.strategy] ?? [];
    this.strategy = spec.strategy;
    this.params[spec.strategy] = Object.fromEntries(
      findStrategy(spec.strategy)
        .lab.params.filter((p) => !legs.includes(p.name))
        .map((p) => [p.name, spec.params[p.name] === undefined ? '' : String(spec.params[p.name])]),
    );
    this.legs[spec.strategy] = Object.fromEntries(legs.map((name) => [name, spec.inputs[spec.params[name]]?.name ?? '']));
    this.loadConfig(spec.config);
  }

  /** Version-2 spec JSON (before defaults) for the universe given. */
  raw(universe: readonly FormUniverseInput[], label: string): Record<string, unknown> {
    const typed = Object.entries(this.params[this.strategy] ?? {}).map(([k, v]) => [k, numeric(v)] as const);
    const legs = (INSTRUMENT_PARAMS[this.strategy] ?? []).map((name) => {
      const chosen = this.legName(universe, name);
      const at = universe.findIndex((u) => u.name === chosen);
      // A name no longer in the universe stays text, so the schema refuses the field by name.
      return [name, at >= 0 ? at : chosen === '' ? undefined : chosen] as const;
    });
    return defined({
      specVersion: 2,
      profile: 'lab',
      label: label.trim() === '' ? undefined : label,
      strategy: this.strategy,
      params: defined(Object.fromEntries([...typed, ...legs])),
      inputs: universe.map((u) => ({ contentHash: u.contentHash, name: u.name })),
      config: this.json(),
    });
  }
}
