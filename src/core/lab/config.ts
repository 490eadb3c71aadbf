import { didYouMean } from '../csv/did-you-mean';
import {
  BRACKET_RULE_NAMES,
  BracketRule,
  FILL_TIMING_NAMES,
  FillTiming,
  SLIPPAGE_MODEL_NAMES,
  SlippageModel,
  VOLUME_REMAINDER_NAMES,
  VolumeRemainder,
  codeOf,
} from './codes';
import { EngineConfigError } from './errors';
import { describeLabLimits, hasLimits, resolveLabLimits, type LabLimits, type LabLimitsInput } from './limits';

/**
 * Configuration of the lab engine profile: what callers write (`LabConfigInput`, every field optional) and
 * the validated, fully resolved form the engine runs on (`LabConfig`, enums as integer codes).
 *
 * Defaults: cash 10 000; no commission, spread or slippage; fills at the next bar's open; no volume cap
 * (remainder `keep` when a cap is set); margin ratio 1 (no leverage: gross exposure ≤ NAV); shorts not
 * allowed; bracket conflicts resolved `stop-first`; lot size 1 (whole units); open trades left open at the end;
 * seed 0. The resolved config is echoed in every result, and the seed is part of it: same inputs + same
 * config = same bits.
 */
export interface LabConfigInput {
  /** Starting cash, > 0. */
  cash?: number;
  /** Per fill: `fixed` cash + `relative` × |units| × price. */
  commission?: { fixed?: number; relative?: number };
  /** Full bid–ask spread as a fraction of the bar price, in [0, 1). Buys pay +spread/2, sells −spread/2. */
  spread?: number;
  slippage?: {
    model?: (typeof SLIPPAGE_MODEL_NAMES)[number];
    /** fixed-bps: the slippage; random: its maximum (uniform in [0, bps)). 1 bp = 0.0001. */
    bps?: number;
    /** volatility: slippage = volMultiplier × sample std of the last `window` close-to-close returns. */
    volMultiplier?: number;
    window?: number;
  };
  fillTiming?: (typeof FILL_TIMING_NAMES)[number];
  /** Largest share of a bar's volume that fills may take, in (0, 1]; 0 or absent: no cap. */
  volumeShare?: number;
  volumeRemainder?: (typeof VOLUME_REMAINDER_NAMES)[number];
  /** Required margin as a fraction of gross exposure, in (0, 1]; leverage = 1 / marginRatio. */
  marginRatio?: number;
  allowShort?: boolean;
  bracketRule?: (typeof BRACKET_RULE_NAMES)[number];
  /** Smallest tradable quantity, > 0: one number for every instrument or one per instrument. */
  lotSize?: number | readonly number[];
  /** After the last bar, close every open trade at its instrument's last known close (costs apply). */
  closeAtEnd?: boolean;
  /** Seed of the run's RNG (random slippage), an integer in [0, 2^32). */
  seed?: number;
  /** Pre- and post-trade risk limits (limits.ts). */
  limits?: LabLimitsInput;
}

/** The validated configuration the engine runs on. */
export interface LabConfig {
  readonly cash: number;
  readonly commissionFixed: number;
  readonly commissionRelative: number;
  readonly spread: number;
  readonly slippageModel: SlippageModel;
  readonly slippageBps: number;
  readonly volMultiplier: number;
  readonly volWindow: number;
  readonly fillTiming: FillTiming;
  /** 0 = no cap. */
  readonly volumeShare: number;
  readonly volumeRemainder: VolumeRemainder;
  readonly marginRatio: number;
  readonly allowShort: boolean;
  readonly bracketRule: BracketRule;
  /** One lot size per instrument. */
  readonly lotSize: Float64Array;
  readonly closeAtEnd: boolean;
  readonly seed: number;
  /** Risk limits (NaN fields: not set). */
  readonly limits: LabLimits;
}

const KEYS = [
  'cash',
  'commission',
  'spread',
  'slippage',
  'fillTiming',
  'volumeShare',
  'volumeRemainder',
  'marginRatio',
  'allowShort',
  'bracketRule',
  'lotSize',
  'closeAtEnd',
  'seed',
  'limits',
] as const;

function fail(message: string): never {
  throw new EngineConfigError(`engine config: ${message}`);
}

function checkKeys(where: string, obj: object, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    const hint = didYouMean([key.toLowerCase()], allowed);
    fail(`unknown option ${where}${key}${hint === undefined ? '' : ` (did you mean "${where}${hint}"?)`}; known: ${allowed.join(', ')}`);
  }
}

function enumCode(field: string, names: readonly string[], value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const code = codeOf(names, value);
  if (code < 0) fail(`${field} must be one of ${names.map((n) => `'${n}'`).join(', ')}, got ${JSON.stringify(value)}`);
  return code;
}

function finite(field: string, value: number, low: number, high: number, lowOpen: boolean, highOpen: boolean): number {
  const okLow = lowOpen ? value > low : value >= low;
  const okHigh = highOpen ? value < high : value <= high;
  if (typeof value !== 'number' || !Number.isFinite(value) || !okLow || !okHigh) {
    fail(`${field} must be a finite number in ${lowOpen ? '(' : '['}${low}, ${high}${highOpen ? ')' : ']'}, got ${String(value)}`);
  }
  return value;
}

