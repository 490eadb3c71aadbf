/**
 * The experiment spec, version 1: what to run, on which frozen inputs, with which costs and seed. One JSON format
 * for the browser and the CLI (`quantlab experiments create spec.json`), documented as JSON Schema in
 * docs/experiment-spec.schema.json (generated from this file; a test keeps it current).
 *
 * Shape: a discriminated union on `profile`. Version 1 knows `backtesting.py` (one instrument, backtesting.py's
 * broker); within a profile the strategy is a discriminated union on `strategy`, so each strategy's `params` are
 * checked (and documented) exactly. A later profile (`lab`: several inputs, slippage models, execution rules) is
 * one more member of the union: specs that are valid today keep their meaning, so adding it needs no version bump.
 *
 * Messages say the rule a value broke (`expected integer ≥ 1`), never zod's wording; spec-problems.ts adds the
 * JSON path and the value given.
 */
import { z } from 'zod';
import { findStrategy, strategyIds } from '../strategies/registry';
import { contentHashSchema, flag, labelSchema, rule, seedSchema } from './spec-rule';
import { paramRule, paramSchema } from './param-schema';
import { LabSpecSchema, type LabSpec, type UniverseInput } from './lab-spec';
import { derivedViewRefs } from './derived-views';
import { normalizeSignalSql, signalSqlProblem, SQL_SIGNAL_EXAMPLE, SQL_SIGNAL_MAX_LENGTH, SQL_SIGNAL_STRATEGY } from './sql-signal';

export const SPEC_VERSION = 1;
export const PROFILES = ['backtesting.py', 'lab'] as const;
/** The newest spec version this lab reads (2: the `lab` profile, lab-spec.ts). */
export const LATEST_SPEC_VERSION = 2;
export type Profile = (typeof PROFILES)[number];

export { rule };
export { paramRule };

/** One input, named by the contentHash of its canonical content (the artifact id is derived from it). */
export const InputRefSchema = z
  .strictObject({
    contentHash: contentHashSchema(),
    label: labelSchema('What people call this input (e.g. GOOG). Not part of the experiment identity.'),
  })
  .meta({ description: 'An input artifact, by content.' });

export const CommissionSchema = z
  .strictObject({
    fixed: z
      .number(rule('a cash amount ≥ 0'))
      .min(0, rule('a cash amount ≥ 0'))
      .default(0)
      .meta({ description: 'Cash charged per fill, whatever its size.' }),
    relative: z
      .number(rule('a rate in [-0.1, 0.1)'))
      .min(-0.1, rule('a rate in [-0.1, 0.1)'))
      .lt(0.1, rule('a rate in [-0.1, 0.1)'))
      .default(0)
      .meta({ description: "Fraction of the fill's value (|size| × price); negative is a rebate." }),
  })
  .meta({ description: 'Charged on entry and on exit: fixed + relative × value.' });

export const BacktestingPyCostsSchema = z
  .strictObject({
    commission: CommissionSchema.prefault({}),
    spread: z
      .number(rule('a fraction of price in [0, 1)'))
      .min(0, rule('a fraction of price in [0, 1)'))
      .lt(1, rule('a fraction of price in [0, 1)'))
      .default(0)
      .meta({ description: 'Bid–ask spread as a fraction of price, paid on the entry price.' }),
  })
  .meta({ description: 'Trading costs.' });

export const BacktestingPyBrokerSchema = z
  .strictObject({
    cash: z.number(rule('a cash amount > 0')).gt(0, rule('a cash amount > 0')).default(10_000).meta({ description: 'Starting cash.' }),
    margin: z
      .number(rule('a margin ratio in (0, 1]'))
      .gt(0, rule('a margin ratio in (0, 1]'))
      .max(1, rule('a margin ratio in (0, 1]'))
      .default(1)
      .meta({ description: 'Required margin ratio, 1 / leverage.' }),
    tradeOnClose: flag("Market orders fill at the signal bar's close instead of the next bar's open."),
    hedging: flag('Allow long and short trades at once.'),
    exclusiveOrders: flag('Each new order closes open trades and cancels pending orders first.'),
    finalizeTrades: flag('Close what is still open on the last bar so it counts in the statistics.'),
  })
  .meta({ description: "backtesting.py's broker settings (Backtest(...) arguments)." });

/** `params` of one strategy: exactly its parameters (unknown names are refused), defaults filled in. */
export function strategyParamsSchema(strategy: string) {
  const entry = findStrategy(strategy);
  return z
    .strictObject(Object.fromEntries(entry.params.map((p) => [p.name, paramSchema(p)])))
    .prefault({})
    .meta({ description: `Parameters of ${entry.id}.` });
}

