/**
 * The optional `portfolio` and `risk` blocks of a version-2 (lab) spec (docs/portfolio.md "Portfolio runs").
 * `portfolio` puts construction between the strategy and execution: the strategy's raw target weights, an
 * optimizer under a risk model and constraints at the rebalance bars, then execution of the optimized schedule.
 * `risk` carries the engine's limits, the rolling VaR/ES settings and the stress scenarios. A spec without them
 * normalizes exactly as before (no key is added), so every existing id and result hash is unchanged.
 */
import { z } from 'zod';
import { optimizerNames } from '../portfolio/optimizers';
import { RISK_MODEL_NAMES } from '../risk/risk-model';
import { VAR_METHODS } from '../risk/value-at-risk';
import { rule } from './spec-rule';

/** Lab strategies that state target weights through TargetPositions: the ones portfolio construction can take. */
export const TARGET_WEIGHT_STRATEGIES: readonly string[] = ['xmom', 'pairs'];

function num(low: number, high: number, lowOpen: boolean, highOpen: boolean, what = 'a number') {
  const text = `${what} in ${lowOpen ? '(' : '['}${low}, ${high === Infinity ? '∞' : high}${highOpen ? ')' : ']'}`;
  const r = rule(text);
  let s = z.number(r);
  s = lowOpen ? s.gt(low, r) : s.min(low, r);
  if (high !== Infinity) s = highOpen ? s.lt(high, r) : s.max(high, r);
  return s;
}

function int(low: number, high: number, what = 'an integer') {
  const r = rule(`${what} in [${low}, ${high}]`);
  return z.number(r).int(r).min(low, r).max(high, r);
}

const NAME_RULE = 'a non-empty name of at most 100 characters';
const name = () => z.string(rule(NAME_RULE)).trim().min(1, rule(NAME_RULE)).max(100, rule(NAME_RULE));
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (description: string) =>
  z
    .string(rule('an ISO date YYYY-MM-DD'))
    .regex(ISO_DAY, rule('an ISO date YYYY-MM-DD'))
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), rule('an ISO date YYYY-MM-DD'))
    .meta({ description });

const weight = (description: string) => num(-10, 10, false, false, 'a weight').optional().meta({ description });

const lookback = int(2, 10_000, 'a whole number of returns')
  .default(252)
  .meta({ description: 'Returns in the risk model window, ending at the rebalance bar (its close is the last one seen).' });

export const RiskModelSpecSchema = z
  .discriminatedUnion('name', [
    z.strictObject({ name: z.enum(['sample', 'ledoit-wolf', 'ledoit-wolf-cc']), lookback }),
    z.strictObject({
      name: z.literal('ewma'),
      lookback,
      lambda: num(0, 1, true, true, 'a decay').default(0.94).meta({ description: 'EWMA decay λ (pandas alpha = 1 − λ).' }),
    }),
  ])
  .meta({ description: `Covariance estimator (${RISK_MODEL_NAMES.join(', ')}), daily, annualised × 252 for the optimizer.` });

export const OptimizerSpecSchema = z
  .strictObject({
    name: z.enum(optimizerNames() as [string, ...string[]], rule(`one of ${optimizerNames().join(', ')}`)),
    params: z
      .strictObject({
        riskFree: num(-1, 1, false, false, 'an annual rate').optional().meta({ description: 'max-sharpe: annual risk-free rate.' }),
        riskAversion: num(0, Infinity, true, true, 'a risk aversion').optional().meta({ description: 'mean-variance: δ in μ′w − δ/2·w′Σw.' }),
        targetReturn: num(-10, 10, false, false, 'an annual return').optional().meta({ description: 'mean-variance: target annual return.' }),
        budgets: z
          .record(name(), num(0, Infinity, true, true, 'a risk budget'))
          .optional()
          .meta({ description: 'risk-budget: budget per instrument name (others 1), normalised over the selection.' }),
      })
      .prefault({}),
  })
  .meta({ description: 'The optimizer (src/core/portfolio/optimizers.ts) and its parameters.' });

export const ConstraintsSpecSchema = z
  .strictObject({
    longOnly: z.boolean(rule('true or false')).default(true).meta({ description: 'Every optimized weight ≥ 0.' }),
    minWeight: weight('Lower bound on every weight of the selection (optimizer scale: weights sum to 1).'),
    maxWeight: weight('Upper bound on every weight of the selection, e.g. 0.10.'),
    gross: num(0, 10, true, false, 'a gross exposure').optional().meta({ description: 'Σ|w| ≤ gross.' }),
    net: z
      .strictObject({ min: num(-10, 10, false, false), max: num(-10, 10, false, false) })
      .optional()
      .meta({ description: 'Σw in [min, max] (replaces the budget Σw = 1).' }),
    groups: z
      .record(
        name(),
        z.strictObject({
          members: z.array(name(), rule('a list of instrument names')).min(1, rule('a list of 1 or more instrument names')),
          min: weight('Lower cap on the group’s summed weight.'),
          max: weight('Upper cap on the group’s summed weight.'),
        }),
      )
      .optional()
      .meta({ description: 'Group caps by group name; members are instrument names of the universe.' }),
    maxTurnover: num(0, 20, true, false, 'a turnover').optional().meta({ description: 'Σ|w − previous rebalance’s w| ≤ maxTurnover.' }),
    cashBuffer: num(0, 1, false, true, 'a fraction').optional().meta({ description: 'The weights sum to 1 − cashBuffer.' }),
  })
  .meta({ description: 'Constraints; the optimizers enforce each one or refuse it by name, never ignore it.' });

