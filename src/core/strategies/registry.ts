import { MeanReversion } from '../compat/strategies/mean-reversion';
import { Momentum } from '../compat/strategies/momentum';
import { SmaCross } from '../compat/strategies/sma-cross';
import type { Strategy } from '../compat/strategy';
import { didYouMean } from '../csv/did-you-mean';
import type { LabBuiltinSpec } from '../lab/strategies/builtin';

/** How a strategy parameter is checked and shown. */
export interface ParamSpec {
  name: string;
  kind: 'integer' | 'fraction' | 'number';
  required: boolean;
  default?: number;
  min?: number;
  description: string;
}

/** A strategy built into the WASM engine: its name there and its numeric parameters. */
export interface EngineStrategy {
  name: 'sma-cross';
  params: { fast: number; slow: number; sl?: number; tp?: number };
}

export interface StrategyEntry {
  id: string;
  description: string;
  params: ParamSpec[];
  /** The TypeScript reference implementation. */
  create(params: Record<string, number>): Strategy;
  /** The same strategy built into the WASM engine, where it is (the hot path); bit-identical to `create`. */
  engine?(params: Record<string, number>): EngineStrategy;
  /** The strategy in the lab profile (src/core/lab): its parameters there and its built-in spec. */
  lab: { params: ParamSpec[]; spec(params: Record<string, number>): LabBuiltinSpec };
}

/** Which engine profile a strategy's parameters are checked for. */
export type StrategyProfile = 'backtesting.py' | 'lab';

const LAB_WEIGHT: ParamSpec = {
  name: 'weight',
  kind: 'number',
  required: false,
  default: 0.95,
  min: 0,
  description: 'fraction of NAV per position (default 0.95, leaving room for costs)',
};

export class StrategyParamError extends Error {
  override name = 'StrategyParamError';
}

function smaCrossParams(p: Record<string, number>): EngineStrategy['params'] {
  return { fast: p.fast, slow: p.slow, ...(p.sl === undefined ? {} : { sl: p.sl }), ...(p.tp === undefined ? {} : { tp: p.tp }) };
}

const ENTRIES: StrategyEntry[] = [
  {
    id: 'sma-cross',
    description: 'Simple moving-average crossover of close (long when fast crosses above slow, short when below).',
    params: [
      { name: 'fast', kind: 'integer', required: true, min: 1, description: 'fast SMA window, bars' },
      { name: 'slow', kind: 'integer', required: true, min: 1, description: 'slow SMA window, bars' },
      { name: 'sl', kind: 'fraction', required: false, description: 'stop-loss as a fraction of the signal close' },
      { name: 'tp', kind: 'fraction', required: false, description: 'take-profit as a fraction of the signal close' },
    ],
    create: (p) => new SmaCross(smaCrossParams(p)),
    engine: (p) => ({ name: 'sma-cross', params: smaCrossParams(p) }),
    lab: {
      params: [
        { name: 'fast', kind: 'integer', required: true, min: 1, description: 'fast SMA window, bars' },
        { name: 'slow', kind: 'integer', required: true, min: 1, description: 'slow SMA window, bars' },
        LAB_WEIGHT,
      ],
      spec: (p) => ({ name: 'sma-cross', params: { fast: p.fast, slow: p.slow, weight: p.weight } }),
    },
  },
  {
    id: 'momentum',
    description: 'Time-series momentum: long while the rate of change over lookback bars is above +threshold, short below −threshold.',
    params: [
      { name: 'lookback', kind: 'integer', required: true, min: 1, description: 'rate-of-change lookback, bars' },
      { name: 'threshold', kind: 'number', required: false, default: 0, min: 0, description: 'dead band around zero, as a fraction' },
    ],
    create: (p) => new Momentum({ lookback: p.lookback, threshold: p.threshold }),
    lab: {
      params: [
        { name: 'lookback', kind: 'integer', required: true, min: 1, description: 'rate-of-change lookback, bars' },
        { name: 'threshold', kind: 'number', required: false, default: 0, min: 0, description: 'dead band around zero, as a fraction' },
        LAB_WEIGHT,
      ],
      spec: (p) => ({ name: 'momentum', params: { lookback: p.lookback, threshold: p.threshold, weight: p.weight } }),
    },
  },
  {
    id: 'mean-reversion',
    description: 'Z-score mean reversion: enter against moves beyond ±entry_z standard deviations, exit inside ±exit_z.',
    params: [
      { name: 'window', kind: 'integer', required: true, min: 2, description: 'z-score window, bars' },
      { name: 'entry_z', kind: 'number', required: false, default: 2, min: 0, description: 'entry threshold, standard deviations' },
      { name: 'exit_z', kind: 'number', required: false, default: 0.5, min: 0, description: 'exit threshold, standard deviations' },
    ],
    create: (p) => new MeanReversion({ window: p.window, entryZ: p.entry_z, exitZ: p.exit_z }),
    lab: {
      params: [
        { name: 'window', kind: 'integer', required: true, min: 2, description: 'z-score window, bars' },
        { name: 'entry_z', kind: 'number', required: false, default: 2, min: 0, description: 'entry threshold, standard deviations' },
        { name: 'exit_z', kind: 'number', required: false, default: 0.5, min: 0, description: 'exit threshold, standard deviations' },
        LAB_WEIGHT,
      ],
      spec: (p) => ({ name: 'mean-reversion', params: { window: p.window, entryZ: p.entry_z, exitZ: p.exit_z, weight: p.weight } }),
    },
  },
];

