/**
 * The experiment spec: validation messages (JSON path + rule + value), defaults, normalization, identity, and the
 * committed JSON Schema. The GOOG spec's identity is pinned: specHash is SHA-256 of a documented text, so it is
 * recomputed here with node:crypto from a literal — nothing machine- or run-dependent goes in.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson, CanonicalJsonError } from '../../../src/core/experiments/canonical-json';
import { SpecValidationError } from '../../../src/core/experiments/errors';
import { experimentSpecJsonSchema, experimentSpecJsonSchemaText } from '../../../src/core/experiments/json-schema';
import { experimentIdOf, identifySpec, prepareSpec, runIdOf, specIdentityView, verifyPrepared } from '../../../src/core/experiments/identity';
import { checkSpec, parseSpec } from '../../../src/core/experiments/spec-problems';
import { specStrategyIds, type BacktestingPySpec } from '../../../src/core/experiments/spec';
import { strategyIds } from '../../../src/core/strategies/registry';
import { GOOG_HASH } from '../../helpers/goog-experiment';

const goog = (over: Record<string, unknown> = {}) => ({
  specVersion: 1,
  profile: 'backtesting.py',
  strategy: 'sma-cross',
  params: { fast: 10, slow: 20 },
  inputs: [{ contentHash: GOOG_HASH, label: 'GOOG' }],
  costs: { commission: { relative: 0.002 } },
  broker: { exclusiveOrders: true },
  ...over,
});

function problems(raw: unknown): string[] {
  const check = checkSpec(raw);
  if (check.ok) throw new Error('expected the spec to be refused');
  return check.problems.map((p) => `${p.path}: ${p.message}`);
}

describe('spec validation', () => {
  it('names the JSON path, the rule and the value given', () => {
    expect(problems(goog({ params: { fast: 0, slow: 20 } }))).toEqual(['spec.params.fast: expected integer ≥ 1, got 0']);
    expect(problems(goog({ params: { fast: 2.5, slow: 20 } }))).toEqual(['spec.params.fast: expected integer ≥ 1, got 2.5']);
    expect(problems(goog({ params: { fast: '10', slow: 20 } }))).toEqual(['spec.params.fast: expected integer ≥ 1, got "10"']);
    expect(problems(goog({ params: { slow: 20 } }))).toEqual(['spec.params.fast: required: integer ≥ 1']);
    expect(problems(goog({ params: { fast: 10, slow: 20, sl: 1.5 } }))).toEqual(['spec.params.sl: expected a fraction in (0, 1), got 1.5']);
    expect(problems(goog({ inputs: [{ contentHash: 'F2E4' }] }))).toEqual([
      'spec.inputs[0].contentHash: expected a contentHash (64 lowercase hex digits), got "F2E4"',
    ]);
    expect(problems(goog({ costs: { commission: { relative: 0.5 }, spread: -0.01 } }))).toEqual([
      'spec.costs.commission.relative: expected a rate in [-0.1, 0.1), got 0.5',
      'spec.costs.spread: expected a fraction of price in [0, 1), got -0.01',
    ]);
    expect(problems(goog({ broker: { cash: 0, margin: 2, hedging: 'yes' } }))).toEqual([
      'spec.broker.cash: expected a cash amount > 0, got 0',
      'spec.broker.margin: expected a margin ratio in (0, 1], got 2',
      'spec.broker.hedging: expected true or false, got "yes"',
    ]);
    expect(problems(goog({ seed: 2 ** 32 }))).toEqual(['spec.seed: expected an integer in [0, 4294967295], got 4294967296']);
  });

  it('refuses unknown keys with a "did you mean" hint', () => {
    expect(problems(goog({ params: { fats: 10, slow: 20 } }))).toEqual([
      'spec.params.fast: required: integer ≥ 1',
      'spec.params.fats: unknown parameter of sma-cross; did you mean "fast"? (known: fast, slow, sl, tp)',
    ]);
    expect(problems(goog({ comission: 0.002 }))).toEqual([
      'spec.comission: unknown key (known: specVersion, profile, label, strategy, params, inputs, broker, costs, seed)',
    ]);
    expect(problems(goog({ costs: { comission: { relative: 0.002 } } }))).toEqual([
      'spec.costs.comission: unknown cost; did you mean "commission"? (known: commission, spread)',
    ]);
    expect(problems(goog({ broker: { exclusive_orders: true } }))[0]).toMatch(/^spec\.broker\.exclusive_orders: unknown broker setting/);
  });

  it('says which strategies, profiles and versions exist', () => {
    expect(problems(goog({ strategy: 'sma-crss' }))).toEqual([
      `spec.strategy: unknown strategy "sma-crss"; did you mean "sma-cross"? (strategies: ${specStrategyIds().join(', ')})`,
    ]);
    expect(problems(goog({ strategy: undefined }))).toEqual([`spec.strategy: required: one of ${specStrategyIds().join(', ')}`]);
    expect(problems(goog({ profile: 'labb' }))).toEqual([
      'spec.profile: unknown profile "labb"; did you mean "lab"? (profiles: backtesting.py, lab)',
    ]);
    // Version 2 is the lab profile's: a backtesting.py spec stays version 1, a lab spec needs 2.
    expect(problems(goog({ profile: 'lab' }))[0]).toBe('spec.specVersion: expected specVersion 2 (the lab profile), got 1');
    expect(problems(goog({ specVersion: 2 }))).toEqual(['spec.specVersion: expected specVersion 1, got 2']);
    expect(problems(goog({ specVersion: 3 }))).toEqual(['spec.specVersion: version 3 is newer than this lab reads (2); update the lab']);
    expect(problems(goog({ specVersion: undefined }))).toEqual(['spec.specVersion: required: specVersion 1']);
    expect(problems(goog({ inputs: [] }))).toEqual([
      'spec.inputs: expected exactly one input (the backtesting.py profile runs on one instrument), got []',
    ]);
    expect(problems([goog()])).toEqual(['spec: expected a JSON object, got [{"specVersion":1,"profile":"backtesting.py","strategy":"…']);
  });

  it('throws one SpecValidationError listing every problem, prefixed with the source', () => {
    const err = (() => {
      try {
        parseSpec(goog({ params: { fast: 0, slow: 20 }, seed: -1 }), 'spec.json');
      } catch (e) {
        return e as SpecValidationError;
      }
      throw new Error('not refused');
    })();
    expect(err).toBeInstanceOf(SpecValidationError);
    expect(err.message).toBe('spec.json: spec.params.fast: expected integer ≥ 1, got 0; spec.seed: expected an integer in [0, 4294967295], got -1');
    expect(err.problems).toHaveLength(2);
  });

  it('fills in the defaults: backtesting.py broker, no costs, seed 0, strategy defaults', () => {
    const spec = parseSpec({
      specVersion: 1,
      profile: 'backtesting.py',
      strategy: 'mean-reversion',
      params: { window: 20 },
      inputs: [{ contentHash: GOOG_HASH }],
    });
    expect(spec).toEqual({
      specVersion: 1,
      profile: 'backtesting.py',
      strategy: 'mean-reversion',
      params: { window: 20, entry_z: 2, exit_z: 0.5 },
      inputs: [{ contentHash: GOOG_HASH }],
      broker: { cash: 10_000, margin: 1, tradeOnClose: false, hedging: false, exclusiveOrders: false, finalizeTrades: false },
      costs: { commission: { fixed: 0, relative: 0 }, spread: 0 },
      seed: 0,
    });
  });
});

describe('normalization and identity', () => {
  const IDENTITY_TEXT =
    'quantlab/experiment-spec/v1\n' +
    '{"broker":{"cash":10000,"exclusiveOrders":true,"finalizeTrades":false,"hedging":false,"margin":1,"tradeOnClose":false},' +
    '"costs":{"commission":{"fixed":0,"relative":0.002},"spread":0},' +
    `"inputs":[{"contentHash":"${GOOG_HASH}"}],"params":{"fast":10,"slow":20},"profile":"backtesting.py","seed":0,"specVersion":1,"strategy":"sma-cross"}`;

  it('pins the GOOG spec identity: specHash is SHA-256 of the documented canonical text', async () => {
    const prepared = await prepareSpec(goog());
    expect(canonicalJson(specIdentityView(prepared.spec))).toBe(IDENTITY_TEXT.slice('quantlab/experiment-spec/v1\n'.length));
    expect(prepared.specHash).toBe(createHash('sha256').update(IDENTITY_TEXT, 'utf8').digest('hex'));
    expect(prepared.specHash).toBe('99c61648f98d6fec74bccb88816b9bd180fc937235df5245c368cd2c56c02d23');
    expect(prepared.id).toBe('exp_99c61648f98d6fec74bccb88');
  });

  it('gives the same id however the same spec is written: key order, defaults spelled out, labels, number spelling', async () => {
    const a = await prepareSpec(goog());
    const b = await prepareSpec(
      JSON.parse(
        `{"seed":0,"label":"another name","costs":{"spread":0,"commission":{"relative":2e-3,"fixed":-0}},"broker":{"margin":1.0,"cash":1e4,"exclusiveOrders":true,"hedging":false},` +
          `"inputs":[{"label":"Alphabet","contentHash":"${GOOG_HASH}"}],"params":{"slow":20.0,"fast":10},"strategy":"sma-cross","profile":"backtesting.py","specVersion":1}`,
      ),
    );
    expect(b.id).toBe(a.id);
    expect(b.specHash).toBe(a.specHash);
    expect(b.spec.label).toBe('another name');
    expect((b.spec as BacktestingPySpec).costs.commission.fixed).toBe(0);
    expect(Object.is((b.spec as BacktestingPySpec).costs.commission.fixed, -0)).toBe(false);
  });

  it('gives another id to anything that changes the run: parameters, costs, broker, inputs, seed', async () => {
    const base = (await prepareSpec(goog())).id;
    const variants = [
      goog({ params: { fast: 11, slow: 20 } }),
      goog({ costs: { commission: { relative: 0.001 } } }),
      goog({ broker: { exclusiveOrders: false } }),
      goog({ inputs: [{ contentHash: 'a'.repeat(64) }] }),
      goog({ seed: 1 }),
      goog({ params: { fast: 10, slow: 20, sl: 0.05 } }),
    ];
    const ids = await Promise.all(variants.map(async (v) => (await prepareSpec(v)).id));
    expect(new Set([base, ...ids]).size).toBe(variants.length + 1);
  });

  it('normalizes to sorted keys and a deep copy', async () => {
    const raw = goog();
    const { spec } = await identifySpec(parseSpec(raw));
    expect(Object.keys(spec)).toEqual([...Object.keys(spec)].sort());
    expect(Object.keys((spec as BacktestingPySpec).broker)).toEqual([...Object.keys((spec as BacktestingPySpec).broker)].sort());
    expect(JSON.stringify(spec)).toBe(canonicalJson(spec));
  });

  it('derives the run id from the spec hash and the engine build', async () => {
    const { specHash } = await prepareSpec(goog());
    const engine = 'b'.repeat(64);
    const expected = createHash('sha256').update(`quantlab/experiment-run/v1\n${specHash}\n${engine}`).digest('hex').slice(0, 24);
    expect(await runIdOf(specHash, engine)).toBe(`run_${expected}`);
    expect(await runIdOf(specHash, 'c'.repeat(64))).not.toBe(`run_${expected}`);
    expect(experimentIdOf(specHash)).toBe(`exp_${specHash.slice(0, 24)}`);
  });

  it('refuses a prepared spec that does not hash to its id', async () => {
    const p = await prepareSpec(goog());
    await expect(verifyPrepared({ ...p, specHash: 'f'.repeat(64) })).rejects.toThrow(TypeError);
    expect((await verifyPrepared(p)).id).toBe(p.id);
  });
});

describe('canonical JSON', () => {
  it('sorts keys by code unit, drops undefined, writes shortest numbers and 0 for -0', () => {
    expect(canonicalJson({ b: 1, a: [true, 'x', -0, 1e21, 0.1, 100], c: undefined, B: null })).toBe(
      '{"B":null,"a":[true,"x",0,1e+21,0.1,100],"b":1}',
    );
    expect(canonicalJson({ é: 1, z: 2, Z: 3 })).toBe('{"Z":3,"z":2,"é":1}');
  });

  it('refuses what has no canonical form', () => {
    expect(() => canonicalJson({ x: NaN })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ x: Infinity })).toThrow(/\$\.x: Infinity has no canonical JSON form/);
    expect(() => canonicalJson({ x: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson({ x: '\ud800' })).toThrow(/lone surrogate/);
  });
});

describe('JSON Schema of the spec', () => {
  it('docs/experiment-spec.schema.json is generated from the zod schema and up to date (regenerate: quantlab experiments schema)', () => {
    const committed = readFileSync(new URL('../../../docs/experiment-spec.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(experimentSpecJsonSchemaText());
  });

  it('documents every strategy of the backtesting.py profile with its own parameters', () => {
    const schema = experimentSpecJsonSchema() as {
      oneOf: Array<{
        oneOf: Array<{
          properties: Record<string, { const?: string; properties?: Record<string, unknown>; additionalProperties?: boolean }>;
          required: string[];
        }>;
      }>;
    };
    const members = schema.oneOf[0].oneOf;
    expect(members.map((m) => m.properties.strategy.const)).toEqual([...strategyIds(), 'sql-signal']);
    for (const m of members) {
      expect(m.properties.profile.const).toBe('backtesting.py');
      // sql-signal's params have no default (the query is required).
      expect(m.required).toEqual(
        m.properties.strategy.const === 'sql-signal'
          ? ['specVersion', 'profile', 'strategy', 'params', 'inputs']
          : ['specVersion', 'profile', 'strategy', 'inputs'],
      );
      expect(m.properties.params.additionalProperties).toBe(false);
    }
    expect(Object.keys(members[0].properties.params.properties!)).toEqual(['fast', 'slow', 'sl', 'tp']);
    expect(Object.keys(members[members.length - 1].properties.params.properties!)).toEqual(['sql']);
  });
});
