import { parseArgs } from 'node:util';
import type { BacktestOptionsInput } from '../core/compat/options';
import type { LabConfigInput } from '../core/lab/config';
import { CliError } from './cli-error';

export interface BacktestArgs {
  /** One or more --data values; several (or a folder) only with --profile lab. */
  data: string[];
  strategy: string;
  params: Record<string, number>;
  /** Broker options of the backtesting.py profile. */
  options: BacktestOptionsInput;
  profile: 'backtesting.py' | 'lab';
  /** Configuration of the lab profile (built from the same flags plus --slippage and --volume-share). */
  lab: LabConfigInput;
  seed: number;
  json: boolean;
  /** Store for an artifact id given as --data (else $QUANTLAB_STORE, else ./.quantlab). */
  store?: string;
}

const PROFILES = ['backtesting.py', 'lab'] as const;
const SLIPPAGE_MODELS = ['none', 'fixed-bps', 'random', 'volatility'] as const;

/** `--slippage MODEL[,X]`: `fixed-bps,5`, `random,5` (bps), `volatility,0.5` (multiplier), or `none`. */
function slippage(text: string): NonNullable<LabConfigInput['slippage']> {
  const [model, value] = text.split(',');
  if (!(SLIPPAGE_MODELS as readonly string[]).includes(model)) {
    throw new CliError(`--slippage: unknown model "${model}" (known: ${SLIPPAGE_MODELS.join(', ')})`);
  }
  const m = model as (typeof SLIPPAGE_MODELS)[number];
  if (m === 'none') return { model: m };
  if (value === undefined) throw new CliError(`--slippage: ${m} needs a value, e.g. ${m},${m === 'volatility' ? '0.5' : '5'}`);
  return m === 'volatility' ? { model: m, volMultiplier: number('slippage', value) } : { model: m, bps: number('slippage', value) };
}

/** Flags that only the backtesting.py profile understands (the lab profile nets positions per instrument). */
const COMPAT_ONLY = ['exclusive-orders', 'hedging'] as const;

function number(flag: string, text: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new CliError(`--${flag}: "${text}" is not a number`);
  return v;
}

/** `--commission R` (relative) or `--commission FIXED,RELATIVE`. */
function commission(text: string): BacktestOptionsInput['commission'] {
  const parts = text.split(',');
  if (parts.length === 1) return number('commission', parts[0]);
  if (parts.length === 2) return { fixed: number('commission', parts[0]), relative: number('commission', parts[1]) };
  throw new CliError(`--commission: expected RELATIVE or FIXED,RELATIVE, got "${text}"`);
}

function param(text: string): [string, number] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new CliError(`--param: expected NAME=VALUE, got "${text}"`);
  return [text.slice(0, eq).trim(), number(`param ${text.slice(0, eq).trim()}`, text.slice(eq + 1))];
}

export function parseBacktestArgs(argv: string[]): BacktestArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string', multiple: true },
        strategy: { type: 'string' },
        param: { type: 'string', multiple: true },
        cash: { type: 'string' },
        commission: { type: 'string' },
        spread: { type: 'string' },
        margin: { type: 'string' },
        'trade-on-close': { type: 'boolean' },
        'exclusive-orders': { type: 'boolean' },
        'finalize-trades': { type: 'boolean' },
        hedging: { type: 'boolean' },
        profile: { type: 'string' },
        slippage: { type: 'string' },
        'volume-share': { type: 'string' },
        'no-short': { type: 'boolean' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
        store: { type: 'string' },
      },
    });
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
  const v = parsed.values;
  if (!v.data || v.data.length === 0) throw new CliError('backtest: --data <file.csv|file.parquet|folder|artifact id> is required');
  if (!v.strategy) throw new CliError('backtest: --strategy <name> is required (e.g. --strategy sma-cross)');
  const profile = v.profile ?? 'backtesting.py';
  if (!(PROFILES as readonly string[]).includes(profile)) {
    throw new CliError(`--profile: unknown profile "${profile}" (known: ${PROFILES.join(', ')})`);
  }
  const params: Record<string, number> = {};
  for (const p of v.param ?? []) {
    const [name, value] = param(p);
    if (name in params) throw new CliError(`--param: ${name} given twice`);
    params[name] = value;
  }
  const seed = v.seed === undefined ? 0 : number('seed', v.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new CliError(`--seed: must be an integer in [0, 4294967295], got ${v.seed}`);
  const options: BacktestOptionsInput = {
    ...(v.cash === undefined ? {} : { cash: number('cash', v.cash) }),
    ...(v.commission === undefined ? {} : { commission: commission(v.commission) }),
    ...(v.spread === undefined ? {} : { spread: number('spread', v.spread) }),
    ...(v.margin === undefined ? {} : { margin: number('margin', v.margin) }),
    tradeOnClose: v['trade-on-close'] ?? false,
    exclusiveOrders: v['exclusive-orders'] ?? false,
    finalizeTrades: v['finalize-trades'] ?? false,
    hedging: v.hedging ?? false,
  };
  if (profile !== 'lab' && v.data.length > 1) {
    throw new CliError(`--data given ${v.data.length} times: the backtesting.py profile runs on one instrument; a universe needs --profile lab`);
  }
  if (profile === 'lab') {
    for (const flag of COMPAT_ONLY)
      if (v[flag]) throw new CliError(`--${flag} is a backtesting.py profile option; the lab profile nets positions per instrument`);
  } else if (v.slippage !== undefined || v['volume-share'] !== undefined || v['no-short']) {
    throw new CliError(
      '--slippage, --volume-share and --no-short need --profile lab (the backtesting.py profile fills without slippage, as backtesting.py does)',
    );
  }
  const c = options.commission;
  const lab: LabConfigInput = {
    ...(options.cash === undefined ? {} : { cash: options.cash }),
    ...(c === undefined ? {} : { commission: typeof c === 'number' ? { relative: c } : c }),
    ...(options.spread === undefined ? {} : { spread: options.spread }),
    ...(options.margin === undefined ? {} : { marginRatio: options.margin }),
    ...(v.slippage === undefined ? {} : { slippage: slippage(v.slippage) }),
    ...(v['volume-share'] === undefined ? {} : { volumeShare: number('volume-share', v['volume-share']) }),
    fillTiming: options.tradeOnClose ? 'close' : 'next-open',
    // The built-in strategies are long/short; --no-short makes them long-only (short entries are refused).
    allowShort: !v['no-short'],
    closeAtEnd: options.finalizeTrades ?? false,
    seed,
  };
  return {
    data: v.data,
    strategy: v.strategy,
    params,
    options,
    lab,
    profile: profile as BacktestArgs['profile'],
    seed,
    json: v.json ?? false,
    ...(v.store === undefined ? {} : { store: v.store }),
  };
}
