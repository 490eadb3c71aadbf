import type { LabSpecConfig, UniverseInput } from '../experiments/lab-spec';
import type { GridPlan } from './plan';
import type { ParamRange, SweepSearch } from './spec';

/**
 * A sweep of a lab-profile strategy over a universe, as the user writes it: the universe's inputs by content hash
 * (with their names, as a version-2 experiment names them), the lab engine's configuration every run shares, one
 * strategy of the registry and the values each of its lab-profile parameters takes (lists or `{from, to, step}`,
 * as in SweepSpec). A parameter left out takes its registry default.
 */
export interface LabSweepSpec {
  strategy: string;
  params: Readonly<Record<string, ParamRange>>;
  search: SweepSearch;
  inputs: readonly UniverseInput[];
  /** The lab engine configuration as a version-2 spec takes it (defaults filled in where left out). */
  config: Readonly<Record<string, unknown>>;
}

/**
 * A lab sweep expanded: the combinations (GridPlan: combination `c` sets `paramNames[k]` to
 * `values[c · paramNames.length + k]`) and what every run shares — the universe and the normalized configuration.
 * Combination `c` runs exactly the version-2 experiment `labExperimentSpec(plan, c)` describes.
 */
export interface LabSweepPlan extends GridPlan {
  profile: 'lab';
  inputs: readonly UniverseInput[];
  config: LabSpecConfig;
}
