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
  /** Largest allowed value (codes such as xmom's rebalance calendar). */
  max?: number;
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
  /** Parameters in the backtesting.py profile; empty for a strategy that runs only in the lab profile. */
  params: ParamSpec[];
  /** The TypeScript reference implementation in the backtesting.py profile; absent for a lab-only strategy. */
  create?(params: Record<string, number>): Strategy;
  /** The same strategy built into the WASM engine, where it is (the hot path); bit-identical to `create`. */
  engine?(params: Record<string, number>): EngineStrategy;
  /** The strategy in the lab profile (src/core/lab): its parameters there and its built-in spec. */
  lab: { params: ParamSpec[]; spec(params: Record<string, number>): LabBuiltinSpec };
}

/** Which engine profile a strategy's parameters are checked for. */
export type StrategyProfile = 'backtesting.py' | 'lab';

/**
 * The per-instrument built-ins' size in the lab profile: a budget split equally over the universe, so that on K
 * instruments each position is weight / K of NAV (on one instrument, the weight itself).
 */
const LAB_WEIGHT: ParamSpec = {
  name: 'weight',
  kind: 'number',
  required: false,
  default: 0.95,
  min: 0,
  description: 'fraction of NAV for all instruments together, split equally: each position is weight / K (default 0.95, leaving room for costs)',
};

const integer = (name: string, d: number, min: number, description: string, max?: number): ParamSpec => ({
  name,
  kind: 'integer',
  required: false,
  default: d,
  min,
  ...(max === undefined ? {} : { max }),
  description,
});
const number = (name: string, d: number, description: string): ParamSpec => ({
  name,
  kind: 'number',
  required: false,
  default: d,
  min: 0,
  description,
});

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
      spec: (p) => ({ name: 'sma-cross', params: { fast: p.fast, slow: p.slow, budget: p.weight } }),
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
      spec: (p) => ({ name: 'momentum', params: { lookback: p.lookback, threshold: p.threshold, budget: p.weight } }),
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
      spec: (p) => ({ name: 'mean-reversion', params: { window: p.window, entryZ: p.entry_z, exitZ: p.exit_z, budget: p.weight } }),
    },
  },
  {
    id: 'xmom',
    description:
      'Cross-sectional momentum over a universe: at each rebalance, long the top_k instruments by close[t−skip]/close[t−lookback] − 1, optionally short the bottom_k.',
    params: [],
    lab: {
      params: [
        integer('lookback', 252, 1, 'bars back to the start price of the momentum'),
        integer('skip', 21, 0, 'most recent bars left out of the momentum (< lookback)'),
        integer('rebalance', 1, 1, 'rebalance calendar: 1 monthly, 2 weekly, 3 every bar (at the first bar of each period)', 3),
        integer('top_k', 3, 1, 'instruments held long: the highest momentum'),
        integer('bottom_k', 0, 0, 'instruments held short: the lowest momentum (0 = long only)'),
        integer('weighting', 0, 0, 'weights within a leg: 0 equal, 1 inverse volatility', 1),
        integer('vol_window', 63, 2, 'returns in the volatility of inverse-volatility weighting'),
        number('gross', 0.95, 'gross exposure as a fraction of NAV (long only: all long; with shorts: half per leg)'),
        number('min_trade', 0.001, 'skip resizing trades smaller than this fraction of NAV (opens and closes always trade)'),
      ],
      spec: (p) => ({
        name: 'xmom',
        params: {
          lookback: p.lookback,
          skip: p.skip,
          rebalance: p.rebalance,
          topK: p.top_k,
          bottomK: p.bottom_k,
          weighting: p.weighting,
          volWindow: p.vol_window,
          gross: p.gross,
          minTrade: p.min_trade,
        },
      }),
    },
  },
  {
    id: 'pairs',
    description:
      'Pairs mean reversion: rolling OLS hedge of instrument y on x, trade the spread z-score with dollar-neutral legs (entry, exit and stop thresholds).',
    params: [],
    lab: {
      params: [
        integer('y', 0, 0, 'universe index (0-based, input order) of the dependent leg'),
        integer('x', 1, 0, 'universe index (0-based, input order) of the hedge leg'),
        integer('window', 60, 3, 'bars in the rolling OLS window'),
        integer('log', 0, 0, '1: regress log prices, 0: prices', 1),
        number('entry_z', 2, 'open when |z| exceeds this'),
        number('exit_z', 0.5, 'close when z is back inside ±exit_z (< entry_z)'),
        number('stop_z', 4, 'close when |z| exceeds this against the position, then wait until |z| < entry_z (0 = no stop)'),
        number('weight', 0.45, 'fraction of NAV in each leg'),
      ],
      spec: (p) => ({
        name: 'pairs',
        params: { y: p.y, x: p.x, window: p.window, log: p.log, entryZ: p.entry_z, exitZ: p.exit_z, stopZ: p.stop_z, weight: p.weight },
      }),
    },
  },
];

/**
 * Ids of the strategies a profile runs: the backtesting.py profile's (the default, what version-1 specs, the
 * experiment form and sweeps offer), or the lab profile's (every entry, the universe strategies included).
 */
export function strategyIds(profile: StrategyProfile = 'backtesting.py'): string[] {
  return ENTRIES.filter((e) => profile === 'lab' || e.create !== undefined).map((e) => e.id);
}

/** Strategies that run in the lab profile (an entry with a `lab` form): the members of a version-2 spec. */
export function labStrategyIds(): string[] {
  return ENTRIES.filter((e) => (e as Partial<StrategyEntry>).lab !== undefined).map((e) => e.id);
}

/** Any registered strategy, whichever profile runs it. */
export function findStrategy(id: string): StrategyEntry {
  const entry = ENTRIES.find((e) => e.id === id);
  if (entry) return entry;
  const all = strategyIds('lab');
  const hint = didYouMean([id], all);
  throw new StrategyParamError(`unknown strategy "${id}"${hint ? `; did you mean "${hint}"?` : ''} (known: ${all.join(', ')})`);
}

/** The backtesting.py-profile strategy object of an entry, or the refusal of a lab-only one. */
export function compatStrategy(entry: StrategyEntry, params: Record<string, number>): Strategy {
  if (entry.create === undefined) throw new StrategyParamError(labOnly(entry));
  return entry.create(params);
}

function labOnly(entry: StrategyEntry): string {
  return `strategy ${entry.id} runs only in the lab profile (profile "lab", --profile lab); the backtesting.py profile runs ${strategyIds().join(', ')}`;
}

/** Checks names, kinds and ranges; fills defaults. Unknown names get a "did you mean" hint. */
export function validateStrategyParams(
  entry: StrategyEntry,
  given: Record<string, number>,
  profile: StrategyProfile = 'backtesting.py',
): Record<string, number> {
  if (profile !== 'lab' && entry.create === undefined) throw new StrategyParamError(labOnly(entry));
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
    if (spec.max !== undefined && v > spec.max) throw new StrategyParamError(`${entry.id}: ${spec.name} must be ≤ ${spec.max}, got ${v}`);
    out[spec.name] = v;
  }
  return out;
}