export const RebalanceSpecSchema = z
  .discriminatedUnion('rule', [
    z.strictObject({
      rule: z.enum(['daily', 'weekly', 'monthly', 'quarterly']),
      every: int(1, 1000, 'a number of periods').default(1).meta({ description: 'Rebalance every n-th period.' }),
    }),
    z.strictObject({
      rule: z.literal('drift'),
      threshold: num(0, 1, true, false, 'a fraction of NAV').meta({ description: 'Trade back when any |weight − target| exceeds it.' }),
    }),
    z.strictObject({ rule: z.literal('never') }),
  ])
  .meta({ description: 'Calendar (first bar of each period), drift threshold, or never (only the first target).' });

export const PortfolioSpecSchema = z
  .strictObject({
    optimizer: OptimizerSpecSchema,
    riskModel: RiskModelSpecSchema.prefault({ name: 'sample' }),
    constraints: ConstraintsSpecSchema.prefault({}),
    rebalance: RebalanceSpecSchema.prefault({ rule: 'monthly' }),
    minTrade: num(0, 1, false, true, 'a fraction of NAV')
      .default(0)
      .meta({ description: 'Drift trades smaller than this fraction of NAV are skipped (target-positions.ts).' }),
  })
  .meta({ id: 'portfolio', description: 'Portfolio construction between the strategy’s raw targets and execution.' });

const fraction = (description: string) => num(0, 1, true, false, 'a fraction').optional().meta({ description });

export const LimitsSpecSchema = z
  .strictObject({
    maxPositionWeight: fraction('Largest |position value| / NAV an order may leave.'),
    maxGross: num(0, 100, true, false, 'a gross exposure').optional().meta({ description: 'Largest Σ|position value| / NAV.' }),
    maxOrderValue: num(0, Infinity, true, true, 'a cash amount').optional().meta({ description: 'Largest order value, in cash.' }),
    maxVolumeShare: fraction("Largest order quantity as a share of the bar's volume."),
    killSwitch: z
      .strictObject({
        drawdown: num(0, 1, true, true, 'a fraction'),
        action: z.enum(['flatten', 'reduce'], rule('"flatten" or "reduce"')),
        fraction: num(0, 1, false, true, 'a fraction').optional(),
      })
      .optional()
      .meta({ description: 'Drawdown kill switch: flatten and stop, or reduce positions to `fraction`.' }),
    dailyLossLimit: fraction("Flatten for the rest of the day when NAV falls this fraction below the previous day's."),
  })
  .meta({ description: 'Engine risk limits (src/core/lab/limits.ts), passed to the run as config.limits.' });

export const VarSpecSchema = z
  .strictObject({
    levels: z
      .array(num(0, 1, true, true, 'a confidence level'), rule('a list of confidence levels'))
      .min(1, rule('a list of 1 to 5 confidence levels'))
      .max(5, rule('a list of 1 to 5 confidence levels'))
      .default([0.95, 0.99]),
    horizons: z
      .array(int(1, 250, 'a horizon in bars'), rule('a list of horizons'))
      .min(1, rule('a list of 1 to 5 horizons'))
      .max(5, rule('a list of 1 to 5 horizons'))
      .default([1, 10]),
    window: int(2, 10_000, 'a whole number of returns').default(252).meta({ description: 'NAV returns per estimate.' }),
    method: z.enum(VAR_METHODS, rule(VAR_METHODS.map((m) => `"${m}"`).join(', '))).default('historical'),
  })
  .meta({ description: 'Rolling VaR/ES of the run’s NAV returns (h-day = 1-day × √h).' });

export const ScenarioSpecSchema = z
  .union(
    [
      z.strictObject({ name: name(), shocks: z.record(name(), num(-1, 10, false, false, 'a simple return')) }).meta({ title: 'shock vector' }),
      z.strictObject({ name: name(), worstWindow: int(1, 1000, 'a number of bars') }).meta({ title: 'worst k-bar window' }),
      z.strictObject({ name: name(), from: day('First day.'), to: day('Last day (inclusive).') }).meta({ title: 'date range replay' }),
    ],
    rule('a scenario {name, shocks} | {name, worstWindow} | {name, from, to}'),
  )
  .meta({ description: 'A stress scenario.' });

export const RiskSpecSchema = z
  .strictObject({
    limits: LimitsSpecSchema.optional(),
    var: VarSpecSchema.prefault({}),
    scenarios: z.array(ScenarioSpecSchema).max(100, rule('at most 100 scenarios')).default([]),
  })
  .meta({ id: 'risk', description: 'Risk: engine limits, rolling VaR/ES, stress scenarios.' });

