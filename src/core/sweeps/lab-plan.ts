import { LAB_SPEC_VERSION, type LabSpec } from '../experiments/lab-spec';
import { checkSpec } from '../experiments/spec-problems';
import type { LabSweepPlan, LabSweepSpec } from './lab-spec';
import { combinationParams, planGrid } from './plan';
import type { SweepProblem } from './spec';

export type LabPlanOutcome = { plan: LabSweepPlan; problems: readonly [] } | { plan: null; problems: readonly SweepProblem[] };

/**
 * Check a lab sweep and expand it. The universe and the configuration are checked as a version-2 experiment spec
 * checks them (the same rules and words; `inputs[1].name`, `config.cash`: the spec's JSON path without `spec.`),
 * the parameter values by the registry's lab-profile parameter specs, combinations that break a rule (rules.ts:
 * xmom's skip < lookback, pairs' thresholds) skipped and counted. Every problem is reported at once.
 */
export function planLabSweep(spec: LabSweepSpec): LabPlanOutcome {
  const check = checkSpec({
    specVersion: LAB_SPEC_VERSION,
    profile: 'lab',
    strategy: spec.strategy,
    inputs: spec.inputs,
    config: spec.config,
  });
  const more: SweepProblem[] = check.ok
    ? []
    : check.problems
        // The parameters are the grid's to check (each value of each range), and the strategy's when it is unknown.
        .filter((p) => !p.path.startsWith('spec.params') && p.path !== 'spec.strategy')
        .map((p) => ({ field: p.path.replace(/^spec\.?/, '') || 'spec', message: p.message }));
  const { grid, problems } = planGrid(spec, 'lab', more);
  if (grid === null || !check.ok) return { plan: null, problems };
  const labSpec = check.spec as LabSpec;
  return { plan: { ...grid, profile: 'lab', inputs: labSpec.inputs, config: labSpec.config }, problems: [] };
}

/**
 * Combination `c` of a lab sweep as the version-2 experiment that runs it alone: same universe, same
 * configuration, the combination's parameters (the rest at their defaults). Its run gives the same bits as the
 * sweep's row c.
 */
export function labExperimentSpec(plan: LabSweepPlan, c: number, label?: string): LabSpec {
  return {
    specVersion: LAB_SPEC_VERSION,
    profile: 'lab',
    ...(label === undefined ? {} : { label }),
    strategy: plan.strategy,
    params: combinationParams(plan.paramNames, plan.values, c),
    inputs: plan.inputs.map((i) => ({ ...i })),
    config: plan.config,
  };
}
