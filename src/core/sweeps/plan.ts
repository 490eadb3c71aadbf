import { resolveOptions, type BacktestOptions } from '../compat/options';
import { Rng } from '../rng';
import { findStrategy, validateStrategyParams, type ParamSpec, type StrategyEntry, type StrategyProfile } from '../strategies/registry';
import { rangeValues } from './ranges';
import { combinationRules, type CombinationRule } from './rules';
import { SWEEP_LIMITS, type ParamRange, type SweepProblem, type SweepSearch, type SweepSpec } from './spec';

/**
 * A sweep expanded into the parameter sets that run. Combination `c` (its index, the row of its results) sets
 * `paramNames[k]` to `values[c · paramNames.length + k]`.
 *
 * Grid order: the parameters in the registry's order, the first varying slowest (nested loops). Random search
 * draws without replacement from the grid's valid combinations (partial Fisher–Yates with the shared Rng), in
 * draw order: the first k draws of a seed are the same for any count ≥ k.
 */
export interface SweepPlan extends GridPlan {
  /** The broker every run shares, resolved. */
  options: BacktestOptions;
  /** `wasm`: the engine's sweep loop; `reference`: the TypeScript backtester per run (statistics in WASM). */
  loop: 'wasm' | 'reference';
}

export type PlanOutcome = { plan: SweepPlan; problems: readonly [] } | { plan: null; problems: readonly SweepProblem[] };

