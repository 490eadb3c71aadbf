/**
 * Reading a spec from outside (a file, a form, a run link): zod does the checking, this file says what went wrong
 * in the spec's own words — the JSON path (`spec.params.fast`), the rule (`expected integer ≥ 1`) and the value
 * given (`got 0`) — with "did you mean" hints for misspelt keys, strategies and profiles.
 */
import type { z } from 'zod';
import { didYouMean } from '../csv/did-you-mean';
import { findStrategy, labStrategyIds, strategyIds } from '../strategies/registry';
import { LAB_CONFIG_KEYS, LAB_INPUT_KEYS, LAB_KEYS } from './lab-spec';
import { SpecValidationError } from './errors';
import {
  BACKTESTING_PY_KEYS,
  BacktestingPyBrokerSchema,
  BacktestingPyCostsSchema,
  CommissionSchema,
  derivedDeclarationProblems,
  DerivedRefSchema,
  ExperimentSpecSchema,
  InputRefSchema,
  LATEST_SPEC_VERSION,
  PROFILES,
  specStrategyIds,
  SqlSignalParamsSchema,
  type ExperimentSpec,
} from './spec';
import { SQL_SIGNAL_STRATEGY } from './sql-signal';

export interface SpecProblem {
  /** JSON path from the spec's root, e.g. `spec.params.fast` or `spec.inputs[0].contentHash`. */
  path: string;
  /** The rule and the value given, e.g. `expected integer ≥ 1, got 0`. */
  message: string;
}

export type SpecCheck = { ok: true; spec: ExperimentSpec } | { ok: false; problems: SpecProblem[] };

type PathKey = PropertyKey;

