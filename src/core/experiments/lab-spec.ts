/**
 * The experiment spec, version 2, profile `lab`: a strategy over a universe of 1 to 1,000 OHLCV inputs on the lab
 * engine (src/core/lab), with the engine's whole configuration. Version 1 (`backtesting.py`) is untouched: a
 * version-2 spec is one more member of the spec's union on `profile`, so every version-1 spec keeps its meaning,
 * id and hashes.
 *
 * The strategy is a discriminated union built from the registry: every entry with a `lab` form is a member and
 * its `params` are checked against that form's ParamSpec list. `config` mirrors LabConfigInput
 * (src/core/lab/config.ts) with every default filled in, so the normalized spec names every setting a run used;
 * the slippage model is itself a union on `model`, each model carrying exactly the numbers it reads.
 *
 * What needs the store (an input's default name, its kind, its interval) is checked when the experiment is
 * created (src/handlers/experiments/resolve-universe.ts); this file checks what the JSON alone can tell.
 */
import { z } from 'zod';
import { findStrategy, labStrategyIds, type StrategyEntry } from '../strategies/registry';
import { paramRule, paramSchema } from './param-schema';
import { checkPortfolioBlocks, PortfolioSpecSchema, RiskSpecSchema, type PortfolioSpec, type RiskSpec } from './portfolio-spec';
import { contentHashSchema, flag, labelSchema, rule, seedSchema } from './spec-rule';

export const LAB_SPEC_VERSION = 2;
export const MAX_UNIVERSE = 1000;

const NAME_RULE = 'a non-empty instrument name of at most 100 characters';

/** `n` in [low, high] with open or closed ends, as the engine config states its ranges. */
function inRange(low: number, high: number, lowOpen: boolean, highOpen: boolean, what = 'a number') {
  const text = `${what} in ${lowOpen ? '(' : '['}${low}, ${high === Infinity ? '∞' : high}${highOpen ? ')' : ']'}`;
  const r = rule(text);
  let s = z.number(r);
  s = lowOpen ? s.gt(low, r) : s.min(low, r);
  if (high !== Infinity) s = highOpen ? s.lt(high, r) : s.max(high, r);
  return s;
}

/** One member of the universe, by content; `name` is what results call it (default: the artifact's instrument). */
export const UniverseInputSchema = z
  .strictObject({
    contentHash: contentHashSchema(),
    name: z.string(rule(NAME_RULE)).trim().min(1, rule(NAME_RULE)).max(100, rule(NAME_RULE)).optional().meta({
      description:
        "The instrument's name in results and strategy parameters; unique in the universe. Default: the stored artifact's instrument. Part of the identity.",
    }),
  })
  .meta({ description: 'An input of the universe: an ohlcv artifact, by content.' });

const bps = inRange(0, 10_000, false, true, 'basis points').meta({ description: '1 bp = 0.0001 of the price.' });

export const LabSlippageSchema = z
  .discriminatedUnion('model', [
    z.strictObject({ model: z.literal('none') }).meta({ title: 'no slippage' }),
    z.strictObject({ model: z.literal('fixed-bps'), bps }).meta({ title: 'fixed slippage in basis points' }),
    z
      .strictObject({ model: z.literal('random'), bps: bps.meta({ description: 'Maximum: uniform in [0, bps), drawn from the seeded RNG.' }) })
      .meta({ title: 'seeded random slippage' }),
    z
      .strictObject({
        model: z.literal('volatility'),
        volMultiplier: inRange(0, Infinity, false, true).meta({ description: 'Slippage = volMultiplier × sample std of recent returns.' }),
        window: z
          .number(rule('an integer in [2, 10000]'))
          .int(rule('an integer in [2, 10000]'))
          .min(2, rule('an integer in [2, 10000]'))
          .max(10_000, rule('an integer in [2, 10000]'))
          .default(20)
          .meta({ description: 'Close-to-close returns in the volatility estimate.' }),
      })
      .meta({ title: 'volatility-scaled slippage' }),
  ])
  .meta({ description: 'Adverse slippage model, always a cost.' });