export function strategyIds(): string[] {
  return ENTRIES.map((e) => e.id);
}

/** Strategies that run in the lab profile (an entry with a `lab` form): the members of a version-2 spec. */
export function labStrategyIds(): string[] {
  return ENTRIES.filter((e) => (e as Partial<StrategyEntry>).lab !== undefined).map((e) => e.id);
}

export function findStrategy(id: string): StrategyEntry {
  const entry = ENTRIES.find((e) => e.id === id);
  if (entry) return entry;
  const hint = didYouMean([id], strategyIds());
  throw new StrategyParamError(`unknown strategy "${id}"${hint ? `; did you mean "${hint}"?` : ''} (known: ${strategyIds().join(', ')})`);
}

/** Checks names, kinds and ranges; fills defaults. Unknown names get a "did you mean" hint. */
export function validateStrategyParams(
  entry: StrategyEntry,
  given: Record<string, number>,
  profile: StrategyProfile = 'backtesting.py',
): Record<string, number> {
  const specs = profile === 'lab' ? entry.lab.params : entry.params;
  const names = specs.map((p) => p.name);
  for (const key of Object.keys(given)) {
    if (!names.includes(key)) {
      const hint = didYouMean([key], names);
      throw new StrategyParamError(
        `strategy ${entry.id} has no parameter "${key}"${profile === 'lab' ? ' in the lab profile' : ''}${hint ? `; did you mean "${hint}"?` : ''} (parameters: ${names.join(', ')})`,
      );
    }
  }
  const out: Record<string, number> = {};
  for (const spec of specs) {
    const v = given[spec.name] ?? spec.default;
    if (v === undefined) {
      if (spec.required) throw new StrategyParamError(`strategy ${entry.id} needs parameter "${spec.name}" (${spec.description})`);
      continue;
    }
    if (!Number.isFinite(v)) throw new StrategyParamError(`${entry.id}: ${spec.name} must be a finite number, got ${v}`);
    if (spec.kind === 'integer' && !Number.isInteger(v)) throw new StrategyParamError(`${entry.id}: ${spec.name} must be an integer, got ${v}`);
    if (spec.kind === 'fraction' && !(v > 0 && v < 1))
      throw new StrategyParamError(`${entry.id}: ${spec.name} must be a fraction in (0, 1), got ${v}`);
    if (spec.min !== undefined && v < spec.min) throw new StrategyParamError(`${entry.id}: ${spec.name} must be ≥ ${spec.min}, got ${v}`);
    out[spec.name] = v;
  }
  return out;
}