/** The keys every backtesting.py member shares; `strategy` and `params` are the member's own. */
function backtestingPyShape() {
  return {
    specVersion: z.literal(SPEC_VERSION, rule(`specVersion ${SPEC_VERSION}`)).meta({ description: 'Version of this format.' }),
    profile: z.literal('backtesting.py'),
    label: labelSchema('A name for people. Not part of the experiment identity.'),
  };
}

function backtestingPyMember(strategy: string) {
  const entry = findStrategy(strategy);
  return z
    .strictObject({
      ...backtestingPyShape(),
      strategy: z.literal(entry.id).meta({ description: entry.description }),
      params: strategyParamsSchema(entry.id),
      ...backtestingPyRest(),
    })
    .meta({ title: `backtesting.py profile, ${entry.id}` });
}

/** inputs, broker, costs, seed: after strategy and params, in this order (the JSON Schema lists keys as declared). */
function backtestingPyRest() {
  return {
    inputs: z
      .array(InputRefSchema, rule('a list with exactly one input'))
      .length(1, { error: 'expected exactly one input (the backtesting.py profile runs on one instrument)' }),
    broker: BacktestingPyBrokerSchema.prefault({}),
    costs: BacktestingPyCostsSchema.prefault({}),
    seed: seedSchema('Seed of the run (part of its identity; this profile draws no random numbers).'),
  };
}

const SQL_RULE = `a SELECT query over the view "bars" returning "timestamp" and "position" per bar (at most ${SQL_SIGNAL_MAX_LENGTH} characters)`;

/** `params` of sql-signal: the query, normalized (trailing ";" and blanks dropped) and checked for look-ahead. */
export const SqlSignalParamsSchema = z
  .strictObject({
    sql: z
      .string(rule(SQL_RULE))
      .overwrite(normalizeSignalSql)
      .min(1, rule(SQL_RULE))
      .max(SQL_SIGNAL_MAX_LENGTH, rule(SQL_RULE))
      .superRefine((sql, ctx) => {
        const problem = signalSqlProblem(sql);
        if (problem) ctx.addIssue({ code: 'custom', message: `${problem.message} [rule: ${problem.rule}]` });
      })
      .meta({
        description:
          'DuckDB SQL over the view `bars` (timestamp TIMESTAMP UTC, open, high, low, close, volume DOUBLE) returning one row per bar with ' +
          '`timestamp` and a numeric `position` in [-1, 1] (sign = side, magnitude = fraction of available margin, 0 = flat). ' +
          'One statement; LEAD( and FOLLOWING frames are refused (look-ahead).',
        examples: [SQL_SIGNAL_EXAMPLE],
      }),
  })
  .meta({ description: 'Parameters of sql-signal.' });

/** A published `labels` / `features` artifact a SQL signal reads, by content (the view name carries its id). */
export const DerivedRefSchema = z
  .strictObject({
    contentHash: contentHashSchema(),
    label: labelSchema('What people call this artifact. Not part of the experiment identity.'),
  })
  .meta({ description: 'A labels or features artifact, by content; the query reads it as the view labels_<id> / features_<id>.' });

const DERIVED_RULE = 'a non-empty list of labels/features artifacts (leave the field out when the query reads none)';

const sqlSignalMember = z
  .strictObject({
    ...backtestingPyShape(),
    strategy: z.literal(SQL_SIGNAL_STRATEGY).meta({
      description:
        "A user-defined signal: a DuckDB query yields a target position per bar; the reference backtester trades toward it with the spec's broker and costs.",
    }),
    params: SqlSignalParamsSchema,
    ...backtestingPyRest(),
    derived: z
      .array(DerivedRefSchema, rule(DERIVED_RULE))
      .min(1, rule(DERIVED_RULE))
      .optional()
      .meta({
        description:
          'The published labels/features artifacts the query reads (as labels_<id> / features_<id> views), by contentHash. ' +
          'Required for each such view the query names; frozen and recorded in the lineage like inputs. Part of the identity only when present.',
      }),
  })
  .meta({ title: `backtesting.py profile, ${SQL_SIGNAL_STRATEGY}` });

const strategies = strategyIds();

/** Every strategy a backtesting.py spec may name: the registry's built-in ones, then sql-signal. */
export function specStrategyIds(): string[] {
  return [...strategyIds(), SQL_SIGNAL_STRATEGY];
}

export const BacktestingPySpecSchema = z.discriminatedUnion('strategy', [
  ...(strategies.map(backtestingPyMember) as unknown as [ReturnType<typeof backtestingPyMember>, ...ReturnType<typeof backtestingPyMember>[]]),
  sqlSignalMember,
]);

/** The spec, version 1. Parse with `parseSpec` (spec-problems.ts) to get messages with paths and rules. */
export const ExperimentSpecSchema = z.discriminatedUnion('profile', [BacktestingPySpecSchema, LabSpecSchema]).meta({
  title: 'quantlab experiment spec',
  description:
    'An experiment: a strategy with its parameters, the engine profile with its broker and costs (version 1, backtesting.py, one input) or its engine configuration (version 2, lab, a universe of inputs), the inputs by contentHash, and a seed. ' +
    'Defaults are filled in when it is created; the normalized spec (labels left out) is hashed into the experiment id.',
});