export type PortfolioSpec = z.output<typeof PortfolioSpecSchema>;
export type RiskSpec = z.output<typeof RiskSpecSchema>;

/**
 * What the blocks alone cannot tell: a portfolio needs a target-weight strategy; stress needs a portfolio (it
 * prices the weights at the last rebalance); scenario names are unique; a range runs forward; instrument names
 * match the universe where the spec names every input.
 */
export function checkPortfolioBlocks(
  spec: { strategy: string; inputs: { name?: string }[]; portfolio?: PortfolioSpec; risk?: RiskSpec },
  ctx: z.core.$RefinementCtx,
) {
  const { portfolio, risk } = spec;
  if (portfolio !== undefined && !TARGET_WEIGHT_STRATEGIES.includes(spec.strategy)) {
    ctx.addIssue({
      code: 'custom',
      path: ['portfolio'],
      message: `strategy ${spec.strategy} submits orders, not target weights; portfolio construction takes ${TARGET_WEIGHT_STRATEGIES.join(' or ')}`,
    });
  }
  const names = spec.inputs.every((i) => i.name !== undefined) ? new Set(spec.inputs.map((i) => i.name as string)) : undefined;
  const known = (n: string, path: (string | number)[]) => {
    if (names !== undefined && !names.has(n))
      ctx.addIssue({ code: 'custom', path, message: `${JSON.stringify(n)} is not an input's name (names: ${[...names].join(', ')})` });
  };
  if (portfolio !== undefined) {
    const c = portfolio.constraints;
    if (c.minWeight !== undefined && c.maxWeight !== undefined && c.minWeight > c.maxWeight)
      ctx.addIssue({
        code: 'custom',
        path: ['portfolio', 'constraints', 'minWeight'],
        message: `minWeight ${c.minWeight} is above maxWeight ${c.maxWeight}`,
      });
    if (c.net !== undefined && c.net.min > c.net.max)
      ctx.addIssue({
        code: 'custom',
        path: ['portfolio', 'constraints', 'net', 'min'],
        message: `net.min ${c.net.min} is above net.max ${c.net.max}`,
      });
    for (const [g, group] of Object.entries(c.groups ?? {}))
      group.members.forEach((m, i) => known(m, ['portfolio', 'constraints', 'groups', g, 'members', i]));
    for (const n of Object.keys(portfolio.optimizer.params.budgets ?? {})) known(n, ['portfolio', 'optimizer', 'params', 'budgets', n]);
  }
  if (risk === undefined) return;
  if (risk.scenarios.length > 0 && portfolio === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['risk', 'scenarios'],
      message: 'stress scenarios price the weights at the last rebalance: they need a portfolio block',
    });
  const seen = new Map<string, number>();
  risk.scenarios.forEach((s, i) => {
    const before = seen.get(s.name);
    if (before !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['risk', 'scenarios', i, 'name'],
        message: `duplicated scenario name ${JSON.stringify(s.name)}: scenarios[${before}] has it too`,
      });
    else seen.set(s.name, i);
    if ('shocks' in s) for (const n of Object.keys(s.shocks)) known(n, ['risk', 'scenarios', i, 'shocks', n]);
    if ('from' in s && s.from > s.to)
      ctx.addIssue({ code: 'custom', path: ['risk', 'scenarios', i, 'to'], message: `the range ends (${s.to}) before it starts (${s.from})` });
  });
  const k = risk.limits?.killSwitch;
  if (k !== undefined && k.action === 'reduce' && k.fraction === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['risk', 'limits', 'killSwitch', 'fraction'],
      message: 'required: the fraction positions are cut to when action is "reduce"',
    });
}

/**
 * Instrument names in the blocks that are not in the universe, once every input has its name (the experiment's
 * creation fills the artifacts' instruments): problems with the spec path of each.
 */
export function unknownPortfolioNames(
  spec: { portfolio?: PortfolioSpec; risk?: RiskSpec },
  names: readonly string[],
): { path: string; message: string }[] {
  const set = new Set(names);
  const out: { path: string; message: string }[] = [];
  const check = (n: string, path: string) => {
    if (!set.has(n)) out.push({ path, message: `${JSON.stringify(n)} is not an input's name (names: ${names.join(', ')})` });
  };
  for (const [g, group] of Object.entries(spec.portfolio?.constraints.groups ?? {}))
    group.members.forEach((m, i) => check(m, `spec.portfolio.constraints.groups.${g}.members[${i}]`));
  for (const n of Object.keys(spec.portfolio?.optimizer.params.budgets ?? {})) check(n, `spec.portfolio.optimizer.params.budgets.${n}`);
  (spec.risk?.scenarios ?? []).forEach((s, i) => {
    if ('shocks' in s) for (const n of Object.keys(s.shocks)) check(n, `spec.risk.scenarios[${i}].shocks.${n}`);
  });
  return out;
}