export const LabConfigSchema = z
  .strictObject({
    cash: inRange(0, Infinity, true, true, 'a cash amount').default(10_000).meta({ description: 'Starting cash.' }),
    commission: z
      .strictObject({
        fixed: inRange(0, Infinity, false, true, 'a cash amount').default(0).meta({ description: 'Cash per fill.' }),
        relative: inRange(0, 1, false, true, 'a rate').default(0).meta({ description: "Fraction of the fill's value (|units| × price)." }),
      })
      .prefault({})
      .meta({ description: 'Per fill: fixed + relative × value.' }),
    spread: inRange(0, 1, false, true, 'a fraction of price')
      .default(0)
      .meta({ description: 'Full bid–ask spread as a fraction of the bar price; buys pay +spread/2, sells −spread/2.' }),
    slippage: LabSlippageSchema.prefault({ model: 'none' }),
    fillTiming: z
      .enum(['next-open', 'close'], rule('"next-open" or "close"'))
      .default('next-open')
      .meta({ description: "Market orders fill at the next bar's open, or at the deciding bar's close." }),
    volumeShare: inRange(0, 1, false, false, 'a fraction')
      .default(0)
      .meta({ description: "Largest share of a bar's volume fills may take; 0 = no cap." }),
    volumeRemainder: z
      .enum(['keep', 'cancel'], rule('"keep" or "cancel"'))
      .default('keep')
      .meta({ description: 'What happens to the part of an order the volume cap left unfilled.' }),
    marginRatio: inRange(0, 1, true, false, 'a margin ratio')
      .default(1)
      .meta({ description: 'Required margin as a fraction of gross exposure; leverage = 1 / marginRatio.' }),
    allowShort: flag('Allow short positions (short entries are refused otherwise).'),
    bracketRule: z
      .enum(['stop-first', 'target-first', 'nearest-to-open'], rule('"stop-first", "target-first" or "nearest-to-open"'))
      .default('stop-first')
      .meta({ description: 'Which bracket leg fills when a bar touches both.' }),
    lotSize: z
      .union(
        [inRange(0, Infinity, true, true, 'a lot size'), z.array(inRange(0, Infinity, true, true, 'a lot size'))],
        rule('a lot size > 0, or one per input'),
      )
      .default(1)
      .meta({ description: 'Smallest tradable quantity: one number for every instrument, or one per input in input order.' }),
    closeAtEnd: flag("After the last bar, close every open trade at its instrument's last known close (costs apply)."),
    seed: seedSchema('Seed of the run (random slippage draws from it); part of the identity.'),
  })
  .meta({ description: 'The lab engine configuration (src/core/lab/config.ts), every default filled in.' });

/** Duplicated names and inputs are refused with both positions named; lot sizes must match the inputs. */
function checkUniverse(
  spec: { inputs: { contentHash: string; name?: string }[]; config: { lotSize: number | number[] } },
  ctx: z.core.$RefinementCtx,
) {
  const names = new Map<string, number>();
  const hashes = new Map<string, number>();
  spec.inputs.forEach((input, i) => {
    const sameHash = hashes.get(input.contentHash);
    if (sameHash !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['inputs', i, 'contentHash'],
        message: `duplicated input: the same content as inputs[${sameHash}] (each instrument once)`,
      });
    } else hashes.set(input.contentHash, i);
    if (input.name === undefined) return;
    const sameName = names.get(input.name);
    if (sameName !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['inputs', i, 'name'],
        message: `duplicated name ${JSON.stringify(input.name)}: inputs[${sameName}] has it too (names are unique in a universe)`,
      });
    } else names.set(input.name, i);
  });
  const lots = spec.config.lotSize;
  if (Array.isArray(lots) && lots.length !== spec.inputs.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['config', 'lotSize'],
      message: `expected one lot size per input (${spec.inputs.length}), got ${lots.length}`,
    });
  }
}

/** Strategies whose parameters name instruments by their universe index (0-based, input order). */
export const INSTRUMENT_PARAMS: Readonly<Record<string, readonly string[]>> = { pairs: ['y', 'x'] };

/**
 * What a parameter's schema alone cannot tell: a registry maximum (a code such as xmom's rebalance calendar), an
 * instrument index beyond the universe, and pairs' two legs on one instrument — refused here, with the parameter
 * named, rather than failing the run after the experiment was stored. (A message stating a rule starts with
 * "expected": spec-problems.ts adds the value given.)
 */