/** Names of the top-level keys of a backtesting.py spec (for "unknown key" hints). */
export const BACKTESTING_PY_KEYS: readonly string[] = ['specVersion', 'profile', 'label', 'strategy', 'params', 'inputs', 'broker', 'costs', 'seed'];

export interface InputRef {
  contentHash: string;
  label?: string;
}

export interface Commission {
  fixed: number;
  relative: number;
}

export interface BacktestingPyBroker {
  cash: number;
  margin: number;
  tradeOnClose: boolean;
  hedging: boolean;
  exclusiveOrders: boolean;
  finalizeTrades: boolean;
}

export interface BacktestingPyCosts {
  commission: Commission;
  spread: number;
}

/** A parsed backtesting.py spec: every default filled in. */
export interface BacktestingPySpec {
  specVersion: 1;
  profile: 'backtesting.py';
  label?: string;
  strategy: string;
  params: Record<string, number>;
  inputs: InputRef[];
  broker: BacktestingPyBroker;
  costs: BacktestingPyCosts;
  seed: number;
}

/** A published labels/features artifact a SQL signal reads. */
export interface DerivedRef {
  contentHash: string;
  label?: string;
}

/** A parsed backtesting.py spec whose strategy is a SQL signal. */
export interface SqlSignalSpec extends Omit<BacktestingPySpec, 'strategy' | 'params'> {
  strategy: typeof SQL_SIGNAL_STRATEGY;
  params: { sql: string };
  /** The labels/features artifacts the query reads; absent when it reads none. */
  derived?: DerivedRef[];
}

/** A parsed version-1 spec: a built-in strategy or a SQL signal on one input. */
export type V1Spec = BacktestingPySpec | SqlSignalSpec;

/** A parsed spec of any profile: version 1 (backtesting.py) or version 2 (lab, lab-spec.ts). */
export type ExperimentSpec = V1Spec | LabSpec;

export type { LabSpec };

export function isLabSpec(spec: ExperimentSpec): spec is LabSpec {
  return spec.profile === 'lab';
}

export function isSqlSignalSpec(spec: ExperimentSpec): spec is SqlSignalSpec {
  return spec.strategy === SQL_SIGNAL_STRATEGY;
}

/** The run's seed: top level in version 1, part of the engine config in version 2. */
export function specSeed(spec: ExperimentSpec): number {
  return isLabSpec(spec) ? spec.config.seed : spec.seed;
}

/** Starting cash: the broker's in version 1, the engine config's in version 2. */
export function specCash(spec: ExperimentSpec): number {
  return isLabSpec(spec) ? spec.config.cash : spec.broker.cash;
}

/** What people call an input: its label (version 1) or its instrument name (version 2), when there is one. */
export function inputDisplayName(ref: InputRef | UniverseInput): string | undefined {
  return 'label' in ref ? ref.label : (ref as UniverseInput).name;
}

/** The numeric parameters of a built-in strategy's spec; a SQL signal has none. */
export function numericParams(spec: ExperimentSpec): Record<string, number> {
  return isSqlSignalSpec(spec) ? {} : spec.params;
}

/** What a spec file may contain before defaults are filled in. */
export type ExperimentSpecInput = z.input<typeof ExperimentSpecSchema>;

/**
 * Every `labels_…` / `features_…` view a SQL signal's query names must be declared in `derived` (the view's 24 hex
 * digits are the start of the artifact's contentHash), so the spec alone says which data a run needs, as `inputs`
 * does; no contentHash twice. Checked where a spec is made or read from a file (spec-problems.ts checkSpec) and again
 * at run time — not in the stored record's schema, so a record stored before the rule still opens.
 */
export function derivedDeclarationProblems(spec: ExperimentSpec): { path: (string | number)[]; message: string }[] {
  if (!isSqlSignalSpec(spec)) return [];
  const declared = spec.derived ?? [];
  const problems: { path: (string | number)[]; message: string }[] = [];
  for (const ref of derivedViewRefs(spec.params.sql)) {
    const hex = ref.artifactId.slice(4);
    if (declared.some((d) => d.contentHash.startsWith(hex))) continue;
    problems.push({
      path: ['derived'],
      message: `the query reads ${ref.view}, which is not declared: add {"contentHash": <contentHash of ${ref.artifactId}>} to derived [rule: declared-derived]`,
    });
  }
  const seen = new Set<string>();
  declared.forEach((d, i) => {
    if (seen.has(d.contentHash))
      problems.push({ path: ['derived', i, 'contentHash'], message: `${d.contentHash} is declared twice [rule: declared-derived]` });
    seen.add(d.contentHash);
  });
  return problems;
}
