import { parseArgs } from 'node:util';
import type { BacktestOptionsInput } from '../core/backtest/options';
import { CliError } from './cli-error';

export interface BacktestArgs {
  data: string;
  strategy: string;
  params: Record<string, number>;
  options: BacktestOptionsInput;
  profile: 'backtesting.py';
  seed: number;
  json: boolean;
  /** Store for an artifact id given as --data (else $QUANTLAB_STORE, else ./.quantlab). */
  store?: string;
}

const PROFILES = ['backtesting.py'] as const;

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
        data: { type: 'string' },
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
        seed: { type: 'string' },
        json: { type: 'boolean' },
        store: { type: 'string' },
      },
    });
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
  const v = parsed.values;
  if (!v.data) throw new CliError('backtest: --data <file.csv|file.parquet|artifact id> is required');
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
  return { data: v.data, strategy: v.strategy, params, options, profile: profile as BacktestArgs['profile'], seed, json: v.json ?? false, ...(v.store === undefined ? {} : { store: v.store }) };
}