/** A value that passes the registry's checks for a required parameter, to test another parameter alone. */
function probeValue(spec: ParamSpec): number {
  return spec.default ?? spec.min ?? (spec.kind === 'fraction' ? 0.5 : 1);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Each value of each axis, checked by the registry's parameter specs (kind, range), one parameter at a time. */
function checkAxes(
  entry: StrategyEntry,
  profile: StrategyProfile,
  params: Readonly<Record<string, ParamRange>>,
  problems: SweepProblem[],
): Map<string, number[]> {
  const axes = new Map<string, number[]>();
  const specs = paramSpecsOf(entry, profile);
  const known = new Set(specs.map((p) => p.name));
  for (const name of Object.keys(params)) {
    if (known.has(name)) continue;
    try {
      validateStrategyParams(entry, { [name]: 0 }, profile);
    } catch (error) {
      problems.push({ field: `params.${name}`, message: message(error) });
    }
  }
  for (const p of specs) {
    const range = params[p.name];
    if (range === undefined) {
      if (p.required) problems.push({ field: `params.${p.name}`, message: `${p.name} needs a value (${p.description})` });
      continue;
    }
    const expanded = rangeValues(range);
    if ('problem' in expanded) {
      problems.push({ field: `params.${p.name}`, message: `${p.name}: ${expanded.problem}` });
      continue;
    }
    const probe: Record<string, number> = {};
    for (const other of specs) if (other.required && other.name !== p.name) probe[other.name] = probeValue(other);
    const bad = expanded.values.find((v) => {
      try {
        validateStrategyParams(entry, { ...probe, [p.name]: v }, profile);
        return false;
      } catch {
        return true;
      }
    });
    if (bad !== undefined) {
      try {
        validateStrategyParams(entry, { ...probe, [p.name]: bad }, profile);
      } catch (error) {
        problems.push({ field: `params.${p.name}`, message: message(error) });
      }
      continue;
    }
    axes.set(p.name, expanded.values);
  }
  return axes;
}

/** The parameters a strategy takes in a profile, in the registry's order. */
function paramSpecsOf(entry: StrategyEntry, profile: StrategyProfile): readonly ParamSpec[] {
  return profile === 'lab' ? entry.lab.params : entry.params;
}

function checkSearch(s: SweepSearch, problems: SweepProblem[]): void {
  if (s.mode === 'grid') return;
  if (s.mode !== 'random') {
    problems.push({ field: 'search.mode', message: `search mode must be grid or random, got ${String((s as { mode: unknown }).mode)}` });
    return;
  }
  if (!Number.isInteger(s.count) || s.count < 1 || s.count > SWEEP_LIMITS.runs) {
    problems.push({
      field: 'search.count',
      message: `count must be an integer in [1, ${SWEEP_LIMITS.runs.toLocaleString('en-US')}], got ${s.count}`,
    });
  }
  if (!Number.isInteger(s.seed) || s.seed < 0 || s.seed > 0xffffffff) {
    problems.push({ field: 'search.seed', message: `seed must be an integer in [0, 4294967295], got ${s.seed}` });
  }
}

/** Indices (in grid order) of the combinations of `axes` that every rule accepts. */
function validCombinations(
  names: readonly string[],
  axes: readonly (readonly number[])[],
  space: number,
  rules: readonly CombinationRule[],
  defaults: ReadonlyMap<string, number>,
): Int32Array {
  const out = new Int32Array(space);
  if (rules.length === 0) {
    for (let i = 0; i < space; i++) out[i] = i;
    return out;
  }
  const row = new Float64Array(names.length);
  const slot = new Map(names.map((n, k) => [n, k]));
  const value = (name: string): number | undefined => {
    const k = slot.get(name);
    return k === undefined ? defaults.get(name) : row[k];
  };
  let valid = 0;
  for (let i = 0; i < space; i++) {
    decode(i, axes, row);
    if (rules.every((r) => r.holds(value))) out[valid++] = i;
  }
  return out.subarray(0, valid);
}

/** Grid combination `index` into `row` (mixed radix, the last axis fastest). */
function decode(index: number, axes: readonly (readonly number[])[], row: Float64Array, at = 0): void {
  let rest = index;
  for (let k = axes.length - 1; k >= 0; k--) {
    const len = axes[k].length;
    row[at + k] = axes[k][rest % len];
    rest = Math.floor(rest / len);
  }
}

/** The combinations of a sweep, without what they run on: the part a sweep of either profile shares. */
export interface GridPlan {
  strategy: string;
  mode: 'grid' | 'random';
  /** The parameters the spec sets, in the registry's order. */
  paramNames: readonly string[];
  /** The values of each of them (same order). */
  axes: readonly (readonly number[])[];
  /** The parameters with more than one value. */
  varied: readonly string[];
  /** Combination-major: runs × paramNames.length. */
  values: Float64Array;
  runs: number;
  /** Combinations of the grid: the product of the axes' lengths. */
  space: number;
  /** Combinations of the grid that break a rule (never run). */
  skipped: number;
  /** The rules that applied ("fast < slow"). */
  rules: readonly string[];
  /** Random search: the count asked for (runs is smaller when the grid has fewer valid combinations). */
  requested: number | null;
  seed: number | null;
}

/**
 * Check a strategy's parameter values and the search, and expand them into combinations, for the parameters of
 * `profile`. `more` are problems found elsewhere (broker, inputs): the grid is only counted and drawn when there
 * are none, so every problem is reported at once and nothing is enumerated for a spec that cannot run.
 */
export function planGrid(
  request: { strategy: string; params: Readonly<Record<string, ParamRange>>; search: SweepSearch },
  profile: StrategyProfile,
  more: readonly SweepProblem[] = [],
): { grid: GridPlan; problems: readonly [] } | { grid: null; problems: readonly SweepProblem[] } {
  const problems: SweepProblem[] = [];
  let entry: StrategyEntry;
  try {
    entry = findStrategy(request.strategy);
  } catch (error) {
    return { grid: null, problems: [{ field: 'strategy', message: message(error) }] };
  }
  const axisOf = checkAxes(entry, profile, request.params, problems);
  checkSearch(request.search, problems);
  problems.push(...more);
  const names = paramSpecsOf(entry, profile)
    .map((p) => p.name)
    .filter((n) => axisOf.has(n));
  const axes = names.map((n) => axisOf.get(n)!);
  const space = axes.reduce((product, a) => product * a.length, 1);
  if (problems.length === 0 && space > SWEEP_LIMITS.space) {
    problems.push({
      field: 'params',
      message: `the grid has ${space.toLocaleString('en-US')} combinations; narrow the ranges to at most ${SWEEP_LIMITS.space.toLocaleString('en-US')}`,
    });
  }
  if (problems.length > 0) return { grid: null, problems };

  const rules = combinationRules(entry.id);
  const defaults = new Map<string, number>();
  for (const p of paramSpecsOf(entry, profile)) if (p.default !== undefined) defaults.set(p.name, p.default);
  const valid = validCombinations(names, axes, space, rules, defaults);
  const search = request.search;
  let chosen: Int32Array;
  if (search.mode === 'grid') {
    chosen = valid;
  } else {
    // Partial Fisher–Yates: draw k picks uniformly among the valid combinations not drawn yet.
    const pool = valid.slice();
    const n = Math.min(search.count, pool.length);
    const rng = new Rng(search.seed);
    for (let k = 0; k < n; k++) {
      const j = k + Math.floor(rng.nextFloat() * (pool.length - k));
      const t = pool[k];
      pool[k] = pool[j];
      pool[j] = t;
    }
    chosen = pool.subarray(0, n);
  }
  if (chosen.length > SWEEP_LIMITS.runs) {
    return {
      grid: null,
      problems: [
        {
          field: 'params',
          message: `${chosen.length.toLocaleString('en-US')} runs; at most ${SWEEP_LIMITS.runs.toLocaleString('en-US')} in one sweep (use random search)`,
        },
      ],
    };
  }
  if (chosen.length === 0) {
    return { grid: null, problems: [{ field: 'params', message: `every combination breaks ${rules.map((r) => r.text).join(' and ')}` }] };
  }
  const width = names.length;
  const values = new Float64Array(chosen.length * width);
  for (let c = 0; c < chosen.length; c++) decode(chosen[c], axes, values, c * width);
  return {
    grid: {
      strategy: entry.id,
      mode: search.mode,
      paramNames: names,
      axes,
      varied: names.filter((_, k) => axes[k].length > 1),
      values,
      runs: chosen.length,
      space,
      skipped: space - valid.length,
      rules: rules.map((r) => r.text),
      requested: search.mode === 'random' ? search.count : null,
      seed: search.mode === 'random' ? search.seed : null,
    },
    problems: [],
  };
}

/**
 * Check a spec and expand it. Problems are collected (every field at once, for a form); the plan is null when
 * there is any. Values outside a parameter's registry spec are problems; combinations that break a rule
 * (rules.ts) are skipped and counted.
 */
export function planSweep(spec: SweepSpec): PlanOutcome {
  let options: BacktestOptions | null = null;
  const more: SweepProblem[] = [];
  try {
    options = resolveOptions(spec.options);
  } catch (error) {
    more.push({ field: 'options', message: message(error) });
  }
  const { grid, problems } = planGrid(spec, 'backtesting.py', more);
  if (grid === null || options === null) return { plan: null, problems };
  return { plan: { ...grid, options, loop: findStrategy(grid.strategy).engine ? 'wasm' : 'reference' }, problems: [] };
}

/** Combination `c`'s parameters by name. */
export function combinationParams(paramNames: readonly string[], values: Float64Array, c: number): Record<string, number> {
  const out: Record<string, number> = {};
  const at = c * paramNames.length;
  paramNames.forEach((name, k) => (out[name] = values[at + k]));
  return out;
}