function checkParams(entry: StrategyEntry) {
  return (spec: { params: Record<string, number | undefined>; inputs: { name?: string }[] }, ctx: z.core.$RefinementCtx) => {
    for (const p of entry.lab.params) {
      const v = spec.params[p.name];
      if (p.max !== undefined && v !== undefined && v > p.max)
        ctx.addIssue({ code: 'custom', path: ['params', p.name], message: `expected ${paramRule(p)} and ≤ ${p.max}` });
    }
    const legs = INSTRUMENT_PARAMS[entry.id] ?? [];
    const n = spec.inputs.length;
    const seen = new Map<number, string>();
    for (const name of legs) {
      const v = spec.params[name];
      if (v === undefined || !Number.isInteger(v)) continue;
      if (v >= n) {
        ctx.addIssue({
          code: 'custom',
          path: ['params', name],
          message: `expected the index of an input, 0 to ${n - 1} (the universe has ${n} input${n === 1 ? '' : 's'})`,
        });
        continue;
      }
      const other = seen.get(v);
      if (other !== undefined) {
        const called = spec.inputs[v].name;
        ctx.addIssue({
          code: 'custom',
          path: ['params', name],
          message: `${name} and ${other} must be two different instruments: both are inputs[${v}]${called ? ` ${called}` : ''}`,
        });
      } else seen.set(v, name);
    }
  };
}

function labMember(strategy: string) {
  const entry = findStrategy(strategy);
  return z
    .strictObject({
      specVersion: z
        .literal(LAB_SPEC_VERSION, rule(`specVersion ${LAB_SPEC_VERSION} (the lab profile)`))
        .meta({ description: 'Version of this format.' }),
      profile: z.literal('lab'),
      label: labelSchema('A name for people. Not part of the experiment identity.'),
      strategy: z.literal(entry.id).meta({ description: entry.description }),
      params: z
        .strictObject(Object.fromEntries(entry.lab.params.map((p) => [p.name, paramSchema(p)])))
        .prefault({})
        .meta({ description: `Parameters of ${entry.id} in the lab profile.` }),
      inputs: z
        .array(UniverseInputSchema, rule(`a list of 1 to ${MAX_UNIVERSE} inputs`))
        .min(1, rule(`a list of 1 to ${MAX_UNIVERSE} inputs`))
        .max(MAX_UNIVERSE, rule(`a list of 1 to ${MAX_UNIVERSE} inputs`)),
      config: LabConfigSchema.prefault({}),
      portfolio: PortfolioSpecSchema.optional(),
      risk: RiskSpecSchema.optional(),
    })
    .superRefine(checkUniverse)
    .superRefine(checkParams(entry))
    .superRefine(checkPortfolioBlocks)
    .meta({ title: `lab profile, ${entry.id}` });
}

type LabMember = ReturnType<typeof labMember>;

/** Every lab strategy of the registry, one member each (a registry entry added later is a member at once). */
export const LabSpecSchema = z.discriminatedUnion('strategy', labStrategyIds().map(labMember) as unknown as [LabMember, ...LabMember[]]);

/** Top-level keys of a lab spec, config keys and slippage keys (for "unknown key" hints). */
export const LAB_KEYS: readonly string[] = ['specVersion', 'profile', 'label', 'strategy', 'params', 'inputs', 'config', 'portfolio', 'risk'];
export const LAB_CONFIG_KEYS: readonly string[] = Object.keys(LabConfigSchema.shape);
export const LAB_INPUT_KEYS: readonly string[] = Object.keys(UniverseInputSchema.shape);

export type LabSpecConfig = z.output<typeof LabConfigSchema>;

export interface UniverseInput {
  contentHash: string;
  /** Always set once the experiment is created (resolve-universe.ts fills the artifact's instrument). */
  name?: string;
}

/** A parsed version-2 spec: every default filled in. */
export interface LabSpec {
  specVersion: 2;
  profile: 'lab';
  label?: string;
  strategy: string;
  params: Record<string, number>;
  inputs: UniverseInput[];
  config: LabSpecConfig;
  /** Portfolio construction (portfolio-spec.ts); absent: the strategy trades directly, as before. */
  portfolio?: PortfolioSpec;
  risk?: RiskSpec;
}