/** Validates `input` for a timeline of `instrumentCount` instruments and fills in the defaults. */
export function resolveLabConfig(input: LabConfigInput, instrumentCount: number): LabConfig {
  checkKeys('', input, KEYS);
  const c = input.commission ?? {};
  checkKeys('commission.', c, ['fixed', 'relative']);
  const s = input.slippage ?? {};
  checkKeys('slippage.', s, ['model', 'bps', 'volMultiplier', 'window']);
  const limits = resolveLabLimits(input.limits);

  const cash = finite('cash', input.cash ?? 10_000, 0, Infinity, true, true);
  const commissionFixed = finite('commission.fixed', c.fixed ?? 0, 0, Infinity, false, true);
  const commissionRelative = finite('commission.relative', c.relative ?? 0, 0, 1, false, true);
  const spread = finite('spread', input.spread ?? 0, 0, 1, false, true);

  const slippageModel = enumCode('slippage.model', SLIPPAGE_MODEL_NAMES, s.model, SlippageModel.None) as SlippageModel;
  let slippageBps = 0,
    volMultiplier = 0,
    volWindow = 0;
  if (slippageModel === SlippageModel.FixedBps || slippageModel === SlippageModel.Random) {
    if (s.bps === undefined) fail(`slippage.bps is required by slippage.model '${SLIPPAGE_MODEL_NAMES[slippageModel]}'`);
    slippageBps = finite('slippage.bps', s.bps, 0, 10_000, false, true);
  } else if (slippageModel === SlippageModel.Volatility) {
    if (s.volMultiplier === undefined) fail(`slippage.volMultiplier is required by slippage.model 'volatility'`);
    volMultiplier = finite('slippage.volMultiplier', s.volMultiplier, 0, Infinity, false, true);
    volWindow = s.window ?? 20;
    if (!Number.isInteger(volWindow) || volWindow < 2 || volWindow > 10_000) {
      fail(`slippage.window must be an integer in [2, 10000] (returns in the volatility estimate), got ${String(s.window)}`);
    }
  }
  if (slippageModel !== SlippageModel.FixedBps && slippageModel !== SlippageModel.Random && s.bps !== undefined) {
    fail(`slippage.bps is only used by 'fixed-bps' and 'random'; slippage.model is '${SLIPPAGE_MODEL_NAMES[slippageModel]}'`);
  }
  if (slippageModel !== SlippageModel.Volatility && (s.volMultiplier !== undefined || s.window !== undefined)) {
    fail(`slippage.volMultiplier and slippage.window are only used by 'volatility'; slippage.model is '${SLIPPAGE_MODEL_NAMES[slippageModel]}'`);
  }

  const fillTiming = enumCode('fillTiming', FILL_TIMING_NAMES, input.fillTiming, FillTiming.NextOpen) as FillTiming;
  const volumeShare = finite('volumeShare', input.volumeShare ?? 0, 0, 1, false, false);
  const volumeRemainder = enumCode('volumeRemainder', VOLUME_REMAINDER_NAMES, input.volumeRemainder, VolumeRemainder.Keep) as VolumeRemainder;
  const marginRatio = finite('marginRatio', input.marginRatio ?? 1, 0, 1, true, false);
  const allowShort = input.allowShort ?? false;
  if (typeof allowShort !== 'boolean') fail(`allowShort must be true or false, got ${String(allowShort)}`);
  const bracketRule = enumCode('bracketRule', BRACKET_RULE_NAMES, input.bracketRule, BracketRule.StopFirst) as BracketRule;
  const closeAtEnd = input.closeAtEnd ?? false;
  if (typeof closeAtEnd !== 'boolean') fail(`closeAtEnd must be true or false, got ${String(closeAtEnd)}`);

  const lots = input.lotSize ?? 1;
  const lotSize = new Float64Array(instrumentCount);
  if (typeof lots === 'number') {
    lotSize.fill(finite('lotSize', lots, 0, Infinity, true, true));
  } else {
    if (lots.length !== instrumentCount) fail(`lotSize has ${lots.length} values, the timeline has ${instrumentCount} instruments`);
    for (let k = 0; k < instrumentCount; k++) lotSize[k] = finite(`lotSize[${k}]`, lots[k], 0, Infinity, true, true);
  }

  const seed = input.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) fail(`seed must be an integer in [0, 4294967295], got ${String(seed)}`);

  return {
    cash,
    commissionFixed,
    commissionRelative,
    spread,
    slippageModel,
    slippageBps,
    volMultiplier,
    volWindow,
    fillTiming,
    volumeShare,
    volumeRemainder,
    marginRatio,
    allowShort,
    bracketRule,
    lotSize,
    closeAtEnd,
    seed,
    limits,
  };
}

/**
 * The config in its input spelling (names, not codes): what results echo and what reproduces the run. Limits are
 * echoed only when set, so that runs without them keep their result hashes.
 */
export function describeLabConfig(
  c: LabConfig,
): Required<Omit<LabConfigInput, 'lotSize' | 'limits'>> & { lotSize: number[]; limits?: LabLimitsInput } {
  return {
    cash: c.cash,
    commission: { fixed: c.commissionFixed, relative: c.commissionRelative },
    spread: c.spread,
    slippage: {
      model: SLIPPAGE_MODEL_NAMES[c.slippageModel],
      ...(c.slippageModel === SlippageModel.FixedBps || c.slippageModel === SlippageModel.Random ? { bps: c.slippageBps } : {}),
      ...(c.slippageModel === SlippageModel.Volatility ? { volMultiplier: c.volMultiplier, window: c.volWindow } : {}),
    },
    fillTiming: FILL_TIMING_NAMES[c.fillTiming],
    volumeShare: c.volumeShare,
    volumeRemainder: VOLUME_REMAINDER_NAMES[c.volumeRemainder],
    marginRatio: c.marginRatio,
    allowShort: c.allowShort,
    bracketRule: BRACKET_RULE_NAMES[c.bracketRule],
    lotSize: Array.from(c.lotSize),
    closeAtEnd: c.closeAtEnd,
    seed: c.seed,
    ...(hasLimits(c.limits) ? { limits: describeLabLimits(c.limits) } : {}),
  };
}