export function formatSpecPath(path: readonly PathKey[]): string {
  let out = 'spec';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function show(value: unknown): string {
  let text: string;
  try {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- only what JSON cannot write (functions, symbols) gets here
    text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let at = root;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

function objectKeys(schema: { shape: Record<string, unknown> }): string[] {
  return Object.keys(schema.shape);
}

/** The keys an object at `path` may have, for "unknown key" hints; undefined where the spec has no fixed keys. */
function knownKeys(path: readonly PathKey[], input: unknown): { keys: string[]; what: string } | undefined {
  const p = path.map(String).join('.');
  const lab = valueAt(input, ['profile']) === 'lab';
  if (p === '') return { keys: [...(lab ? LAB_KEYS : BACKTESTING_PY_KEYS)], what: 'key' };
  if (lab) return labKnownKeys(path, p, input);
  if (p === 'params') {
    const strategy = valueAt(input, ['strategy']);
    if (strategy === SQL_SIGNAL_STRATEGY) return { keys: objectKeys(SqlSignalParamsSchema), what: `parameter of ${SQL_SIGNAL_STRATEGY}` };
    if (typeof strategy !== 'string' || !strategyIds().includes(strategy)) return undefined;
    return { keys: findStrategy(strategy).params.map((x) => x.name), what: `parameter of ${strategy}` };
  }
  if (p === 'broker') return { keys: objectKeys(BacktestingPyBrokerSchema), what: 'broker setting' };
  if (p === 'costs') return { keys: objectKeys(BacktestingPyCostsSchema), what: 'cost' };
  if (p === 'costs.commission') return { keys: objectKeys(CommissionSchema), what: 'commission part' };
  if (path.length === 2 && path[0] === 'inputs' && typeof path[1] === 'number') return { keys: objectKeys(InputRefSchema), what: 'input key' };
  if (path.length === 2 && path[0] === 'derived' && typeof path[1] === 'number')
    return { keys: objectKeys(DerivedRefSchema), what: 'derived artifact key' };
  return undefined;
}

/** Known keys inside a version-2 (lab) spec. */
function labKnownKeys(path: readonly PathKey[], p: string, input: unknown): { keys: string[]; what: string } | undefined {
  if (p === 'params') {
    const strategy = valueAt(input, ['strategy']);
    if (typeof strategy !== 'string' || !labStrategyIds().includes(strategy)) return undefined;
    return { keys: findStrategy(strategy).lab.params.map((x) => x.name), what: `parameter of ${strategy}` };
  }
  if (p === 'config') return { keys: [...LAB_CONFIG_KEYS], what: 'config setting' };
  if (p === 'config.commission') return { keys: ['fixed', 'relative'], what: 'commission part' };
  if (p === 'config.slippage') return { keys: ['model', 'bps', 'volMultiplier', 'window'], what: 'slippage setting' };
  if (path.length === 2 && path[0] === 'inputs' && typeof path[1] === 'number') return { keys: [...LAB_INPUT_KEYS], what: 'input key' };
  return undefined;
}

function unknownKeyProblems(issue: z.core.$ZodIssue, input: unknown): SpecProblem[] {
  const keys = (issue as { keys?: string[] }).keys ?? [];
  const known = knownKeys(issue.path, input);
  return keys.map((key) => {
    const hint = known ? didYouMean([key.toLowerCase()], known.keys) : undefined;
    const list = known ? ` (known: ${known.keys.join(', ')})` : '';
    return {
      path: formatSpecPath([...issue.path, key]),
      message: `unknown ${known?.what ?? 'key'}${hint ? `; did you mean "${hint}"?` : ''}${list}`,
    };
  });
}

function discriminatorProblem(issue: z.core.$ZodIssue, input: unknown): SpecProblem {
  const key = issue.path[issue.path.length - 1];
  const given = valueAt(input, issue.path);
  const lab = valueAt(input, ['profile']) === 'lab';
  const options: readonly string[] =
    key === 'profile' ? PROFILES : key === 'model' ? ['none', 'fixed-bps', 'random', 'volatility'] : lab ? labStrategyIds() : specStrategyIds();
  const noun = key === 'profile' ? 'profile' : key === 'model' ? 'slippage model' : 'strategy';
  if (given === undefined) return { path: formatSpecPath(issue.path), message: `required: one of ${options.join(', ')}` };
  const hint = typeof given === 'string' ? didYouMean([given.toLowerCase()], options) : undefined;
  return {
    path: formatSpecPath(issue.path),
    message: `unknown ${noun} ${show(given)}${hint ? `; did you mean "${hint}"?` : ''} (${noun === 'profile' ? 'profiles' : noun === 'strategy' ? 'strategies' : 'models'}: ${options.join(', ')})`,
  };
}

function issueProblems(issue: z.core.$ZodIssue, input: unknown): SpecProblem[] {
  if (issue.code === 'unrecognized_keys') return unknownKeyProblems(issue, input);
  if (issue.code === 'invalid_union' && (issue as { discriminator?: string }).discriminator !== undefined)
    return [discriminatorProblem(issue, input)];
  const path = formatSpecPath(issue.path);
  const given = valueAt(input, issue.path);
  if (issue.path.length === 0 && (typeof input !== 'object' || input === null || Array.isArray(input))) {
    return [{ path, message: `expected a JSON object, got ${show(input)}` }];
  }
  if (issue.path.length === 1 && issue.path[0] === 'specVersion' && typeof given === 'number' && given > LATEST_SPEC_VERSION) {
    return [{ path, message: `version ${given} is newer than this lab reads (${LATEST_SPEC_VERSION}); update the lab` }];
  }
  const got = given === undefined || !issue.message.startsWith('expected') ? '' : `, got ${show(given)}`;
  return [{ path, message: `${issue.message}${got}` }];
}

/** Checks a spec and fills in its defaults; problems name every broken rule. Never throws. */
export function checkSpec(raw: unknown): SpecCheck {
  const parsed = ExperimentSpecSchema.safeParse(raw);
  if (parsed.success) {
    const spec = parsed.data as ExperimentSpec;
    const derived = derivedDeclarationProblems(spec);
    if (derived.length === 0) return { ok: true, spec };
    return { ok: false, problems: derived.map((p) => ({ path: formatSpecPath(p.path), message: p.message })) };
  }
  return { ok: false, problems: parsed.error.issues.flatMap((i) => issueProblems(i, raw)) };
}

/** Like checkSpec, but throws SpecValidationError (its message lists every problem on one line). */
export function parseSpec(raw: unknown, source?: string): ExperimentSpec {
  const check = checkSpec(raw);
  if (!check.ok) throw new SpecValidationError(check.problems, source);
  return check.spec;
}
